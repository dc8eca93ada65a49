"""Service levels: how many business days each stage may take (DESIGN.md §3)."""

import datetime

from django.core.cache import cache
from django.utils import timezone

from apps.core.business_days import add_business_days

from .models import SERVICE_LEVELS_CACHE_KEY, ServiceLevel
from .reference import DEFAULT_SERVICE_LEVELS


def service_days(stage: str) -> int:
    """Business days allowed for ``stage``, as operators set them (cached; saving a level
    clears the cache)."""
    levels = cache.get(SERVICE_LEVELS_CACHE_KEY)
    if levels is None:
        levels = dict(ServiceLevel.objects.values_list("stage", "business_days"))
        cache.set(SERVICE_LEVELS_CACHE_KEY, levels, 300)
    return levels.get(stage, DEFAULT_SERVICE_LEVELS[stage])


def local_today() -> datetime.date:
    return timezone.localdate()


def due_after(stage: str, now: datetime.datetime) -> datetime.date:
    """The due date of a stage that starts at ``now``."""
    return add_business_days(timezone.localdate(now), service_days(stage))
