"""Public statistics (DESIGN.md §6), all over the public proposals only — the same set as
the public list and the open data, so every figure can be reproduced from the downloads.

Every figure comes from an aggregate query (GROUP BY in the database); nothing loops over
proposal rows in Python, with one documented exception: processing-time percentiles on
SQLite (below). ``public_statistics()`` runs a fixed number of queries whatever the
number of proposals.

Definitions
- *decided*: the proposal's standing outcome is a decision (status decided, in_progress,
  completed or reconsideration; a reopened one is back in review and not counted).
- *acceptance rate*: (수용 + 일부수용) / decided, in percent, one decimal.
- *processing days*: calendar days from ``submitted_at`` (endorsed and received by the
  ministry) to ``decided_at``, over decided proposals, per lead department: median and
  90th percentile, both ``percentile_cont`` (linear interpolation). PostgreSQL computes
  them in the database (``PERCENTILE_CONT(f) WITHIN GROUP (ORDER BY interval)``). SQLite
  has no ordered-set aggregate: there ONE query fetches the durations, ordered, and the
  same interpolation runs in Python — a fallback for development databases, which are
  small.
- *by region*: either by the region a proposal was filed under (historical: 광주 29 and
  전남 46 stay as they were) or rolled up to today's region through ``successor``
  (광주·전남 → 전남광주통합특별시 12), computed in SQL with a CASE over the region table.
- *monthly trend*: proposals received (``submitted_at``) and decided (``decided_at``)
  per calendar month, Asia/Seoul.
"""

import datetime
import math
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection
from django.db.models import Case, Count, DurationField, ExpressionWrapper, F, IntegerField, Q, Value, When
from django.db.models.functions import ExtractYear, TruncMonth
from django.utils import timezone

from apps.organisations.models import Department, Region
from apps.proposals.models import PUBLIC_STATUSES, Category, Outcome, Proposal, ProposalStatus, Strategy
from apps.proposals.selectors import public_q
from apps.proposals.workload import PercentileCont

from .selectors import ACCEPTED_OUTCOMES, DECIDED_STATUSES

SECONDS_PER_DAY = 86400


def _rate(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def percentile_cont(sorted_values: list[float], fraction: float) -> float | None:
    """PostgreSQL's ``percentile_cont``: linear interpolation between the closest ranks."""
    if not sorted_values:
        return None
    position = fraction * (len(sorted_values) - 1)
    low, high = math.floor(position), math.ceil(position)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (position - low)


def _days(value) -> float | None:
    if value is None:
        return None
    seconds = value.total_seconds() if isinstance(value, datetime.timedelta) else float(value)
    return round(seconds / SECONDS_PER_DAY, 1)


def _public():
    return Proposal.objects.filter(public_q())


def _decided_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}status__in": DECIDED_STATUSES}) & ~Q(**{f"{prefix}outcome": ""})


def _accepted_q(prefix: str = "") -> Q:
    return _decided_q(prefix) & Q(**{f"{prefix}outcome__in": ACCEPTED_OUTCOMES})


def _timed_q() -> Q:
    return _decided_q() & Q(submitted_at__isnull=False, decided_at__gte=F("submitted_at"))


def current_region_map(regions: list[tuple], today: datetime.date) -> dict[int, int]:
    """``{region pk: pk of the region it rolls up to today}`` from (pk, successor, valid_to) rows."""
    successor = {pk: succ for pk, succ, _valid_to in regions}
    abolished = {pk for pk, _succ, valid_to in regions if valid_to is not None and valid_to < today}
    mapping = {}
    for pk, *_rest in regions:
        current, seen = pk, set()
        while current in abolished and successor.get(current) and current not in seen:
            seen.add(current)
            current = successor[current]
        mapping[pk] = current
    return mapping


def _region_counts(group_by) -> dict[int, dict]:
    rows = (
        _public()
        .annotate(group=group_by)
        .values("group")
        .annotate(
            total=Count("pk"), decided=Count("pk", filter=_decided_q()), accepted=Count("pk", filter=_accepted_q())
        )
        .order_by()
    )
    return {row["group"]: row for row in rows}


def _region_rows(regions, counts, include) -> list[dict]:
    rows = []
    for region in regions:
        row = counts.get(region.pk, {})
        if not include(region) and not row:
            continue
        total, decided, accepted = row.get("total", 0), row.get("decided", 0), row.get("accepted", 0)
        rows.append(
            {
                "code": region.code,
                "name": region.name,
                "short_name": region.short_name,
                "name_en": region.name_en,
                "name_en_verified": region.name_en_verified,
                "is_current": region.pk in include.current_pks,
                "total": total,
                "decided": decided,
                "accepted": accepted,
                "acceptance_rate": _rate(accepted, decided),
            }
        )
    return rows


class _Include:
    """Which regions a table lists even with no proposal: today's regions."""

    def __init__(self, current_pks):
        self.current_pks = current_pks

    def __call__(self, region) -> bool:
        return region.pk in self.current_pks


def _processing_days() -> tuple[dict[int, dict], dict]:
    """Median and 90th percentile days, per lead department and overall."""
    timed = _public().filter(_timed_q())
    if connection.vendor == "postgresql":
        duration = ExpressionWrapper(F("decided_at") - F("submitted_at"), output_field=DurationField())
        aggregates = {
            "count": Count("pk"),
            "median": PercentileCont(duration, 0.5, output_field=DurationField()),
            "p90": PercentileCont(duration, 0.9, output_field=DurationField()),
        }
        per_department = {
            row["lead_department_id"]: {"count": row["count"], "median": _days(row["median"]), "p90": _days(row["p90"])}
            for row in timed.values("lead_department_id").annotate(**aggregates).order_by()
        }
        overall = timed.aggregate(**aggregates)
        return per_department, {
            "count": overall["count"],
            "median": _days(overall["median"]),
            "p90": _days(overall["p90"]),
        }
    # SQLite fallback: one ordered query, percentiles in Python (see the module docstring).
    by_department: dict[int, list[float]] = {}
    everything: list[float] = []
    for department_id, submitted_at, decided_at in timed.order_by("lead_department_id", "decided_at").values_list(
        "lead_department_id", "submitted_at", "decided_at"
    ):
        days = (decided_at - submitted_at).total_seconds()
        by_department.setdefault(department_id, []).append(days)
        everything.append(days)
    per_department = {}
    for department_id, values in by_department.items():
        values.sort()
        per_department[department_id] = {
            "count": len(values),
            "median": _days(percentile_cont(values, 0.5)),
            "p90": _days(percentile_cont(values, 0.9)),
        }
    everything.sort()
    overall = {
        "count": len(everything),
        "median": _days(percentile_cont(everything, 0.5)),
        "p90": _days(percentile_cont(everything, 0.9)),
    }
    return per_department, overall


def _months(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    months, current = [], start.replace(day=1)
    while current <= end:
        months.append(current)
        current = (current + datetime.timedelta(days=32)).replace(day=1)
    return months


def _monthly(months_back: int = 24) -> list[dict]:
    tz = ZoneInfo(settings.TIME_ZONE)
    today = timezone.localdate()
    index = today.year * 12 + today.month - 1 - (months_back - 1)
    start = datetime.date(index // 12, index % 12 + 1, 1)
    since = datetime.datetime.combine(start, datetime.time.min, tzinfo=tz)

    def per_month(field: str, extra: Q) -> dict[datetime.date, int]:
        rows = (
            _public()
            .filter(extra, **{f"{field}__gte": since})
            .annotate(month=TruncMonth(field, tzinfo=tz))
            .values("month")
            .annotate(n=Count("pk"))
            .order_by()
        )
        return {(row["month"].date() if hasattr(row["month"], "date") else row["month"]): row["n"] for row in rows}

    received = per_month("submitted_at", Q())
    decided = per_month("decided_at", _decided_q())
    this_month = today.replace(day=1)
    return [
        {
            "month": month.strftime("%Y-%m"),
            "received": received.get(month, 0),
            "decided": decided.get(month, 0),
            # The current month is still running: marked, and drawn apart in the chart.
            "partial": month == this_month,
        }
        for month in _months(start, today)
    ]


def _yearly() -> list[dict]:
    """Received, decided and accepted per calendar year (Asia/Seoul), every year there is:
    backfilled history (``manage.py import_history``) counts in the year it happened."""
    tz = ZoneInfo(settings.TIME_ZONE)

    def per_year(field: str, extra: Q) -> dict[int, int]:
        rows = _public().filter(extra, **{f"{field}__isnull": False}).annotate(year=ExtractYear(field, tzinfo=tz))
        return dict(rows.values_list("year").annotate(n=Count("pk")).order_by())

    received = per_year("submitted_at", Q())
    decided = per_year("decided_at", _decided_q())
    accepted = per_year("decided_at", _accepted_q())
    return [
        {
            "year": year,
            "received": received.get(year, 0),
            "decided": decided.get(year, 0),
            "accepted": accepted.get(year, 0),
        }
        for year in sorted(set(received) | set(decided))
    ]


def public_statistics() -> dict:
    """Everything the statistics page, the home page and ``public/stats/`` show."""
    today = timezone.localdate()
    public = _public()

    by_status = dict(public.values_list("status").annotate(n=Count("pk")).order_by())
    # One query, by status and outcome: the outcome chart and how the decided figure adds up.
    decided_rows = list(public.filter(_decided_q()).values_list("status", "outcome").annotate(n=Count("pk")).order_by())
    by_outcome: dict[str, int] = {}
    decided_by_status: dict[str, int] = {}
    for status, outcome, n in decided_rows:
        by_outcome[outcome] = by_outcome.get(outcome, 0) + n
        decided_by_status[status] = decided_by_status.get(status, 0) + n
    by_category = dict(public.values_list("category").annotate(n=Count("pk")).order_by())

    regions = list(Region.objects.order_by("code"))
    mapping = current_region_map([(r.pk, r.successor_id, r.valid_to) for r in regions], today)
    current_pks = {r.pk for r in regions if r.is_valid_on(today)}
    rolled_up = Case(
        *[When(region_id=pk, then=Value(target)) for pk, target in mapping.items() if pk != target],
        default=F("region_id"),
        output_field=IntegerField(),
    )
    include = _Include(current_pks)
    historical = _region_rows(regions, _region_counts(F("region_id")), include)
    current = _region_rows([r for r in regions if r.pk in current_pks], _region_counts(rolled_up), include)

    per_department_days, overall_days = _processing_days()
    departments = (
        Department.objects.filter(led_proposals__in=public)
        .annotate(
            total=Count("led_proposals", distinct=True),
            decided=Count("led_proposals", filter=_decided_q("led_proposals__"), distinct=True),
            accepted=Count("led_proposals", filter=_accepted_q("led_proposals__"), distinct=True),
        )
        .order_by("-total", "name")
        .values("pk", "code", "name", "name_en", "name_en_verified", "total", "decided", "accepted")
    )
    by_department = [
        {
            "code": row["code"],
            "name": row["name"],
            "name_en": row["name_en"],
            "name_en_verified": row["name_en_verified"],
            "total": row["total"],
            "decided": row["decided"],
            "accepted": row["accepted"],
            "acceptance_rate": _rate(row["accepted"], row["decided"]),
            "median_days": per_department_days.get(row["pk"], {}).get("median"),
            "p90_days": per_department_days.get(row["pk"], {}).get("p90"),
        }
        for row in departments
    ]
    strategies = (
        Strategy.objects.annotate(total=Count("proposals", filter=public_q("proposals__"), distinct=True))
        .order_by("order")
        .values("code", "name", "source", "total")
    )

    total = sum(by_status.values())
    decided = sum(by_outcome.values())
    accepted = sum(by_outcome.get(outcome, 0) for outcome in ACCEPTED_OUTCOMES)
    return {
        "as_of": today.isoformat(),
        "totals": {
            "proposals": total,
            "decided": decided,
            "accepted": accepted,
            "acceptance_rate": _rate(accepted, decided),
            "in_review": sum(by_status.get(s, 0) for s in IN_REVIEW),
            "in_progress": by_status.get(ProposalStatus.IN_PROGRESS, 0),
            "completed": by_status.get(ProposalStatus.COMPLETED, 0),
            "median_days": overall_days["median"],
            "p90_days": overall_days["p90"],
            **_accountability_totals(today),
        },
        "sums": _how_it_adds_up(by_status, decided_by_status),
        "by_status": [
            {"code": value, "label": str(label), "total": by_status.get(value, 0)}
            for value, label in ProposalStatus.choices
            if value in PUBLIC_STATUSES
        ],
        "by_outcome": [
            {"code": value, "label": str(label), "total": by_outcome.get(value, 0)} for value, label in Outcome.choices
        ],
        "by_category": [
            {"code": value, "label": str(label), "total": by_category.get(value, 0)}
            for value, label in Category.choices
        ],
        "by_region": historical,
        "by_current_region": current,
        "by_department": by_department,
        "by_strategy": [
            {**row, "name_en": Strategy.name_en, "name_en_verified": Strategy.name_en_verified} for row in strategies
        ],
        "monthly": _monthly(),
        "yearly": _yearly(),
    }


IN_REVIEW = (
    ProposalStatus.SUBMITTED,
    ProposalStatus.INFO_REQUESTED,
    ProposalStatus.ASSIGNED,
    ProposalStatus.IN_REVIEW,
    ProposalStatus.RECONSIDERATION,
)


def _how_it_adds_up(by_status: dict, decided_by_status: dict) -> dict:
    """The parts the headline figures are sums of, from the same counts: the public proposals
    by where they stand now (검토 중 + 검토완료 + 추진중 + …, every proposal once) and the
    decided ones by status (a decided proposal under reconsideration counts in both 검토 중
    and 결정)."""
    from django.utils.translation import gettext as _

    parts = [{"code": "in_review", "label": _("검토 중"), "total": sum(by_status.get(s, 0) for s in IN_REVIEW)}]
    for status in (value for value in PUBLIC_STATUSES if value not in IN_REVIEW):
        parts.append({"code": status, "label": str(ProposalStatus(status).label), "total": by_status.get(status, 0)})
    decided_parts = [
        {"code": status, "label": str(ProposalStatus(status).label), "total": decided_by_status.get(status, 0)}
        for status in DECIDED_STATUSES
    ]
    return {
        "parts": [part for part in parts if part["total"]],
        "decided_parts": [part for part in decided_parts if part["total"]],
    }


def _accountability_totals(today) -> dict:
    """Issue 17: late milestones, the regions' average satisfaction and result evaluations,
    of public proposals only."""
    from django.db.models import Avg

    from apps.proposals.models import Milestone, ResultEvaluation, SatisfactionRating

    ratings = SatisfactionRating.objects.filter(public_q("proposal__")).aggregate(n=Count("pk"), avg=Avg("score"))
    late = Milestone.objects.filter(public_q("proposal__"), done_on__isnull=True, planned_for__lt=today)
    return {
        "late_milestones": late.filter(
            proposal__status__in=(ProposalStatus.DECIDED, ProposalStatus.IN_PROGRESS)
        ).count(),
        "ratings": ratings["n"],
        "satisfaction_average": round(ratings["avg"], 2) if ratings["avg"] is not None else None,
        "evaluations": ResultEvaluation.objects.filter(public_q("proposal__")).count(),
    }
