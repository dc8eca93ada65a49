"""Finding likely duplicates of a proposal, or of a text being drafted, among the
proposals a person may see — as queries over ``ProposalTerm``, never a scan in Python.

Score: the cosine of TF-IDF vectors of key terms (``tokenizer.key_terms`` weights times
IDF). Two queries do it:

1. the dot product with every proposal that shares at least one term, summed in SQL
   over the rows of the query's terms only (index ``term, proposal, weight``), the best
   ``CANDIDATES`` kept;
2. those candidates' own terms, to divide by their vector length (long texts do not win
   by length) and to say *why*: the shared terms that weigh most.

On PostgreSQL with the ``pg_trgm`` extension installed, the trigram similarity of the
titles is blended in (``TRIGRAM_SHARE``) and proposals with very similar titles join
the candidates even when their key terms differ (spelling variants Kiwi splits apart).
Without the extension (or on SQLite) the term score stands alone.
"""

import dataclasses
import math
from collections import defaultdict

from django.db import connection
from django.db.models import Case, Count, F, FloatField, Q, Sum, Value, When

from apps.core.ids import parse_id
from apps.proposals.models import OPEN_STATUSES, Proposal, ProposalStatus
from apps.proposals.selectors import public_q, visibility_q

from . import matching
from .models import Cluster, ClusterMember, ProposalTerm
from .tokenizer import key_terms

CANDIDATES = 50
MIN_SCORE = 0.25  # below this a match is not shown as a likely duplicate (bench/README.md)
DEFAULT_LIMIT = 5
SHARED_TERMS_SHOWN = 6
TRIGRAM_SHARE = 0.2
TRIGRAM_MIN = 0.35
# Not worth pointing at: withdrawn proposals were given up by their region.
EXCLUDED_STATUSES = (ProposalStatus.WITHDRAWN,)


@dataclasses.dataclass
class Match:
    proposal: Proposal
    score: float
    shared_terms: list[str]
    visible: bool = True  # False: only its public page may be shown to this person

    @property
    def percent(self) -> int:
        return round(self.score * 100)


def idf(total: int, document_frequency: int) -> float:
    """Smoothed inverse document frequency: rare terms weigh more, none weighs zero."""
    return math.log((total + 1) / (document_frequency + 1)) + 1.0


def _document_frequencies(terms) -> dict[str, int]:
    terms = list(terms)
    if not terms:
        return {}
    rows = ProposalTerm.objects.filter(term__in=terms).values("term").annotate(n=Count("proposal_id")).order_by()
    return {row["term"]: row["n"] for row in rows}


_trigram_cache: dict[str, bool] = {}


def trigram_available() -> bool:
    """PostgreSQL with ``pg_trgm`` installed in this database (checked once per process
    and database)."""
    if connection.vendor != "postgresql":
        return False
    key = connection.settings_dict["NAME"]
    if key not in _trigram_cache:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
            _trigram_cache[key] = cursor.fetchone() is not None
    return _trigram_cache[key]


def _shown_terms(contributions: dict[str, float]) -> list[str]:
    """The shared terms that weigh most, without the parts of a compound already shown
    (개발제한구역 hides 개발, 제한, 구역)."""
    shown: list[str] = []
    for term, _ in sorted(contributions.items(), key=lambda item: (-item[1], -len(item[0]), item[0])):
        if any(term in longer for longer in shown):
            continue
        shown = [other for other in shown if other not in term]
        shown.append(term)
        if len(shown) >= SHARED_TERMS_SHOWN:
            break
    return shown


def candidate_proposals(user, *, statuses=None, include_public: bool = False) -> Q:
    """Which proposals may be offered as matches to ``user``: those they may see, and
    with ``include_public`` the public ones of every region."""
    scope = visibility_q(user)
    if include_public:
        scope |= public_q()
    scope &= ~Q(status__in=EXCLUDED_STATUSES)
    if statuses:
        scope &= Q(status__in=statuses)
    return scope


def rank(
    user,
    weights: dict[str, float],
    *,
    title: str = "",
    exclude_ids=(),
    statuses=None,
    include_public: bool = True,
    limit: int = DEFAULT_LIMIT,
    min_score: float = MIN_SCORE,
) -> list[Match]:
    """Proposals ``user`` may see that are most like the text whose key terms are
    ``weights``, best first."""
    scope = candidate_proposals(user, statuses=statuses, include_public=include_public)
    scored = rank_scores(scope, weights, title=title, exclude_ids=exclude_ids, limit=limit, min_score=min_score)
    ids = [pk for _, pk, _ in scored]
    proposals = Proposal.objects.select_related("region", "lead_department").in_bulk(ids)
    seen = set(Proposal.objects.filter(visibility_q(user), pk__in=ids).values_list("pk", flat=True))
    return [
        Match(proposal=proposals[pk], score=round(min(score, 1.0), 4), shared_terms=terms, visible=pk in seen)
        for score, pk, terms in scored
        if pk in proposals
    ]


def rank_scores(
    scope: Q, weights: dict[str, float], *, title: str = "", exclude_ids=(), limit: int, min_score: float
) -> list[tuple[float, int, list[str]]]:
    """(score, proposal id, shared terms) of the proposals in ``scope`` most like the text
    whose key terms are ``weights``, best first."""
    if not weights and not title:
        return []
    total = Proposal.objects.count()
    frequencies = _document_frequencies(weights)
    idfs = {term: idf(total, frequencies.get(term, 0)) for term in weights}
    query_norm = math.sqrt(sum((weights[t] * idfs[t]) ** 2 for t in weights)) or 1.0
    visible = Proposal.objects.filter(scope).exclude(pk__in=list(exclude_ids))
    visible_ids = visible.values("pk")

    shared = [term for term in weights if frequencies.get(term)]
    dots: dict[int, float] = {}
    if shared:
        factor = Case(
            *[When(term=term, then=Value(weights[term] * idfs[term] ** 2)) for term in shared],
            default=Value(0.0),
            output_field=FloatField(),
        )
        rows = (
            ProposalTerm.objects.filter(term__in=shared, proposal_id__in=visible_ids)
            .values("proposal_id")
            .annotate(dot=Sum(F("weight") * factor))
            .order_by("-dot", "proposal_id")[:CANDIDATES]
        )
        dots = {row["proposal_id"]: row["dot"] for row in rows}

    trigram: dict[int, float] = {}
    with_trigram = trigram_available()
    if title and with_trigram:
        trigram = _trigram_scores(visible, title, set(dots))
        for pk in trigram:
            dots.setdefault(pk, 0.0)
    if not dots:
        return []

    # Stage 2: the candidates' vector lengths, and what they share with the query.
    candidate_terms: dict[int, dict[str, float]] = defaultdict(dict)
    for pk, term, weight in ProposalTerm.objects.filter(proposal_id__in=list(dots)).values_list(
        "proposal_id", "term", "weight"
    ):
        candidate_terms[pk][term] = weight
    all_terms = {term for terms in candidate_terms.values() for term in terms}
    frequencies.update(_document_frequencies(all_terms - set(frequencies)))

    scored = []
    for pk, dot in dots.items():
        terms = candidate_terms.get(pk, {})
        norm = math.sqrt(sum((w * idf(total, frequencies.get(t, 0))) ** 2 for t, w in terms.items())) or 1.0
        cosine = dot / (query_norm * norm)
        score = cosine
        if with_trigram:
            score = (1 - TRIGRAM_SHARE) * cosine + TRIGRAM_SHARE * trigram.get(pk, 0.0)
        if score < min_score:
            continue
        contributions = {t: weights[t] * terms[t] * idfs[t] ** 2 for t in weights if t in terms}
        scored.append((score, pk, _shown_terms(contributions)))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return scored[:limit]


def _trigram_scores(visible, title: str, known: set[int]) -> dict[int, float]:
    from django.contrib.postgres.search import TrigramSimilarity

    similar = (
        visible.annotate(similarity=TrigramSimilarity("title", title))
        .filter(Q(pk__in=list(known)) | Q(similarity__gte=TRIGRAM_MIN))
        .order_by("-similarity", "pk")
        .values_list("pk", "similarity")[: CANDIDATES + len(known)]
    )
    return {pk: float(value) for pk, value in similar}


def similar_to_text(
    user, *, title: str = "", summary: str = "", requested_action: str = "", exclude_ids=(), **options
) -> list[Match]:
    """Likely duplicates of a text being drafted."""
    weights = key_terms(title=title, summary=summary, requested_action=requested_action)
    return rank(user, weights, title=title, exclude_ids=exclude_ids, **options)


def similar_to_proposal(
    user,
    proposal: Proposal,
    *,
    statuses=None,
    include_public: bool = True,
    limit: int = DEFAULT_LIMIT,
    min_score: float = MIN_SCORE,
    exclude_ids=(),
) -> list[Match]:
    """Likely duplicates of ``proposal`` among what ``user`` may see (never itself): its
    stored matches (``matching``), read with a constant number of queries."""
    scope = candidate_proposals(user, statuses=statuses, include_public=include_public)
    rows = matching.matches_for(proposal.pk, scope, min_score=min_score, limit=limit, exclude_ids=exclude_ids)
    ids = [row.similar_id for row in rows]
    seen = set(Proposal.objects.filter(visibility_q(user), pk__in=ids).values_list("pk", flat=True)) if ids else set()
    return [
        Match(proposal=row.similar, score=row.score, shared_terms=row.shared_terms, visible=row.similar_id in seen)
        for row in rows
    ]


# --- clusters ---------------------------------------------------------------------------


def clusters_for(user):
    """Clusters with at least one member ``user`` may see."""
    visible = Proposal.objects.filter(visibility_q(user)).values("pk")
    return (
        Cluster.objects.filter(members__proposal_id__in=visible)
        .distinct()
        .select_related("created_by")
        .annotate(size=Count("members", distinct=True))
    )


def cluster_get(user, pk) -> Cluster | None:
    pk = parse_id(pk)
    if pk is None:
        return None
    return clusters_for(user).filter(pk=pk).first()


def cluster_members(user, cluster: Cluster):
    """The members ``user`` may see, with what the cluster page shows."""
    from apps.proposals.selectors import proposal_list

    return proposal_list(user).filter(cluster_membership__cluster=cluster).order_by("region__code", "pk")


def cluster_of(proposal: Proposal) -> Cluster | None:
    membership = ClusterMember.objects.select_related("cluster").filter(proposal=proposal).first()
    return membership.cluster if membership else None


# Received and still open: what can be triaged, assigned and decided together.
CLUSTERABLE_STATUSES = OPEN_STATUSES


def clusterable(proposal: Proposal) -> bool:
    """Only proposals the ministry has received and not yet decided or closed can join a cluster."""
    return proposal.status in CLUSTERABLE_STATUSES


# --- the TF's view: groups of likely duplicates -------------------------------------------

GROUP_MIN_SCORE = 0.35
GROUPS_FROM = 40  # proposals of the queue whose stored matches are grouped
GROUP_LINKS = 5  # strongest matches of each taken into the groups


@dataclasses.dataclass
class DuplicateGroup:
    proposals: list[Proposal]
    score: float  # the strongest link in the group
    shared_terms: list[str]


def duplicate_groups(user, proposals, *, min_score: float = GROUP_MIN_SCORE) -> list[DuplicateGroup]:
    """Groups of open proposals (of ``proposals`` and whatever open proposal matches them)
    that look like the same request, strongest first; proposals already clustered
    together are not offered again. Reads the stored matches: a fixed number of queries."""
    members: dict[int, Proposal] = {}
    for proposal in list(proposals)[:GROUPS_FROM]:
        if clusterable(proposal):
            members[proposal.pk] = proposal
    scope = candidate_proposals(user, statuses=CLUSTERABLE_STATUSES, include_public=False)
    links: list[tuple[float, int, int, list[str]]] = []
    for row in matching.pairs_among(members, scope, min_score=min_score, per_proposal=GROUP_LINKS):
        members.setdefault(row.similar_id, row.similar)
        links.append((row.score, row.proposal_id, row.similar_id, row.shared_terms))
    # Proposals already clustered together are one request already: no link between them.
    clustered = dict(
        ClusterMember.objects.filter(proposal_id__in=list(members)).values_list("proposal_id", "cluster_id")
    )
    links = [link for link in links if not (link[1] in clustered and clustered[link[1]] == clustered.get(link[2]))]
    parent = {pk: pk for pk in members}

    def root(pk):
        while parent[pk] != pk:
            pk = parent[pk]
        return pk

    for _score, left, right, _terms in links:
        parent[root(right)] = root(left)
    strongest: dict[int, tuple[float, list[str]]] = {}
    for score, left, _right, terms in sorted(links, key=lambda link: -link[0]):
        strongest.setdefault(root(left), (score, terms))
    groups: dict[int, list[Proposal]] = defaultdict(list)
    for pk, proposal in members.items():
        groups[root(pk)].append(proposal)
    result = [
        DuplicateGroup(
            proposals=sorted(group, key=lambda p: (p.region.code, p.pk)),
            score=strongest[key][0],
            shared_terms=strongest[key][1],
        )
        for key, group in groups.items()
        if len(group) > 1
    ]
    return sorted(result, key=lambda group: (-group.score, group.proposals[0].pk))
