"""Department workload: waiting, overdue, due soon and the median review time, per
department the viewer may see, in a fixed number of queries."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from apps.organisations.models import Department
from apps.proposals.models import Proposal
from apps.proposals.models import ProposalStatus as S
from apps.proposals.services import proposal_reopen_for_rereview
from apps.proposals.workload import department_workload
from tests.proposals.support import LEAD_DEPARTMENT, OTHER_DEPARTMENT, Cast, fire, proposal_in

pytestmark = pytest.mark.django_db

SEOUL = ZoneInfo("Asia/Seoul")
D = datetime.date
TODAY = D(2026, 11, 2)  # a Monday


def at(day: datetime.date, hour: int = 10):
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, hour, tzinfo=SEOUL), tick=False)


@pytest.fixture
def cast():
    with at(D(2026, 6, 1)):
        return Cast()


def _assigned(cast, title, department, on, due=None):
    with at(on):
        proposal = proposal_in(cast, S.SUBMITTED, title=title)
        fields = {"lead_department": department}
        if due:
            fields["due_at"] = due
        return fire(cast, proposal, "tf_staff", "assign", **fields)


def _decided(cast, title, department, assigned_on, days):
    proposal = _assigned(cast, title, department, assigned_on)
    reviewer = "lead_reviewer" if department == LEAD_DEPARTMENT else "other_reviewer"
    with at(assigned_on, hour=11):
        proposal = fire(cast, proposal, reviewer, "start_review")
    with at(assigned_on + datetime.timedelta(days=days)):
        return fire(
            cast,
            proposal,
            reviewer,
            "decide",
            outcome="not_accepted",
            note="관계 법령상 곤란",
            decision_summary="현행 법령상 수용이 곤란합니다.",
        )


@pytest.fixture
def workload_world(cast):
    """녹색도시과: 3 waiting (1 overdue, 1 due soon, 1 not yet) and 3 decided in 10, 20
    and 40 days (median 20); 도시재생과: 1 decided in 7 days, nothing waiting."""
    _assigned(cast, "부산 강서 개발제한구역 해제", LEAD_DEPARTMENT, D(2026, 9, 1), due=D(2026, 10, 30))
    _assigned(cast, "대구 군공항 후적지 GB 해제", LEAD_DEPARTMENT, D(2026, 10, 1), due=D(2026, 11, 4))
    _assigned(cast, "창원 GB 해제 국가산단", LEAD_DEPARTMENT, D(2026, 10, 15), due=D(2026, 12, 1))
    _decided(cast, "울산 GB 해제 총량", LEAD_DEPARTMENT, D(2026, 6, 2), days=10)
    _decided(cast, "대전 GB 조정", LEAD_DEPARTMENT, D(2026, 6, 3), days=20)
    _decided(cast, "청주 GB 공공시설", LEAD_DEPARTMENT, D(2026, 6, 4), days=40)
    _decided(cast, "북항 도시재생", OTHER_DEPARTMENT, D(2026, 7, 1), days=7)


def _by_code(rows):
    return {row.code: row for row in rows}


def test_department_workload_counts_waiting_overdue_due_soon_and_median(workload_world):
    rows = _by_code(department_workload(today=TODAY))
    assert set(rows) == {LEAD_DEPARTMENT, OTHER_DEPARTMENT}
    green = rows[LEAD_DEPARTMENT]
    assert (green.waiting, green.overdue, green.due_soon, green.decided) == (3, 1, 1, 3)
    assert green.median_days == 20.0
    assert green.name == Department.objects.get(code=LEAD_DEPARTMENT).name
    regen = rows[OTHER_DEPARTMENT]
    assert (regen.waiting, regen.overdue, regen.due_soon, regen.decided, regen.median_days) == (0, 0, 0, 1, 7.0)


def test_department_workload_lists_the_most_overdue_department_first(workload_world):
    assert [row.code for row in department_workload(today=TODAY)] == [LEAD_DEPARTMENT, OTHER_DEPARTMENT]


def test_department_workload_median_of_an_even_count_is_the_midpoint(cast):
    _decided(cast, "A", OTHER_DEPARTMENT, D(2026, 7, 1), days=4)
    _decided(cast, "B", OTHER_DEPARTMENT, D(2026, 7, 2), days=10)
    assert _by_code(department_workload(today=TODAY))[OTHER_DEPARTMENT].median_days == 7.0


def test_department_workload_without_decisions_has_no_median(cast):
    _assigned(cast, "A", OTHER_DEPARTMENT, D(2026, 10, 1))
    row = _by_code(department_workload(today=TODAY))[OTHER_DEPARTMENT]
    assert (row.waiting, row.decided, row.median_days) == (1, 0, None)


@pytest.mark.parametrize("who", ["tf_staff", "tf_lead", "admin"])
def test_department_workload_shows_every_department_to_tf_and_admin(workload_world, cast, who):
    assert set(_by_code(department_workload(cast[who], today=TODAY))) == {LEAD_DEPARTMENT, OTHER_DEPARTMENT}


def test_department_workload_shows_a_reviewer_only_their_department(workload_world, cast):
    assert list(_by_code(department_workload(cast["lead_reviewer"], today=TODAY))) == [LEAD_DEPARTMENT]
    assert list(_by_code(department_workload(cast["other_reviewer"], today=TODAY))) == [OTHER_DEPARTMENT]


@pytest.mark.parametrize("who", ["official", "vice_governor", "advisor", "forum_member"])
def test_department_workload_shows_nothing_to_others(workload_world, cast, who):
    assert department_workload(cast[who], today=TODAY) == []


def test_department_workload_query_count_does_not_grow_with_proposals(workload_world, cast, django_assert_num_queries):
    department_workload(today=TODAY)  # the holiday list is read once per cache period
    with django_assert_num_queries(2):
        department_workload(today=TODAY)
    _decided(cast, "추가 건", OTHER_DEPARTMENT, D(2026, 8, 3), days=5)
    _assigned(cast, "추가 대기", LEAD_DEPARTMENT, D(2026, 10, 20))
    with django_assert_num_queries(2):
        department_workload(today=TODAY)


@pytest.mark.parametrize("how", ["reopen", "rereview"])
def test_department_workload_counts_a_reopened_review_as_waiting_not_decided(cast, how):
    proposal = _decided(cast, "제주 제2공항", LEAD_DEPARTMENT, D(2026, 7, 1), days=10)
    with at(D(2026, 8, 3)):
        if how == "reopen":
            fire(cast, proposal, "tf_lead", "reopen")
        else:
            Proposal.objects.filter(pk=proposal.pk).update(outcome="long_term", rereview_at=D(2026, 8, 3))
            proposal_reopen_for_rereview(proposal=proposal)
    row = _by_code(department_workload(today=TODAY))[LEAD_DEPARTMENT]
    assert (row.waiting, row.decided, row.median_days) == (1, 0, None)


def test_the_median_counts_from_receipt_like_the_statistics_page(cast):
    """Received on 7/1, assigned on 7/6, decided on 7/16: 15 days, not the 10 since assignment."""
    with at(D(2026, 7, 1)):
        proposal = proposal_in(cast, S.SUBMITTED, title="수령 후 5일 뒤 배정")
    with at(D(2026, 7, 6)):
        proposal = fire(cast, proposal, "tf_staff", "assign", lead_department=OTHER_DEPARTMENT)
    with at(D(2026, 7, 6), hour=11):
        proposal = fire(cast, proposal, "other_reviewer", "start_review")
    with at(D(2026, 7, 16)):
        fire(cast, proposal, "other_reviewer", "decide", outcome="not_accepted", note="곤란", decision_summary="곤란")
    assert _by_code(department_workload(today=TODAY))[OTHER_DEPARTMENT].median_days == 15.0
