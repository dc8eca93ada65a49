"""Deadline reminders and escalation with frozen time across 추석 (2026-09-24..26):
due soon counts business days, nothing is sent on a holiday, each occasion once."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.notifications import services, tasks
from apps.notifications.models import Kind, Notification
from apps.proposals.models import Outcome, Proposal
from apps.proposals.models import ProposalStatus as S
from tests.notifications.support import OUTSIDERS, SUPPORT_DEPARTMENT, NotifyCast
from tests.proposals.support import fire, new_draft, proposal_in

pytestmark = pytest.mark.django_db

SEOUL = ZoneInfo("Asia/Seoul")
REGION = {"official", "vice_governor"}


def at(month, day, hour=7, minute=30):
    return datetime.datetime(2026, month, day, hour, minute, tzinfo=SEOUL)


def assigned(cast, title, due_at):
    proposal = proposal_in(cast, S.SUBMITTED, title=title)
    return fire(
        cast,
        proposal,
        "tf_staff",
        "assign",
        lead_department="녹색도시과",
        support_departments=[SUPPORT_DEPARTMENT],
        due_at=due_at,
    )


def remind():
    return tasks.deadline_reminders.delay().get()


def test_due_soon_counts_business_days_across_chuseok():
    with time_machine.travel(at(9, 16, 10), tick=False) as clock:
        cast = NotifyCast()
        a = assigned(cast, "A", datetime.date(2026, 9, 30))
        b = assigned(cast, "B", datetime.date(2026, 10, 1))

        # Wed 09-23: A is 7 calendar days away but only 3 business days (28, 29, 30).
        clock.move_to(at(9, 23))
        assert remind() == {Kind.DUE_SOON: 1}
        assert cast.heard(Kind.DUE_SOON, a) == {"lead_reviewer"}
        assert cast.heard(Kind.DUE_SOON, b) == set(), "B is 4 business days away"
        assert "3영업일" in Notification.objects.get(kind=Kind.DUE_SOON, proposal=a).body

        for day in (24, 25):  # 추석 연휴: no reminders at all
            clock.move_to(at(9, day))
            assert remind() == {"holiday": 1}

        clock.move_to(at(9, 28))  # Monday: B is now 3 business days away; A was told already
        assert remind() == {Kind.DUE_SOON: 1}
        assert Notification.objects.filter(kind=Kind.DUE_SOON).count() == 2
        assert "3영업일" in Notification.objects.get(kind=Kind.DUE_SOON, proposal=b).body
        assert not (cast.heard(Kind.DUE_SOON) & (OUTSIDERS | {"support_reviewer", "tf_staff", "tf_lead"} | REGION))


def test_overdue_goes_to_the_assignee_and_escalates_to_the_tf_lead_once():
    with time_machine.travel(at(9, 16, 10), tick=False) as clock:
        cast = NotifyCast()
        a = assigned(cast, "A", datetime.date(2026, 9, 30))

        clock.move_to(at(10, 1))
        assert remind() == {Kind.OVERDUE: 1, Kind.ESCALATED: 1}
        assert cast.heard(Kind.OVERDUE, a) == {"lead_reviewer"}
        assert cast.heard(Kind.ESCALATED, a) == {"tf_lead"}
        assert "1영업일" in Notification.objects.get(kind=Kind.ESCALATED).body

        assert remind() == {}, "a rerun the same day sends nothing"
        clock.move_to(at(10, 2))
        assert remind() == {}, "still the same occasion the next day"

        # An extension is a new deadline: a new occasion when it, too, runs out.
        clock.move_to(at(10, 2, 10))
        fire(cast, Proposal.objects.get(pk=a.pk), "lead_reviewer", "extend", due_at="2026-10-08", note="협의 필요")
        clock.move_to(at(10, 12))  # 10-09 한글날, 10-10/11 weekend
        assert remind() == {Kind.OVERDUE: 1, Kind.ESCALATED: 1}
        assert Notification.objects.filter(kind=Kind.ESCALATED).count() == 2
        assert "1영업일" in Notification.objects.filter(kind=Kind.ESCALATED).first().body


def test_triage_deadlines_go_to_the_tf_staff():
    with time_machine.travel(at(9, 16, 10), tick=False) as clock:
        cast = NotifyCast()
        proposal = proposal_in(cast, S.SUBMITTED)  # triage: due 7 business days later, 09-29
        clock.move_to(at(9, 23))
        remind()
        assert cast.heard(Kind.DUE_SOON, proposal) == {"tf_staff"}


def test_a_long_review_sends_the_region_an_interim_notice_then_every_30_days():
    with time_machine.travel(at(9, 1, 10), tick=False) as clock:
        cast = NotifyCast()
        proposal = assigned(cast, "A", datetime.date(2026, 12, 31))
        # 20 business days after 09-01 is 10-01 (추석 pushes it two days).
        clock.move_to(at(9, 30))
        remind()
        assert cast.heard(Kind.INTERIM_NOTICE) == set()
        clock.move_to(at(10, 1))
        remind()
        assert cast.heard(Kind.INTERIM_NOTICE, proposal) == REGION
        clock.move_to(at(10, 2))
        remind()
        clock.move_to(at(10, 30))
        remind()
        assert Notification.objects.filter(kind=Kind.INTERIM_NOTICE).count() == 2
        clock.move_to(at(11, 2))  # 32 days after the first notice
        remind()
        assert Notification.objects.filter(kind=Kind.INTERIM_NOTICE).count() == 4
    body = Notification.objects.filter(kind=Kind.INTERIM_NOTICE).first().body
    assert "녹색도시과" in body and "2026-09-01" in body


def test_long_term_items_coming_up_for_rereview_remind_the_tf_once():
    with time_machine.travel(at(9, 1, 10), tick=False) as clock:
        cast = NotifyCast()
        proposal = proposal_in(cast, S.IN_REVIEW)
        proposal = fire(
            cast, proposal, "lead_reviewer", "decide", outcome=Outcome.LONG_TERM, note="중장기",
            decision_summary="여건 변화 후 재검토",
        )  # fmt: skip
        Proposal.objects.filter(pk=proposal.pk).update(rereview_at=datetime.date(2026, 9, 30))
        clock.move_to(at(9, 22))
        remind()
        assert cast.heard(Kind.REREVIEW_DUE) == set()
        clock.move_to(at(9, 23))
        remind()
        clock.move_to(at(9, 28))
        remind()
    assert cast.heard(Kind.REREVIEW_DUE, proposal) == {"tf_staff", "tf_lead"}
    assert Notification.objects.filter(kind=Kind.REREVIEW_DUE).count() == 2


def test_reminders_are_found_by_queries_not_by_looking_at_every_proposal():
    with time_machine.travel(at(9, 16, 10), tick=False) as clock:
        cast = NotifyCast()
        assigned(cast, "A", datetime.date(2026, 9, 30))
        clock.move_to(at(9, 23))
        services.send_deadline_reminders()  # the occasion is notified: now a rerun only reads
        with CaptureQueriesContext(connection) as few:
            services.send_deadline_reminders()
        for index in range(8):  # drafts and far-off reviews are not candidates
            new_draft(cast, title=f"초안 {index}")
            assigned(cast, f"먼 과제 {index}", datetime.date(2026, 12, 31))
        with CaptureQueriesContext(connection) as many:
            services.send_deadline_reminders()
    assert len(many.captured_queries) == len(few.captured_queries)


def test_business_days_back_skips_holidays():
    # 10-06 back 3 business days: 10-06, 10-02, 10-01 → the latest date before them is 09-30.
    assert services.business_days_back(datetime.date(2026, 10, 6), 3) == datetime.date(2026, 9, 30)


def test_a_deadline_falling_today_is_called_today():
    from apps.notifications.messages import reminder_body

    proposal = Proposal(reference="2026-51-0001", title="과제", due_at=datetime.date(2026, 10, 6))
    assert reminder_body(Kind.DUE_SOON, proposal, business_days=0).startswith("오늘(2026-10-06)이 처리기한입니다.")
