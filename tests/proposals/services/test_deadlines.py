"""Deadlines in business days across Korean public holidays (추석 2026-09-24..26,
개천절 2026-10-03 with its 대체공휴일 2026-10-05, 한글날 2026-10-09), and waiting on the
region (info_requested) not counted against the ministry."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from apps.proposals.models import ProposalEvent
from apps.proposals.models import ProposalStatus as S
from apps.proposals.selectors import with_deadline_flags
from apps.proposals.workload import due_soon_and_overdue
from tests.proposals.support import LEAD_DEPARTMENT, Cast, fire, proposal_in

pytestmark = pytest.mark.django_db

SEOUL = ZoneInfo("Asia/Seoul")
D = datetime.date


def at(day: datetime.date, hour: int = 10):
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, hour, tzinfo=SEOUL), tick=False)


@pytest.fixture
def cast():
    # Memberships start "today": make the people on the first day of the story.
    with at(D(2026, 9, 1)):
        return Cast()


@pytest.fixture
def endorsed_before_chuseok(cast):
    """Endorsed on Tuesday 2026-09-22, two days before 추석."""
    with at(D(2026, 9, 22)):
        return proposal_in(cast, S.SUBMITTED)


def test_triage_due_date_skips_chuseok_and_the_substitute_holiday(endorsed_before_chuseok):
    # 7 business days after 9/22: 9/23, 9/28, 9/29, 9/30, 10/1, 10/2, 10/6
    # (9/24–26 추석, 10/3 개천절 on a Saturday, 10/5 its 대체공휴일). Calendar days would say 9/29.
    assert endorsed_before_chuseok.due_at == D(2026, 10, 6)
    event = ProposalEvent.objects.get(proposal=endorsed_before_chuseok, action="endorse")
    assert event.payload["due_at"] == "2026-10-06"


def test_waiting_on_the_region_moves_the_due_date_by_the_business_days_waited(cast, endorsed_before_chuseok):
    with at(D(2026, 9, 23)):
        proposal = fire(cast, endorsed_before_chuseok, "tf_staff", "request_info", note="사업비 산출 근거 보완")
    with at(D(2026, 10, 8)):
        proposal = fire(cast, proposal, "official", "resubmit", note="보완했습니다")
    # Business days in (9/23, 10/8]: 9/28, 9/29, 9/30, 10/1, 10/2, 10/6, 10/7, 10/8 = 8.
    assert proposal.paused_days == 8
    # 10/6 + 8 business days: 10/7, 10/8, (10/9 한글날), 10/12 … 10/16, 10/19.
    assert proposal.due_at == D(2026, 10, 19)
    assert proposal.status == S.SUBMITTED
    event = ProposalEvent.objects.get(proposal=proposal, action="resubmit")
    assert event.payload == {"paused_business_days": 8, "due_at": "2026-10-19"}


def test_waiting_over_holidays_only_is_not_counted_at_all(cast, endorsed_before_chuseok):
    with at(D(2026, 9, 23)):
        proposal = fire(cast, endorsed_before_chuseok, "tf_staff", "request_info", note="위치도 보완")
    with at(D(2026, 9, 27)):  # Sunday after 추석: no business day has passed
        proposal = fire(cast, proposal, "official", "resubmit", note="보완했습니다")
    assert proposal.paused_days == 0
    assert proposal.due_at == D(2026, 10, 6)


def test_review_due_date_counts_thirty_business_days_past_the_holidays(cast, endorsed_before_chuseok):
    with at(D(2026, 9, 22), hour=15):
        proposal = fire(cast, endorsed_before_chuseok, "tf_staff", "assign", lead_department=LEAD_DEPARTMENT)
    # 30 business days from 9/22 step over the weekday holidays 9/24, 9/25, 10/5 and 10/9.
    assert proposal.due_at == D(2026, 11, 9)


@pytest.mark.parametrize(
    ("today", "due_soon", "overdue"),
    [
        (D(2026, 9, 28), False, False),  # 3 business days ahead is 10/1
        (D(2026, 9, 30), True, False),  # 10/1, 10/2, 10/6: the holidays stretch "soon"
        (D(2026, 10, 2), True, False),
        (D(2026, 10, 5), True, False),  # 대체공휴일: still not late
        (D(2026, 10, 6), True, False),  # due today
        (D(2026, 10, 7), False, True),
    ],
)
def test_due_soon_and_overdue_across_holidays(endorsed_before_chuseok, today, due_soon, overdue):
    buckets = due_soon_and_overdue(today=today)
    assert (endorsed_before_chuseok in buckets.due_soon, endorsed_before_chuseok in buckets.overdue) == (
        due_soon,
        overdue,
    )
    # The same answer as the flags list pages show.
    with at(today):
        flagged = with_deadline_flags(type(endorsed_before_chuseok).objects.all()).get()
    assert (flagged.is_due_soon, flagged.is_overdue) == (due_soon, overdue)


def test_due_soon_and_overdue_ignore_proposals_waiting_on_the_region(cast, endorsed_before_chuseok):
    with at(D(2026, 9, 23)):
        fire(cast, endorsed_before_chuseok, "tf_staff", "request_info", note="보완")
    buckets = due_soon_and_overdue(today=D(2026, 10, 20))
    assert not buckets.overdue.exists() and not buckets.due_soon.exists()
