"""Deadlines and department workload (DESIGN.md §3 "Deadlines").

``department_workload`` is the table the TF and each department look at: what is waiting
on whom, how much of it is late or nearly late, and how long a review usually takes.
``due_soon_and_overdue`` gives the querysets reminders and escalations are sent from.
Both count with the same rules as ``selectors.with_deadline_flags``: only while the
ministry's clock runs, due soon = within ``DUE_SOON_BUSINESS_DAYS`` business days.
"""

import datetime
import statistics
from typing import NamedTuple

from django.db import connection
from django.db.models import Aggregate, Count, DurationField, ExpressionWrapper, F, FloatField, Q, QuerySet
from django.utils import timezone

from apps.accounts.models import Role
from apps.accounts.selectors import user_department_ids, user_roles
from apps.core.business_days import add_business_days
from apps.organisations.models import Department

from .models import Proposal
from .models import ProposalStatus as S
from .selectors import CLOCK_RUNNING, DUE_SOON_BUSINESS_DAYS

WAITING_ON_DEPARTMENT = (S.ASSIGNED, S.IN_REVIEW)
SECONDS_PER_DAY = 86400
# A proposal whose current review ended in a decision. One reopened (by the TF lead or for
# re-review) keeps its old ``decided_at`` but is back in review: not decided (yet) again.
DECIDED_STATES = (S.DECIDED, S.IN_PROGRESS, S.COMPLETED, S.RECONSIDERATION)


def _decided_q(prefix: str = "") -> Q:
    return Q(
        **{
            f"{prefix}status__in": DECIDED_STATES,
            f"{prefix}assigned_at__isnull": False,
            f"{prefix}decided_at__gte": F(f"{prefix}assigned_at"),
        }
    )


class PercentileCont(Aggregate):
    """PostgreSQL's ordered-set aggregate ``percentile_cont(f) WITHIN GROUP (ORDER BY x)``
    (over numbers or intervals; pass the matching ``output_field``)."""

    function = "PERCENTILE_CONT"
    name = "PercentileCont"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def __init__(self, expression, fraction: float = 0.5, **extra):
        super().__init__(expression, fraction=float(fraction), **extra)


class DepartmentLoad(NamedTuple):
    department_id: int
    code: str
    name: str
    waiting: int
    overdue: int
    due_soon: int
    decided: int
    median_days: float | None  # calendar days from receipt (submitted_at) to decision


class DeadlineBuckets(NamedTuple):
    due_soon: QuerySet
    overdue: QuerySet


def _visible_departments(user) -> QuerySet:
    departments = Department.objects.all()
    if user is None or user_roles(user) & {Role.TF_STAFF, Role.TF_LEAD, Role.ADMIN}:
        return departments
    return departments.filter(pk__in=user_department_ids(user))


def _median_days_by_department(department_ids) -> dict[int, float]:
    """Median calendar days from ``submitted_at`` (received) to ``decided_at`` per lead
    department: the statistics page's definition (``portal/stats.py``), so one figure has
    one meaning on every page.

    PostgreSQL computes it in the database with ``percentile_cont(0.5)`` over the
    interval between the two timestamps. SQLite has no percentile aggregate: there we
    fetch the durations of all departments in ONE ordered query and take the median in
    Python — a fallback for development databases only, which are small.
    """
    timed = Q(submitted_at__isnull=False, decided_at__gte=F("submitted_at"))
    decided = Proposal.objects.filter(_decided_q(), timed, lead_department_id__in=department_ids)
    if connection.vendor == "postgresql":
        duration = ExpressionWrapper(F("decided_at") - F("submitted_at"), output_field=DurationField())
        rows = (
            decided.values("lead_department_id")
            .annotate(median=PercentileCont(duration, output_field=DurationField()))
            .order_by()
        )
        return {row["lead_department_id"]: row["median"].total_seconds() / SECONDS_PER_DAY for row in rows}
    durations: dict[int, list[float]] = {}
    for department_id, submitted_at, decided_at in decided.order_by("lead_department_id").values_list(
        "lead_department_id", "submitted_at", "decided_at"
    ):
        durations.setdefault(department_id, []).append((decided_at - submitted_at).total_seconds() / SECONDS_PER_DAY)
    return {department_id: statistics.median(values) for department_id, values in durations.items()}


def department_workload(user=None, today: datetime.date | None = None) -> list[DepartmentLoad]:
    """One row per department that leads or has led a proposal, restricted to what
    ``user`` may see (TF, TF lead, admin: all; a reviewer: their department(s); anyone
    else: none). ``user=None`` is the system's view (all). Two queries (plus the viewer's roles).

    ``waiting`` counts proposals assigned to or in review at the department;
    ``overdue``/``due_soon`` are the waiting ones past or near their due date;
    ``median_days`` is the median calendar days from receipt to decision over the
    department's decided proposals (None when it has decided none).
    """
    today = today or timezone.localdate()
    soon = add_business_days(today, DUE_SOON_BUSINESS_DAYS)
    waiting = Q(led_proposals__status__in=WAITING_ON_DEPARTMENT)
    rows = (
        _visible_departments(user)
        .filter(led_proposals__isnull=False)
        .annotate(
            waiting=Count("led_proposals", filter=waiting),
            overdue=Count("led_proposals", filter=waiting & Q(led_proposals__due_at__lt=today)),
            due_soon=Count(
                "led_proposals",
                filter=waiting & Q(led_proposals__due_at__gte=today, led_proposals__due_at__lte=soon),
            ),
            decided=Count("led_proposals", filter=_decided_q("led_proposals__")),
        )
        .order_by("-overdue", "-waiting", "name")
        .values_list("pk", "code", "name", "waiting", "overdue", "due_soon", "decided")
    )
    rows = list(rows)
    medians = _median_days_by_department([row[0] for row in rows]) if rows else {}
    return [DepartmentLoad(*row, median_days=round(medians[row[0]], 1) if row[0] in medians else None) for row in rows]


def due_soon_and_overdue(today: datetime.date | None = None) -> DeadlineBuckets:
    """Proposals whose clock runs (submitted: TF triage; assigned/in_review: the lead
    department) and whose due date is within ``DUE_SOON_BUSINESS_DAYS`` business days
    (``due_soon``) or already past (``overdue``), with what a reminder needs loaded."""
    today = today or timezone.localdate()
    soon = add_business_days(today, DUE_SOON_BUSINESS_DAYS)
    running = (
        Proposal.objects.filter(status__in=CLOCK_RUNNING, due_at__isnull=False)
        .select_related("region", "lead_department")
        .order_by("due_at", "pk")
    )
    return DeadlineBuckets(
        due_soon=running.filter(due_at__gte=today, due_at__lte=soon),
        overdue=running.filter(due_at__lt=today),
    )
