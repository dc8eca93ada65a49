"""Reads of proposals, scoped to the viewer with one query (never Python loops)."""

import datetime

import django_filters
from django.db.models import BooleanField as BoolField
from django.db.models import Case, Count, Exists, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Role
from apps.accounts.selectors import (
    user_covered_region_ids,
    user_department_ids,
    user_organisation_ids,
    user_region_scope_ids,
    user_roles,
)
from apps.core.api.filters import StrictBooleanFilter, YearFilter
from apps.core.business_days import add_business_days
from apps.core.ids import parse_id
from apps.organisations.models import Department
from apps.similarity.search import ranked, text_q

from . import tallies
from .models import (
    PRE_SUBMISSION,
    PUBLIC_STATUSES,
    Category,
    Consultation,
    Outcome,
    Proposal,
    ProposalEvent,
    ProposalStatus,
    ResultEvaluation,
    SatisfactionRating,
)

DUE_SOON_BUSINESS_DAYS = 3
TERMINAL = (ProposalStatus.COMPLETED, ProposalStatus.MERGED, ProposalStatus.WITHDRAWN, ProposalStatus.REFERRED)
TF_ROLES = frozenset({Role.TF_STAFF, Role.TF_LEAD, Role.ADMIN})  # see what the TF sees: visibility_q
CLOCK_RUNNING = (ProposalStatus.SUBMITTED, ProposalStatus.ASSIGNED, ProposalStatus.IN_REVIEW)


def public_q(prefix: str = "") -> Q:
    """What the public may see: public proposals the ministry has received, not withdrawn."""
    return Q(**{f"{prefix}is_public": True, f"{prefix}status__in": PUBLIC_STATUSES})


def worked_by_q(department_filter: Q, prefix: str = "") -> Q:
    """Proposals led or supported by a department of ``department_filter`` (a filter on
    ``Department``), as ``pk IN (led UNION supported)``: a join on the support link would
    repeat a proposal once per supporting department (so lists needed a DISTINCT over
    every column), and an OR of the two would make PostgreSQL read every row."""
    departments = Department.objects.filter(department_filter).values("pk")
    led = Proposal.objects.filter(lead_department__in=departments).order_by().values("pk")
    supported = (
        Proposal.support_departments.through.objects.filter(department__in=departments).order_by().values("proposal_id")
    )
    return Q(**{f"{prefix}pk__in": led.union(supported, all=True)})


def visibility_q(user) -> Q:
    """What ``user`` may see, as one filter; mirrors the ``proposals.view_proposal`` rule."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    roles = user_roles(user)
    visible = Q(region_id__in=user_region_scope_ids(user))
    submitted = ~Q(status__in=PRE_SUBMISSION)
    if roles & {Role.TF_STAFF, Role.TF_LEAD, Role.ADMIN}:
        return visible | submitted
    departments = user_department_ids(user)
    if departments:
        visible |= submitted & worked_by_q(Q(pk__in=departments))
    covered = user_covered_region_ids(user)
    if covered:
        visible |= submitted & Q(region_id__in=covered)
    return visible


def status_counts(user) -> dict[str, int]:
    """Proposals ``user`` may see, per state. The TF's view (own regions, and everything
    received) is a condition on region and status, answered by ``StatusTally``; anyone
    else's is counted in the table."""
    if user.is_authenticated and user_roles(user) & TF_ROLES:
        return tallies.status_counts(visibility_q(user))
    rows = Proposal.objects.filter(visibility_q(user)).values_list("status").annotate(n=Count("pk")).order_by()
    return dict(rows)


def counted_total(user, filters) -> int | None:
    """The TF's total for a list filtered by state only (or not at all), from the
    maintained counts; None when the list must be counted (other filters, other roles)."""
    keys = {key for key, values in filters.lists() if any(values)}
    if not keys <= {"status"} or not (user.is_authenticated and user_roles(user) & TF_ROLES):
        return None
    statuses = [value for value in filters.getlist("status") if value]
    if statuses and not set(statuses) <= set(ProposalStatus.values):
        return None
    return tallies.total(visibility_q(user) & (Q(status__in=statuses) if statuses else Q()))


def with_deadline_flags(queryset: QuerySet, today: datetime.date | None = None) -> QuerySet:
    """Annotate ``is_overdue`` and ``is_due_soon`` (within 3 business days) in SQL."""
    today = today or timezone.localdate()
    soon = add_business_days(today, DUE_SOON_BUSINESS_DAYS)
    # A review paused while the region is asked for information (``ask_region``) is not running.
    paused = Q(status=ProposalStatus.IN_REVIEW, info_requested_at__isnull=False)
    running = Q(status__in=CLOCK_RUNNING, due_at__isnull=False) & ~paused
    return queryset.annotate(
        is_overdue=Case(
            When(running & Q(due_at__lt=today), then=Value(True)), default=Value(False), output_field=BoolField()
        ),
        is_due_soon=Case(
            When(running & Q(due_at__gte=today, due_at__lte=soon), then=Value(True)),
            default=Value(False),
            output_field=BoolField(),
        ),
    )


def proposal_list(user, filters: dict | None = None) -> QuerySet:
    """The proposals ``user`` may see, filtered, with what list pages show preloaded."""
    queryset = (
        Proposal.objects.filter(visibility_q(user))
        .select_related("region", "lead_department", "created_by")
        .prefetch_related("strategies", "support_departments")
    )
    queryset = with_deadline_flags(queryset)
    if filters is not None:
        queryset = ProposalFilter(filters, queryset=queryset).qs
    return queryset


def with_action_conditions(queryset: QuerySet) -> QuerySet:
    """Annotate what the transitions' conditions ask of other tables (an open consultation,
    a rating, an evaluation: ``accountability_transitions``), so that listing each row's
    available actions reads no further row."""
    return queryset.annotate(
        unclosed_consultation=Exists(
            Consultation.objects.filter(proposal=OuterRef("pk")).exclude(state=Consultation.State.CLOSED)
        ),
        rated=Exists(SatisfactionRating.objects.filter(proposal=OuterRef("pk"))),
        evaluated=Exists(ResultEvaluation.objects.filter(proposal=OuterRef("pk"))),
    )


def attach_related_codes(proposals) -> None:
    """Give each proposal ``strategy_codes`` and ``support_department_codes`` (lists of
    codes in the models' order) from two queries whatever the number of proposals: a
    prefetch would build a model and a related manager per row only to read one column."""
    by_id = {proposal.pk: proposal for proposal in proposals}
    for proposal in proposals:
        proposal.strategy_codes, proposal.support_department_codes = [], []
    strategies = Proposal.strategies.through.objects.filter(proposal_id__in=by_id)
    for proposal_id, code in strategies.order_by("strategy__order", "strategy_id").values_list(
        "proposal_id", "strategy__code"
    ):
        by_id[proposal_id].strategy_codes.append(code)
    departments = Proposal.support_departments.through.objects.filter(proposal_id__in=by_id)
    ordering = [f"department__{name}" for name in Department._meta.ordering] + ["department_id"]
    for proposal_id, code in departments.order_by(*ordering).values_list("proposal_id", "department__code"):
        by_id[proposal_id].support_department_codes.append(code)


def proposal_get(user, pk) -> Proposal | None:
    """One proposal if ``user`` may see it, else None (the caller answers 404)."""
    pk = parse_id(pk)
    if pk is None:
        return None
    return proposal_list(user).filter(pk=pk).first()


def proposal_events(proposal: Proposal, *, public_only: bool = False) -> QuerySet:
    events = ProposalEvent.objects.filter(proposal=proposal).select_related("actor")
    return events.filter(is_public=True) if public_only else events


def internal_visibility_q(user, prefix: str = "") -> Q:
    """Proposals whose internal record (reviews, consultations, internal notes) ``user``
    may see; mirrors ``proposals.view_internal_notes``."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    submitted = ~Q(**{f"{prefix}status__in": PRE_SUBMISSION})
    if user_roles(user) & {Role.TF_STAFF, Role.TF_LEAD, Role.ADMIN}:
        return submitted
    departments = user_department_ids(user)
    if not departments:
        return Q(**{f"{prefix}pk__in": []})
    return submitted & worked_by_q(Q(pk__in=departments), prefix=prefix)


def consultations_for(user) -> QuerySet:
    """Consultations ``user`` may see: asked of their organisation, or on proposals whose
    internal record they see (mirrors ``proposals.view_consultation``)."""
    return (
        Consultation.objects.filter(
            Q(organisation_id__in=user_organisation_ids(user)) | internal_visibility_q(user, prefix="proposal__")
        )
        .distinct()
        .select_related("proposal", "proposal__region", "organisation", "requested_by", "answered_by")
    )


class ProposalFilter(django_filters.FilterSet):
    region = django_filters.CharFilter(field_name="region__code", label=_("지역 코드"))
    # distinct=False: one row per proposal already (django-filter's default would add a
    # DISTINCT over every column, and PostgreSQL would sort the whole queue to page it).
    status = django_filters.MultipleChoiceFilter(choices=ProposalStatus.choices, label=_("상태"), distinct=False)
    outcome = django_filters.ChoiceFilter(choices=Outcome.choices, label=_("검토결과"))
    category = django_filters.ChoiceFilter(choices=Category.choices, label=_("분야"))
    department = django_filters.CharFilter(method="filter_department", label=_("부서 코드"))
    strategy = django_filters.CharFilter(field_name="strategies__code", label=_("정책 전략"))
    year = YearFilter(field_name="submitted_at__year", label=_("접수 연도"))
    q = django_filters.CharFilter(method="filter_text", label=_("검색어"))
    overdue = StrictBooleanFilter(method="filter_overdue", label=_("기한 초과"))

    class Meta:
        model = Proposal
        fields = ["region", "status", "outcome", "category", "department", "strategy", "year", "q", "overdue"]

    def filter_department(self, queryset, name, value):
        return queryset.filter(worked_by_q(Q(code=value)))

    def filter_overdue(self, queryset, name, value):
        # The columns behind ``is_overdue``, so the partial index on running due dates
        # answers it (a filter on the annotation reads every row).
        overdue = Q(status__in=CLOCK_RUNNING, due_at__isnull=False, due_at__lt=timezone.localdate())
        return queryset.filter(overdue if value else ~overdue)

    def filter_text(self, queryset, name, value):
        # Best match first; a queue that orders its rows keeps the rank first (queues.py).
        return ranked(queryset.filter(text_q(value)), value)


def consulted_proposal_get(user, pk) -> Proposal | None:
    """A proposal ``user``'s organisation was consulted on (mirrors
    ``proposals.read_consulted_proposal``), else None."""
    pk = parse_id(pk)
    organisations = user_organisation_ids(user) if user.is_authenticated else frozenset()
    if pk is None or not organisations:
        return None
    return (
        Proposal.objects.filter(pk=pk, consultations__organisation_id__in=organisations)
        .exclude(status__in=PRE_SUBMISSION)
        .select_related("region", "lead_department")
        .distinct()
        .first()
    )


def overdue_work(user, today: datetime.date | None = None) -> dict:
    """What is past its date on the proposals whose internal record ``user`` sees: open
    consultations past their reply deadline and follow-up milestones past their planned
    date (the TF's and reviewers' work lists show them)."""
    from .models import Milestone

    today = today or timezone.localdate()
    consultations = (
        consultations_for(user)
        .exclude(state=Consultation.State.CLOSED)
        .filter(due_at__lt=today)
        .order_by("due_at", "pk")
    )
    milestones = (
        Milestone.objects.filter(internal_visibility_q(user, prefix="proposal__"))
        .filter(done_on__isnull=True, planned_for__lt=today)
        .filter(proposal__status__in=(ProposalStatus.DECIDED, ProposalStatus.IN_PROGRESS))
        .select_related("proposal", "department")
        .distinct()
        .order_by("planned_for", "pk")
    )
    consultations = list(consultations[:50])
    for consultation in consultations:
        consultation.days_overdue = (today - consultation.due_at).days
    return {"consultations": consultations, "milestones": list(milestones[:50]), "today": today}
