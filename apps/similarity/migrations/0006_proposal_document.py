"""Search on PostgreSQL reads index entries, not rows (issue 15 item 2, issue 16 item 3).

- ``ProposalDocument``: each proposal's Kiwi key terms as one ``tsvector`` with a GIN
  index, matched with ``@@`` and ranked with ``ts_rank`` (``documents.py``, ``search.py``);
  filled here from the existing ``ProposalTerm`` rows in one statement (no analyser run:
  ~a second per 10,000 proposals), kept up to date by the indexing task afterwards.
- pg_trgm GIN indexes on ``UPPER(title)`` and ``UPPER(reference)`` (what ``icontains``
  compares), for the words that have no key term (a reference, a number) and the public
  list's near-spelling fallback; only when the extension exists (``portal.0001``).

Only on PostgreSQL; SQLite keeps the table empty and searches ``ProposalTerm``.
"""

import django.db.models.deletion
from django.db import migrations, models

import apps.similarity.models

DOCUMENT_SQL = r"""
INSERT INTO similarity_proposaldocument (proposal_id, terms)
SELECT p.id, COALESCE((
    SELECT string_agg(
        '''' || replace(replace(t.term, '\', '\\'), '''', '''''') || ''':1' ||
        CASE WHEN t.weight >= 2.0 THEN 'A' WHEN t.weight >= 1.0 THEN 'B'
             WHEN t.weight >= 0.5 THEN 'C' ELSE 'D' END,
        ' ')::tsvector
    FROM similarity_proposalterm t WHERE t.proposal_id = p.id
), ''::tsvector)
FROM proposals_proposal p
ON CONFLICT (proposal_id) DO UPDATE SET terms = EXCLUDED.terms
"""
TRIGRAM_INDEXES = {
    "proposal_title_trgm": "upper((title)::text)",
    "proposal_reference_trgm": "upper((reference)::text)",
}


def create_indexes(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE INDEX IF NOT EXISTS similarity_document_terms ON similarity_proposaldocument USING gin (terms)"
        )
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if cursor.fetchone() is not None:
            for name, expression in TRIGRAM_INDEXES.items():
                cursor.execute(
                    f"CREATE INDEX IF NOT EXISTS {name} ON proposals_proposal USING gin (({expression}) gin_trgm_ops)"
                )
        cursor.execute(DOCUMENT_SQL)
        cursor.execute("ANALYZE similarity_proposaldocument")


def drop_indexes(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for name in TRIGRAM_INDEXES:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_pg_trgm"),
        ("proposals", "0008_ratings_evaluations_follows"),
        ("similarity", "0005_similar_proposals"),
    ]

    operations = [
        migrations.CreateModel(
            name="ProposalDocument",
            fields=[
                (
                    "proposal",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_document",
                        serialize=False,
                        to="proposals.proposal",
                    ),
                ),
                ("terms", apps.similarity.models.DocumentField(verbose_name="검색 색인")),
            ],
            options={"verbose_name": "건의과제 검색 색인", "verbose_name_plural": "건의과제 검색 색인"},
        ),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
