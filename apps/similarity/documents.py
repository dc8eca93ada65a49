"""Each proposal's key terms as one PostgreSQL ``tsvector`` (``ProposalDocument``), what
search matches and ranks with (``search.py``).

The document is built in SQL from the proposal's ``ProposalTerm`` rows, so it holds
exactly the Kiwi terms the term index holds (no second analysis, no parser: each term is
one lexeme as written, what the ``simple`` configuration would keep). Each lexeme carries
a weight class from the term's weight, for ``ts_rank``: A for a term of the title (a
title term weighs at least 1 + ln 3 ≈ 2.1) or one said at least three times, B for one
said once or twice, C for a piece of a long noun, D for place names and rarer pieces.

``refresh`` runs wherever the terms are written (``indexing.py``: on submit and edit in
the Celery task, in bulk by ``manage.py index_similarity``); migration
``similarity.0006`` fills it for existing rows. On SQLite it does nothing: search there
reads ``ProposalTerm`` directly.
"""

from django.db import connection

# Weight classes from ``tokenizer.key_terms`` weights (see above).
TITLE_WEIGHT = 2.0
ONCE_WEIGHT = 1.0
PIECE_WEIGHT = 0.5

DOCUMENT_SQL = r"""
INSERT INTO similarity_proposaldocument (proposal_id, terms)
SELECT p.id, COALESCE((
    SELECT string_agg(
        '''' || replace(replace(t.term, '\', '\\'), '''', '''''') || ''':1' ||
        CASE WHEN t.weight >= %(title)s THEN 'A' WHEN t.weight >= %(once)s THEN 'B'
             WHEN t.weight >= %(piece)s THEN 'C' ELSE 'D' END,
        ' ')::tsvector
    FROM similarity_proposalterm t WHERE t.proposal_id = p.id
), ''::tsvector)
FROM proposals_proposal p
WHERE %(every)s OR p.id = ANY(%(ids)s)
ON CONFLICT (proposal_id) DO UPDATE SET terms = EXCLUDED.terms
"""


def enabled() -> bool:
    return connection.vendor == "postgresql"


def refresh(proposal_ids=None) -> None:
    """Rewrite the documents of ``proposal_ids`` (None: every proposal) from their terms."""
    if not enabled():
        return
    params = {"title": TITLE_WEIGHT, "once": ONCE_WEIGHT, "piece": PIECE_WEIGHT}
    with connection.cursor() as cursor:
        cursor.execute(DOCUMENT_SQL, {**params, "every": proposal_ids is None, "ids": list(proposal_ids or ())})
