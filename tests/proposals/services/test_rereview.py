"""The daily ``proposals.rereview_due`` task: long_term decisions come back into review
on their re-review date, once."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from celery.schedules import crontab
from django.conf import settings

from apps.core.business_days import add_business_days
from apps.proposals.models import Outcome, ProposalEvent
from apps.proposals.models import ProposalStatus as S
from apps.proposals.services import service_days
from apps.proposals.tasks import rereview_due
from tests.proposals.support import Cast, fire, proposal_in

pytestmark = pytest.mark.django_db

SEOUL = ZoneInfo("Asia/Seoul")


def at(day: datetime.date, hour: int = 6):
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, hour, tzinfo=SEOUL), tick=False)


@pytest.fixture
def cast():
    with at(datetime.date(2026, 3, 2), hour=9):
        return Cast()


def _decided(cast, outcome=Outcome.LONG_TERM, title="대구경북신공항 연결 광역철도 지정"):
    with at(datetime.date(2026, 3, 3), hour=10):
        proposal = proposal_in(cast, S.IN_REVIEW, title=title)
        fields = {"planned_for": datetime.date(2027, 6, 30)} if outcome == Outcome.ACCEPTED else {}
        return fire(
            cast,
            proposal,
            "lead_reviewer",
            "decide",
            outcome=outcome,
            note="상위계획 반영 여부 확인 필요",
            decision_summary="제5차 국가철도망 구축계획 수립 시 재검토합니다.",
            **fields,
        )


def _rereview_events(proposal):
    return ProposalEvent.objects.filter(proposal=proposal, action="rereview")


def test_rereview_due_reopens_a_long_term_decision_on_its_date(cast):
    proposal = _decided(cast)
    due = proposal.rereview_at
    assert due == add_business_days(datetime.date(2026, 3, 3), service_days("long_term_rereview"))
    with at(due):
        result = rereview_due.apply().get()
    proposal.refresh_from_db()
    assert result == {"reopened": [proposal.pk]}
    assert proposal.status == S.IN_REVIEW
    assert proposal.rereview_at is None
    assert proposal.due_at == add_business_days(due, service_days("review"))
    event = _rereview_events(proposal).get()
    assert (event.actor, event.from_status, event.to_status, event.is_public) == (None, S.DECIDED, S.IN_REVIEW, True)


def test_rereview_due_twice_adds_nothing(cast):
    proposal = _decided(cast)
    with at(proposal.rereview_at + datetime.timedelta(days=3)):
        rereview_due.apply()
        events = ProposalEvent.objects.filter(proposal=proposal).count()
        assert rereview_due.apply().get() == {"reopened": []}
    assert ProposalEvent.objects.filter(proposal=proposal).count() == events
    assert _rereview_events(proposal).count() == 1


def test_rereview_due_leaves_a_decision_whose_date_has_not_come(cast):
    proposal = _decided(cast)
    with at(proposal.rereview_at - datetime.timedelta(days=1), hour=23):
        assert rereview_due.apply().get() == {"reopened": []}
    proposal.refresh_from_db()
    assert proposal.status == S.DECIDED
    assert not _rereview_events(proposal).exists()


def test_rereview_due_takes_a_missed_day_as_argument(cast):
    proposal = _decided(cast)
    day_before = (proposal.rereview_at - datetime.timedelta(days=1)).isoformat()
    with at(proposal.rereview_at + datetime.timedelta(days=10)):
        assert rereview_due.apply(kwargs={"today": day_before}).get() == {"reopened": []}
        result = rereview_due.apply(kwargs={"today": proposal.rereview_at.isoformat()}).get()
    assert result == {"reopened": [proposal.pk]}


def test_rereview_due_ignores_other_outcomes(cast):
    accepted = _decided(cast, Outcome.ACCEPTED, title="세종 스마트 국가산단 조기 조성")
    with at(datetime.date(2027, 12, 1)):
        assert rereview_due.apply().get() == {"reopened": []}
    accepted.refresh_from_db()
    assert accepted.status == S.DECIDED


def test_rereview_due_runs_daily_at_six_in_seoul():
    entries = [e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == "proposals.rereview_due"]
    assert len(entries) == 1
    assert entries[0]["schedule"] == crontab(hour=6, minute=0)
    assert settings.CELERY_TIMEZONE == "Asia/Seoul"
