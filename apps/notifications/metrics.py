"""Notification gauges for /metrics (apps/core/metrics.py), read at each scrape.

Pending e-mails older than a few minutes mean the worker or the SMTP server is not
keeping up (platform/monitoring/alerts.yml alerts after 10 minutes)."""

from django.db.models import Count, Min
from django.utils import timezone
from prometheus_client.core import GaugeMetricFamily

from apps.core.metrics import register

from .models import EmailState, Notification


@register
def notification_metrics():
    counts = dict(
        Notification.objects.filter(email_state__in=[EmailState.PENDING, EmailState.FAILED])
        .values_list("email_state")
        .annotate(n=Count("pk"))
        .values_list("email_state", "n")
    )
    state = GaugeMetricFamily(
        "balance_notifications", "Notifications whose e-mail is pending or failed", labels=["state"]
    )
    for name in (EmailState.PENDING, EmailState.FAILED):
        state.add_metric([name], counts.get(name, 0))
    yield state
    oldest = Notification.objects.filter(email_state=EmailState.PENDING).aggregate(at=Min("created_at"))["at"]
    yield GaugeMetricFamily(
        "balance_notifications_pending_oldest_seconds",
        "Age of the oldest notification whose e-mail is still pending (0 if none)",
        value=(timezone.now() - oldest).total_seconds() if oldest else 0,
    )
