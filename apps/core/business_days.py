"""Business-day arithmetic with Korean public holidays (the ``holidays`` package),
used for every service-level deadline."""

import datetime
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def korean_holidays(year: int) -> frozenset[datetime.date]:
    # Includes 대체공휴일 (substitute holidays) as the government observes them.
    return frozenset(holidays.country_holidays("KR", years=year).keys())


def is_business_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in korean_holidays(day.year)


def add_business_days(start: datetime.date, days: int) -> datetime.date:
    """The date ``days`` business days after ``start`` (the start day itself not counted)."""
    day, remaining = start, days
    while remaining > 0:
        day += datetime.timedelta(days=1)
        if is_business_day(day):
            remaining -= 1
    return day


def business_days_between(start: datetime.date, end: datetime.date) -> int:
    """Business days in (start, end]; 0 when end is not after start."""
    count, day = 0, start
    while day < end:
        day += datetime.timedelta(days=1)
        if is_business_day(day):
            count += 1
    return count
