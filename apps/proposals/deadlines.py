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


def move_deadlines_for_holiday(day: datetime.date) -> int:
    """An ad-hoc holiday declared after deadlines were set: each open proposal's and open
    consultation's due date on or after ``day`` (still to come) moves one business day
    later, as if the holiday had been known when it was computed. Returns how many moved."""
    from apps.core.business_days import add_business_days as later

    from .models import OPEN_STATUSES, Consultation, Proposal

    if day < local_today():
        return 0
    moved = 0
    for proposal in Proposal.objects.filter(status__in=OPEN_STATUSES, due_at__gte=day).only("pk", "due_at"):
        Proposal.objects.filter(pk=proposal.pk).update(due_at=later(proposal.due_at, 1))
        moved += 1
    consultations = Consultation.objects.filter(state=Consultation.State.OPEN, due_at__gte=day).only("pk", "due_at")
    for consultation in consultations:
        Consultation.objects.filter(pk=consultation.pk).update(due_at=later(consultation.due_at, 1))
        moved += 1
    return moved
