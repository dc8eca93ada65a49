"""Two people firing on one proposal at the same moment, on PostgreSQL: exactly one wins,
the other gets a conflict, and nothing is half-written."""

import threading

import pytest
from django.db import close_old_connections, connection

from apps.proposals.models import Proposal, ProposalEvent
from apps.proposals.models import ProposalStatus as S
from apps.proposals.services import TransitionConflict, proposal_fire
from tests.proposals.support import Cast, proposal_in

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _race(cast, proposal_id, attempts):
    """Run each (person, action, fields) in its own thread and connection, all released
    together by a barrier; return each outcome ("ok" or "conflict")."""
    barrier = threading.Barrier(len(attempts))
    outcomes: list[str] = [""] * len(attempts)

    def attempt(index, person, action, fields):
        try:
            proposal = Proposal.objects.get(pk=proposal_id)
            actor = cast[person]
            barrier.wait(timeout=10)
            proposal_fire(proposal=proposal, actor=actor, action=action, **fields)
            outcomes[index] = "ok"
        except TransitionConflict:
            outcomes[index] = "conflict"
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=attempt, args=(index, *spec)) for index, spec in enumerate(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def test_concurrent_transitions_exactly_one_wins():
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's; SQLite serialises writers itself")
    cast = Cast()
    proposal = proposal_in(cast, S.SUBMITTED)
    outcomes = _race(
        cast,
        proposal.pk,
        [
            ("tf_staff", "assign", {"lead_department": "녹색도시과"}),
            ("tf_lead", "refer", {"ministry": "행정안전부"}),
        ],
    )
    assert sorted(outcomes) == ["conflict", "ok"]
    proposal = Proposal.objects.get(pk=proposal.pk)
    fired = ProposalEvent.objects.filter(proposal=proposal, action__in=["assign", "refer"])
    assert fired.count() == 1
    assert proposal.status == fired.get().to_status


def test_the_same_action_twice_at_once_is_done_once():
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's; SQLite serialises writers itself")
    cast = Cast()
    proposal = proposal_in(cast, S.AWAITING_ENDORSEMENT)
    outcomes = _race(cast, proposal.pk, [("vice_governor", "endorse", {}), ("vice_governor", "endorse", {})])
    assert sorted(outcomes) == ["conflict", "ok"]
    assert ProposalEvent.objects.filter(proposal_id=proposal.pk, action="endorse").count() == 1
