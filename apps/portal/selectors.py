"""What the public may read (DESIGN.md §6): the one queryset every public page, feed,
export and API endpoint starts from.

Public proposals are those marked ``is_public`` that have reached the ministry: submitted
onward — ``submitted``, ``info_requested``, ``assigned``, ``in_review``, ``decided``,
``in_progress``, ``completed``, ``referred``, ``merged`` and ``reconsideration``.
Never public: ``draft`` and ``awaiting_endorsement`` (still the region's own working
papers, not yet endorsed by its vice-governor) and ``withdrawn`` (the region took it back;
it was never answered). Internal fields (``decision_reasons``, event notes,
consultations, attachments, comments) are not read here at all: the serializers and
templates use an explicit allow-list of public fields.

Search reads Korean (``apps.similarity.search``): particles dropped, variant names and
the operators' synonyms found, every word needed, best match first; on PostgreSQL through
each proposal's pre-analysed ``tsvector``. With the ``pg_trgm`` extension (created by
``0001_pg_trgm`` when the database role may) a one-word query that matches nothing that
way is retried on the titles by pg_trgm's word similarity (≥ 0.5, e.g. a typo or a
spacing variant), through a trigram index: only then, never on the common path.
"""

import django_filters
from django.db import DatabaseError, connection, transaction
from django.db.models import BooleanField, F, FloatField, Func, Prefetch, Q, QuerySet, Sum, Value
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from apps.core.api.filters import YearFilter
from apps.core.ids import parse_id
from apps.organisations.models import Region
from apps.proposals.models import (
    PUBLIC_STATUSES,
    Category,
    Outcome,
    Proposal,
    ProposalEvent,
    ProposalStatus,
    StatusTally,
    Strategy,
)
from apps.proposals.selectors import public_q, worked_by_q
from apps.similarity.search import ranked, text_q

S = ProposalStatus
# Proposals whose standing outcome is a decision (a reopened one is back in review).
DECIDED_STATUSES = (S.DECIDED, S.IN_PROGRESS, S.COMPLETED, S.RECONSIDERATION)
ACCEPTED_OUTCOMES = (Outcome.ACCEPTED, Outcome.PARTIALLY_ACCEPTED)
TRIGRAM_THRESHOLD = 0.5
MAX_SEARCH_LENGTH = 200


def public_proposals(*, merge_target: bool = True, support_departments: bool = True) -> QuerySet:
    """Every public proposal with what the public pages show preloaded (a constant number
    of queries whatever the number of rows). ``merge_target=False`` leaves out the
    proposal a merged one went into (a self-join) and ``support_departments=False`` the
    supporting departments (a query): the HTML list shows neither."""
    related = ("region", "region__successor", "lead_department", *(("merged_into",) if merge_target else ()))
    return (
        Proposal.objects.filter(public_q())
        .select_related(*related)
        .prefetch_related("strategies", *(("support_departments",) if support_departments else ()))
    )


def ordered(queryset: QuerySet) -> QuerySet:
    # Public proposals all have ``submitted_at``: newest first, walking its index backwards.
    return queryset.order_by("-submitted_at", "-pk")


def public_proposal_get(pk) -> Proposal | None:
    pk = parse_id(pk)
    if pk is None:
        return None
    # The page shows the rating and evaluation of a completed proposal: joined, not two more queries.
    return public_proposals().select_related("rating", "evaluation").filter(pk=pk).first()


def public_events(proposal: Proposal) -> list[ProposalEvent]:
    """The public timeline: public events only. Callers show ``public_payload``, never the note."""
    return list(ProposalEvent.objects.filter(proposal=proposal, is_public=True).order_by("created_at", "pk"))


def with_public_events(queryset: QuerySet) -> QuerySet:
    return queryset.prefetch_related(
        Prefetch(
            "events",
            queryset=ProposalEvent.objects.filter(is_public=True).order_by("created_at", "pk"),
            to_attr="public_event_list",
        )
    )


def public_region_ids(code: str) -> list[int]:
    """The region of ``code`` and every region that rolled up into it (its predecessors,
    transitively): filtering by 전남광주(12) also finds what 광주(29) and 전남(46) filed."""
    regions = list(Region.objects.values_list("pk", "code", "successor_id"))
    by_code = {region_code: pk for pk, region_code, _successor in regions}
    if code not in by_code:
        return []
    found, frontier = {by_code[code]}, {by_code[code]}
    while frontier:
        frontier = {pk for pk, _code, successor in regions if successor in frontier and pk not in found}
        found |= frontier
    return sorted(found)


_TRIGRAM: dict[str, bool] = {}


def trigram_available() -> bool:
    """Whether this database has pg_trgm (checked once per process and database)."""
    alias = connection.alias
    if alias not in _TRIGRAM:
        available = False
        if connection.vendor == "postgresql":
            try:
                with transaction.atomic(), connection.cursor() as cursor:
                    cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
                    available = cursor.fetchone() is not None
            except DatabaseError:
                available = False
        _TRIGRAM[alias] = available
    return _TRIGRAM[alias]


def clean_text(value: str) -> str:
    # A NUL byte cannot reach PostgreSQL (the driver raises ValueError): no text holds one.
    return (value or "").replace("\x00", "").strip()[:MAX_SEARCH_LENGTH]


class NearWords(Func):
    """pg_trgm's ``word <% text`` (word similarity at least ``pg_trgm.word_similarity_threshold``,
    0.5 in the connection settings): a trigram index answers it, unlike ``word_similarity``."""

    arg_joiner = " <%% "
    template = "(%(expressions)s)"
    output_field = BooleanField()


class WordSimilarity(Func):
    function = "word_similarity"
    output_field = FloatField()


class PublicProposalFilter(django_filters.FilterSet):
    """The public list's filters; the same parameter names as the staff list and the API.

    ``count_matches_up_to``: a search counts its matches (at most that many plus one, in
    ``matches``) rather than only probing for one — for a page that shows the count."""

    def __init__(self, *args, count_matches_up_to: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_matches_up_to = count_matches_up_to
        self.matches = None

    region = django_filters.CharFilter(method="filter_region", label=_("지역 코드(현재 지역은 통합 전 지역 포함)"))
    status = django_filters.MultipleChoiceFilter(
        choices=[(value, label) for value, label in ProposalStatus.choices if value in PUBLIC_STATUSES],
        label=_("상태"),
    )
    outcome = django_filters.ChoiceFilter(choices=Outcome.choices, label=_("검토결과"))
    category = django_filters.ChoiceFilter(choices=Category.choices, label=_("분야"))
    department = django_filters.CharFilter(method="filter_department", label=_("부서 코드(주관·협조)"))
    strategy = django_filters.CharFilter(method="filter_strategy", label=_("정책 전략 코드"))
    year = YearFilter(field_name="submitted_at__year", label=_("접수 연도"))
    q = django_filters.CharFilter(method="filter_text", label=_("검색어"))

    class Meta:
        model = Proposal
        fields = ["region", "status", "outcome", "category", "department", "strategy", "year", "q"]

    def filter_region(self, queryset, name, value):
        return queryset.filter(region_id__in=public_region_ids(clean_text(value)))

    def filter_department(self, queryset, name, value):
        value = clean_text(value)
        return queryset.filter(worked_by_q(Q(code=value)))

    def filter_strategy(self, queryset, name, value):
        value = clean_text(value)
        return queryset.filter(pk__in=Strategy.objects.filter(code=value).values("proposals"))

    def filter_text(self, queryset, name, value):
        value = clean_text(value)
        terms = value.split()[:8]
        if not terms:
            return queryset
        matching = ranked(queryset.filter(text_q(value)), value)
        if not trigram_available():
            return matching
        # One cheap probe (index entries, LIMIT 1; or the capped count a page shows anyway)
        # on every search, so the count of queries does not depend on the words: a one-word
        # query that finds nothing is retried on the titles by near spelling (typos). With
        # more words the similarity of the whole string would let one word stand for all
        # ("해제 철도" found a title with 해제 only). ``q`` is the last filter declared, so
        # ``matching`` is filtered by every other one.
        if self.count_matches_up_to is None:
            found = matching.exists()
        else:
            self.matches = found = matching.order_by()[: self.count_matches_up_to + 1].count()
        if found or len(terms) > 1:
            return matching
        self.matches = None  # the near-spelling matches are counted by the caller
        similarity = WordSimilarity(Upper(Value(value)), Upper("title"))
        near = queryset.filter(NearWords(Upper(Value(value)), Upper("title"))).annotate(search_rank=similarity)
        return near.filter(search_rank__gte=TRIGRAM_THRESHOLD).order_by(F("search_rank").desc(), "-submitted_at", "-pk")


# The filters the maintained counts (``StatusTally``) answer: the list's total needs no
# COUNT over the proposals when no other filter is used.
TALLIED_FILTERS = {"region", "status", "outcome", "category"}


def tallied_total(params) -> int | None:
    """How many public proposals ``params`` selects, from the maintained counts; None when
    a filter they do not know is used. The list's own filters are applied to the counts
    (the fields have the same names), so the two cannot disagree."""
    if not {key for key, value in params.items() if value} <= TALLIED_FILTERS:
        return None
    filterset = PublicProposalFilter(params, queryset=StatusTally.objects.filter(public_q()))
    if not filterset.is_valid():
        return None
    return filterset.qs.aggregate(n=Sum("count"))["n"] or 0


def filter_public(params, count_matches_up_to=None, **preloaded) -> tuple[QuerySet, PublicProposalFilter]:
    """Public proposals filtered by ``params`` (a QueryDict), newest first unless a
    search orders them by relevance (``preloaded``: as ``public_proposals``). Invalid
    values leave the list empty, never a 500."""
    queryset = ordered(public_proposals(**preloaded))
    filterset = PublicProposalFilter(params, queryset=queryset, count_matches_up_to=count_matches_up_to)
    if not filterset.is_valid():
        return Proposal.objects.none(), filterset
    return filterset.qs, filterset
