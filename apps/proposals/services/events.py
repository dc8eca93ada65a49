"""The timeline's one writer: every action leaves exactly one immutable event."""

from django.db import transaction
from django.dispatch import Signal

from ..models import Proposal, ProposalEvent
from ..registry import ACTIONS

# Sent inside the transaction, right after the event row is written (sender=ProposalEvent,
# event=the ProposalEvent): receivers write their own rows atomically with the event
# (the notifications outbox, the similarity index). A receiver that raises rolls the
# whole action back.
proposal_event_created = Signal()


class TransitionConflict(Exception):
    """The action is not possible from the proposal's current state, or another person
    changed the proposal first (HTTP 409)."""


@transaction.atomic
def record_event(*, proposal, actor, action, from_status=None, to_status=None, note="", payload=None) -> ProposalEvent:
    """One timeline line. An action that keeps the state records it as both from and to;
    whether it is on the public timeline is the registry's word."""
    spec = ACTIONS.get(action)
    # The hash chain links each event to the proposal's previous one: hold the proposal's
    # row so no other event of it is written in between (the firing path holds it already).
    Proposal.objects.select_for_update().filter(pk=proposal.pk).values_list("pk", flat=True).first()
    event = ProposalEvent.objects.create(
        proposal=proposal,
        actor=actor,
        action=action,
        from_status=proposal.status if from_status is None else from_status,
        to_status=proposal.status if to_status is None else to_status,
        note=note,
        payload=payload or {},
        is_public=spec is not None and spec.is_public,
    )
    proposal_event_created.send(sender=ProposalEvent, event=event)
    return event
