"""Proposal gauges for /metrics (apps/core/metrics.py): proposals past their due date while
their clock runs (the same rule as the lists' "기한 초과" filter), by status."""

from django.db.models import Count
from prometheus_client.core import GaugeMetricFamily

from apps.core.metrics import register

from .models import Proposal
from .selectors import with_deadline_flags


@register
def proposal_metrics():
    overdue = GaugeMetricFamily(
        "balance_proposals_overdue", "Proposals past their due date, by status", labels=["status"]
    )
    rows = (
        with_deadline_flags(Proposal.objects.all())
        .filter(is_overdue=True)
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    for status, count in rows:
        overdue.add_metric([status], count)
    yield overdue
