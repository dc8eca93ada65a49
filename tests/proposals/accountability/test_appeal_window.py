"""The appeal window (issue 17 §4): a reconsideration may be requested within
APPEAL_WINDOW_DAYS (15, per 국민제안) of the decision, with a clear refusal after; the
reasons for upholding are published with the outcome."""

import datetime

import pytest
import time_machine
from django.test import override_settings

from apps.proposals.models import ProposalStatus as S
from apps.proposals.services import TransitionConflict
from apps.proposals.timeline import timeline_for
from tests.proposals.support import fire, proposal_in

pytestmark = pytest.mark.django_db

# After the cast's memberships begin (today): a date to come.
DECIDED_ON = datetime.datetime(2027, 3, 2, 1, 0, tzinfo=datetime.UTC)


def decided(cast):
    with time_machine.travel(DECIDED_ON, tick=False):
        return proposal_in(cast, S.DECIDED)


def on_day(days):
    return time_machine.travel(DECIDED_ON + datetime.timedelta(days=days), tick=False)


def test_the_decision_names_the_appeal_deadline(cast):
    proposal = decided(cast)

    assert proposal.appeal_deadline == datetime.date(2027, 3, 17)
    decision = next(item for item in timeline_for(cast["official"], proposal) if item.action == "decide")
    assert decision.payload["appeal_until"] == "2027-03-17"


def test_an_appeal_on_day_15_is_accepted(cast):
    proposal = decided(cast)
    with on_day(15):
        appealed = fire(cast, proposal, "official", "appeal", note="재검토 바랍니다.")
    assert appealed.status == S.RECONSIDERATION


def test_an_appeal_on_day_16_is_refused_with_the_deadline(cast):
    proposal = decided(cast)
    with on_day(16), pytest.raises(TransitionConflict) as refused:
        fire(cast, proposal, "official", "appeal", note="재검토 바랍니다.")

    assert str(refused.value) == "재검토요청 기간이 지났습니다. 결정 통보 후 15일(2027-03-17)까지 요청할 수 있습니다."
    proposal.refresh_from_db()
    assert proposal.status == S.DECIDED


@override_settings(APPEAL_WINDOW_DAYS=30)
def test_the_window_is_configurable(cast):
    proposal = decided(cast)
    with on_day(20):
        assert fire(cast, proposal, "official", "appeal", note="재검토 바랍니다.").status == S.RECONSIDERATION


def test_a_second_appeal_is_refused_for_being_the_second(cast):
    proposal = decided(cast)
    with on_day(1):
        proposal = fire(cast, proposal, "official", "appeal", note="재검토 바랍니다.")
        proposal = fire(cast, proposal, "tf_lead", "uphold", note="원안이 타당합니다.")
        with pytest.raises(TransitionConflict, match="한 번만"):
            fire(cast, proposal, "official", "appeal", note="다시 요청합니다.")


def test_the_reasons_for_upholding_are_public(cast):
    proposal = decided(cast)
    with on_day(1):
        proposal = fire(cast, proposal, "official", "appeal", note="재검토 바랍니다.")
        proposal = fire(cast, proposal, "tf_lead", "uphold", note="예산 여건상 원안이 타당합니다.")

    public = next(item for item in timeline_for(None, proposal) if item.action == "uphold")
    assert public.payload == {"reasons": "예산 여건상 원안이 타당합니다."}
    assert public.note is None
