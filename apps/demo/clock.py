"""The demo world's history, played forward in time through the real services.

Every step of the demo world (a proposal filed or decided, a meeting held, a comment
posted) is planned at the moment it happened; ``History.play`` then runs the steps in
time order, each with the clock travelled to its moment (``time_machine``, not ticking).
So the services stamp, number and date everything as they did then (created_at, due
dates, the reference's year), the rules read the roles people held that day, and a
meeting sees the proposals as they stood on its day. Nothing is rewritten afterwards:
events stay exactly as the services wrote them.
"""

import bisect
import datetime
from collections import defaultdict
from collections.abc import Callable
from zoneinfo import ZoneInfo

import time_machine
from django.db import transaction
from django.utils import timezone

from apps.accounts.models import Membership, User
from apps.core.business_days import is_business_day
from apps.notifications.models import EmailState, Notification

SEOUL = ZoneInfo("Asia/Seoul")


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=SEOUL)


def workday(day: datetime.date) -> datetime.date:
    """The business day on or before ``day``: councils and the TF do not meet on holidays."""
    while not is_business_day(day):
        day -= datetime.timedelta(days=1)
    return day


def business_days_before(day: datetime.date, count: int) -> datetime.date:
    while count > 0:
        day -= datetime.timedelta(days=1)
        if is_business_day(day):
            count -= 1
    return day


class People:
    """The demo people, each looked up afresh whenever their roles change.

    A user object remembers the roles it was first asked about
    (``apps.accounts.selectors.active_memberships`` caches "today's" memberships on it
    without the date), so the history uses one object per person and stretch of days
    over which their memberships stay the same: the rules read the roles held on the
    travelled day.
    """

    def __init__(self):
        changes = defaultdict(set)
        for username, start, end in Membership.objects.values_list("user__username", "valid_from", "valid_to"):
            changes[username].add(start)
            if end:
                changes[username].add(end + datetime.timedelta(days=1))
        self._changes = {username: sorted(days) for username, days in changes.items()}
        self._users: dict[tuple[str, int], User] = {}

    def __call__(self, username: str) -> User:
        key = (username, bisect.bisect_right(self._changes.get(username, []), timezone.localdate()))
        if key not in self._users:
            self._users[key] = User.objects.get(username=username)
        return self._users[key]


class History:
    """The planned steps of the demo world, played in time order."""

    def __init__(self):
        self.now = timezone.now()
        self.today = timezone.localdate(self.now)
        self.people = People()
        self._steps: list[tuple[datetime.datetime, int, Callable[[], object]]] = []

    def at(self, when: datetime.datetime, step: Callable[[], object]) -> None:
        """Plan ``step`` at ``when`` (never later than now: the demo has no future)."""
        self._steps.append((min(when, self.now), len(self._steps), step))

    @transaction.atomic
    def play(self) -> None:
        """Run every step on its moment, in one transaction. The notifications the history
        raises stay in-app but are never e-mailed (they are history, and the addresses are
        fictional), so the delivery tasks queued on commit find nothing to send."""
        last_before = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        for when, _order, step in sorted(self._steps, key=lambda planned: planned[:2]):
            with time_machine.travel(when, tick=False):
                step()
        self._steps.clear()
        Notification.objects.filter(pk__gt=last_before, email_state__in=[EmailState.PENDING, EmailState.DIGEST]).update(
            email_state=EmailState.SKIPPED
        )
