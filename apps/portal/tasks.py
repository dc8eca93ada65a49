"""Portal work for Celery workers: the statistics snapshot (``snapshots``)."""

from celery import shared_task
from django.conf import settings
from django.core.cache import cache

from .snapshots import QUEUED_KEY, refresh


@shared_task(name="portal.refresh_statistics")
def refresh_statistics() -> list[str]:
    """Recompute the snapshot of every language (on change, and by beat as a safety net
    for the date the figures are as of)."""
    cache.delete(QUEUED_KEY)
    languages = [code for code, _name in settings.LANGUAGES]
    for language in languages:
        refresh(language)
    return languages
