"""The public statistics from a stored snapshot, so that the statistics page, the home
page and ``public/stats/`` cost one small query whatever the number of proposals and
events (issue 16).

A change to public data bumps the statistics generation (``signals`` →
``caching.bump("stats")``) and asks a worker to recompute the snapshot once it commits
(``tasks.refresh_statistics``, at most one queued at a time). Until the worker is done
the page shows the previous figures, for at most ``PORTAL_STATISTICS_STALE_SECONDS``
(default 60; 0 in tests). Past that, or with no snapshot at all, the request computes
them itself and stores them, so the figures are never older than that.
"""

import os
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import translation

from . import caching
from .models import StatisticsSnapshot
from .stats import public_statistics

DEFAULT_STALE_SECONDS = 60
QUEUED_KEY = "portal:stats-refresh-queued"
QUEUE_DELAY = 2  # seconds: a burst of changes (a cluster action, an import) is one refresh


def stale_seconds() -> int:
    value = getattr(settings, "PORTAL_STATISTICS_STALE_SECONDS", None)
    if value is None:
        value = os.environ.get("PORTAL_STATISTICS_STALE_SECONDS", DEFAULT_STALE_SECONDS)
    return int(value)


def _language() -> str:
    return translation.get_language() or settings.LANGUAGE_CODE


def statistics() -> dict:
    """The figures for this request's language (see the module docstring)."""
    changed = caching.generation("stats")
    snapshot = StatisticsSnapshot.objects.filter(language=_language()).only("data", "generation").first()
    if snapshot is not None and _usable(snapshot.generation, changed):
        if snapshot.generation < changed:
            refresh_soon()
        return snapshot.data
    return refresh(_language())


def _usable(generation: float, changed: float) -> bool:
    """A snapshot of ``generation`` may be shown: current, or a worker is refreshing it and
    public data changed less than ``stale_seconds()`` ago."""
    return generation >= changed or (workers() and time.time() - changed < stale_seconds())


def refresh(language: str) -> dict:
    """Compute and store the figures of ``language`` and the list's filter options; returns the figures."""
    from .forms import filter_choices

    changed = caching.generation("stats")  # before computing: a change meanwhile stays newer
    with translation.override(language):
        data = public_statistics()
        filters = filter_choices()
    StatisticsSnapshot.objects.update_or_create(
        language=language, defaults={"data": data, "filters": filters, "generation": changed}
    )
    return data


def filter_choices() -> dict:
    """The public list's filter options (which departments and years have public
    proposals …) as the last refresh found them, while that is as fresh as ``statistics``
    would accept; otherwise computed here (five index probes), not waiting for the figures."""
    from .forms import filter_choices as computed

    changed = caching.generation("stats")
    row = StatisticsSnapshot.objects.filter(language=_language()).values_list("filters", "generation").first()
    if row is not None and row[0] and _usable(row[1], changed):
        return row[0]
    return computed()


def workers() -> bool:
    """Tasks run in workers (not in-process: tests, a development server without Redis)."""
    return not settings.CELERY_TASK_ALWAYS_EAGER


def refresh_soon() -> None:
    """Queue one refresh of every language's snapshot after the current transaction.
    Without workers nothing is queued: the next page view recomputes stale figures."""

    def enqueue():
        if cache.add(QUEUED_KEY, 1, QUEUE_DELAY + 30):
            from .tasks import refresh_statistics

            refresh_statistics.apply_async(countdown=QUEUE_DELAY)

    if workers():
        transaction.on_commit(enqueue)
