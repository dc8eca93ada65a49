"""``available_actions`` checks only the actions whose transition may leave the state: it
must never miss one the state machine would allow."""

import pytest

from apps.proposals.models import Proposal, ProposalStatus
from apps.proposals.registry import FIREABLE
from apps.proposals.services.firing import actions_leaving, state_allows


@pytest.mark.parametrize("status", ProposalStatus.values)
def test_no_action_outside_the_list_is_allowed_from_the_state(status):
    proposal = Proposal(status=status, outcome="accepted")
    leaving = actions_leaving(status)
    for name, spec in FIREABLE.items():
        if name not in leaving:
            assert not state_allows(spec, proposal), (status, name)
    if status not in ("withdrawn", "merged", "referred"):  # the ends of the road
        assert leaving, status


def test_the_list_keeps_the_registry_order():
    leaving = actions_leaving(ProposalStatus.SUBMITTED)
    assert list(leaving) == [name for name in FIREABLE if name in leaving]
    assert {"assign", "request_info", "merge"} <= set(leaving)
