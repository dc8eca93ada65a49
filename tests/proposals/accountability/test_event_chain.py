"""The tamper-evident record (issue 17 §6): each proposal's events are hash-chained,
anchors seal the newest ones, and ``manage.py verify_events`` names the first broken link
when a row was changed or removed behind the application's back."""

import itertools

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from apps.proposals.chain import GENESIS
from apps.proposals.models import EventAnchor, ProposalEvent
from apps.proposals.models import ProposalStatus as S
from apps.proposals.tasks import anchor_events
from tests.proposals.support import proposal_in

pytestmark = pytest.mark.django_db


def verify() -> str:
    try:
        call_command("verify_events", stdout=(out := __import__("io").StringIO()))
    except CommandError as error:
        return f"FAILED {error}"
    return out.getvalue()


def remove_behind_the_back(event):
    """A raw DELETE, with the notifications pointing at the row removed first (as a
    tamperer would, to get past the foreign key)."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM notifications_notification WHERE event_id = %s", [event.pk])
        cursor.execute("DELETE FROM proposals_proposalevent WHERE id = %s", [event.pk])


def test_each_event_links_to_the_previous_one_of_its_proposal(cast):
    first = proposal_in(cast, S.ASSIGNED)
    second = proposal_in(cast, S.SUBMITTED, title="두 번째 건의")
    for proposal in (first, second):
        events = list(ProposalEvent.objects.filter(proposal=proposal).order_by("pk"))
        assert events[0].prev_hash == GENESIS
        assert all(later.prev_hash == earlier.chain_hash for earlier, later in itertools.pairwise(events))
        assert all(len(event.chain_hash) == 64 for event in events)

    assert verify().startswith("ok: ")


def test_a_note_rewritten_by_raw_sql_fails_verification_and_is_named(cast):
    proposal = proposal_in(cast, S.DECIDED)
    decision = ProposalEvent.objects.get(proposal=proposal, action="decide")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE proposals_proposalevent SET note = %s WHERE id = %s", ["조작된 의견", decision.pk])

    result = verify()

    assert result.startswith("FAILED")
    assert f"event {decision.pk} ({proposal.reference} decide" in result
    assert "changed after it was recorded" in result


def test_a_bulk_update_of_a_payload_fails_verification(cast):
    proposal = proposal_in(cast, S.DECIDED)
    ProposalEvent.objects.filter(proposal=proposal, action="decide").update(payload={"outcome": "not_accepted"})

    assert "decide" in verify()


def test_a_removed_event_breaks_the_link_of_the_next_one(cast):
    proposal = proposal_in(cast, S.IN_REVIEW)
    assign = ProposalEvent.objects.get(proposal=proposal, action="assign")
    start = ProposalEvent.objects.get(proposal=proposal, action="start_review")
    remove_behind_the_back(assign)

    result = verify()

    assert f"event {start.pk} ({proposal.reference} start_review" in result
    assert "changed or removed" in result


def test_removing_the_newest_event_is_caught_by_the_anchor(cast):
    proposal = proposal_in(cast, S.IN_REVIEW)
    anchor_events()
    assert EventAnchor.objects.count() == 1
    assert anchor_events() == {"anchor": None}  # nothing new: no second anchor
    newest = ProposalEvent.objects.filter(proposal=proposal).order_by("-pk").first()
    remove_behind_the_back(newest)

    result = verify()

    assert result.startswith("FAILED broken link: anchor")
    assert "an event it sealed was changed or removed" in result


def test_anchors_chain_to_each_other(cast):
    proposal_in(cast, S.SUBMITTED)
    anchor_events()
    proposal_in(cast, S.SUBMITTED, title="다음 건의")
    anchor_events()
    first, second = EventAnchor.objects.order_by("pk")
    assert second.prev_digest == first.digest
    assert verify().startswith("ok: ")
