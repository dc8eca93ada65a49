"""Business-day arithmetic with Korean public holidays (the ``holidays`` package) and the
ad-hoc holidays operators add in the admin (``core.Holiday``, 임시공휴일), used for every
service-level deadline."""

import datetime
from functools import lru_cache

import holidays
from django.core.cache import cache


@lru_cache(maxsize=64)
def korean_holidays(year: int) -> frozenset[datetime.date]:
    # Includes 대체공휴일 (substitute holidays) as the government observes them.
    return frozenset(holidays.country_holidays("KR", years=year).keys())


def ad_hoc_holidays() -> frozenset[datetime.date]:
    """The days operators declared off (cached; saving or deleting one clears the cache)."""
    from .models import AD_HOC_HOLIDAYS_CACHE_KEY, Holiday

    days = cache.get(AD_HOC_HOLIDAYS_CACHE_KEY)
    if days is None:
        days = frozenset(Holiday.objects.values_list("date", flat=True))
        cache.set(AD_HOC_HOLIDAYS_CACHE_KEY, days, 300)
    return days


def is_business_day(day: datetime.date, extra: frozenset | None = None) -> bool:
    if extra is None:
        extra = ad_hoc_holidays()
    return day.weekday() < 5 and day not in korean_holidays(day.year) and day not in extra


def add_business_days(start: datetime.date, days: int) -> datetime.date:
    """The date ``days`` business days after ``start`` (the start day itself not counted)."""
    extra = ad_hoc_holidays()
    day, remaining = start, days
    while remaining > 0:
        day += datetime.timedelta(days=1)
        if is_business_day(day, extra):
            remaining -= 1
    return day


def business_days_between(start: datetime.date, end: datetime.date) -> int:
    """Business days in (start, end]; 0 when end is not after start."""
    extra = ad_hoc_holidays()
    count, day = 0, start
    while day < end:
        day += datetime.timedelta(days=1)
        if is_business_day(day, extra):
            count += 1
    return count
