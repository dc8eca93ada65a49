"""Stored matches (``SimilarProposal``): ranking runs when a proposal's text is written,
in a Celery worker, never on a page view.

``store_matches`` ranks one proposal against every other (``selectors.rank_scores`` over
its stored key terms, so no analyser is needed) and writes its best ``STORED`` matches,
and the same pair the other way round into each match's list (cosine and trigram scores
are symmetric), trimmed back to ``STORED``. Who may see a match is decided when it is
read (``matches_for``, ``pairs_among``), so one stored list serves every viewer.

Scores use the term frequencies of the corpus at the time they were stored; as the
corpus grows they drift a little. ``manage.py index_similarity --matches`` recomputes
them all.
"""

from django.db import transaction
from django.db.models import Q

from apps.proposals.models import Proposal

from .models import ProposalTerm, SimilarProposal

STORED = 20  # matches kept per proposal: enough for the API's largest limit after scoping


def _row(proposal_id: int, similar_id: int, score: float, terms: list[str]) -> SimilarProposal:
    return SimilarProposal(
        proposal_id=proposal_id, similar_id=similar_id, score=round(min(score, 1.0), 4), shared_terms=terms
    )


@transaction.atomic
def store_matches(proposal_id: int) -> int:
    """(Re)compute the stored matches of one proposal; returns how many it has."""
    from .selectors import MIN_SCORE, rank_scores

    proposal = Proposal.objects.filter(pk=proposal_id).only("pk", "title").first()
    if proposal is None:
        return 0
    weights = dict(ProposalTerm.objects.filter(proposal_id=proposal_id).values_list("term", "weight"))
    scored = rank_scores(
        Q(), weights, title=proposal.title, exclude_ids=[proposal_id], limit=STORED, min_score=MIN_SCORE
    )
    SimilarProposal.objects.filter(Q(proposal_id=proposal_id) | Q(similar_id=proposal_id)).delete()
    rows = [_row(proposal_id, other, score, terms) for score, other, terms in scored]
    rows += [_row(other, proposal_id, score, terms) for score, other, terms in scored]
    SimilarProposal.objects.bulk_create(rows)
    for _score, other, _terms in scored:
        _trim(other)
    return len(scored)


def _trim(proposal_id: int) -> None:
    extra = list(
        SimilarProposal.objects.filter(proposal_id=proposal_id)
        .order_by("-score", "similar_id")
        .values_list("pk", flat=True)[STORED:]
    )
    if extra:
        SimilarProposal.objects.filter(pk__in=extra).delete()


def store_all_matches(queryset=None, *, progress=None) -> int:
    """Recompute the stored matches of many proposals (``index_similarity --matches``)."""
    queryset = Proposal.objects.all() if queryset is None else queryset
    ids = list(queryset.order_by("pk").values_list("pk", flat=True))
    for done, pk in enumerate(ids, start=1):
        store_matches(pk)
        if progress is not None and (done % 100 == 0 or done == len(ids)):
            progress(done, len(ids))
    return len(ids)


def matches_for(proposal_id: int, scope: Q, *, min_score: float, limit: int, exclude_ids=()):
    """The stored matches of one proposal among the proposals of ``scope``, best first:
    one query, the matched proposals' region and lead department joined."""
    return list(
        SimilarProposal.objects.filter(
            proposal_id=proposal_id, score__gte=min_score, similar_id__in=Proposal.objects.filter(scope).values("pk")
        )
        .exclude(similar_id__in=list(exclude_ids))
        .select_related("similar__region", "similar__lead_department")
        .order_by("-score", "similar_id")[:limit]
    )


def pairs_among(proposal_ids, scope: Q, *, min_score: float, per_proposal: int):
    """Stored matches of several proposals (at most ``per_proposal`` each, best first)
    among the proposals of ``scope``: one query."""
    rows = (
        SimilarProposal.objects.filter(
            proposal_id__in=list(proposal_ids),
            score__gte=min_score,
            similar_id__in=Proposal.objects.filter(scope).values("pk"),
        )
        .select_related("similar__region", "similar__cluster_membership")
        .order_by("proposal_id", "-score", "similar_id")
    )
    kept: dict[int, int] = {}
    result = []
    for row in rows:
        if kept.get(row.proposal_id, 0) < per_proposal:
            kept[row.proposal_id] = kept.get(row.proposal_id, 0) + 1
            result.append(row)
    return result
