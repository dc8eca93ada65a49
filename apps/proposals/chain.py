"""The tamper-evident record: each proposal's events form a hash chain, and an anchor
periodically seals the heads of every chain.

An event's hash covers its own content and the hash of the proposal's previous event,
so a row changed by a bulk ``UPDATE`` or removed by a raw ``DELETE`` breaks the link after
it. Removing a proposal's newest event (nothing follows it) is caught by the anchors:
each one hashes every proposal's head at the time, chained to the anchor before it.
``manage.py verify_events`` checks both.
"""

import dataclasses
import hashlib
import json

from django.db import transaction

GENESIS = ""


def _canonical(value) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def event_digest(prev_hash: str, event) -> str:
    """The hash of ``event`` (a ProposalEvent, saved or about to be) after ``prev_hash``."""
    content = {
        "prev": prev_hash,
        "proposal": event.proposal_id,
        "action": event.action,
        "actor": event.actor_id,
        "from": event.from_status,
        "to": event.to_status,
        "note": event.note,
        "payload": event.payload or {},
        "public": bool(event.is_public),
        "at": event.created_at.isoformat(),
    }
    return hashlib.sha256(_canonical(content).encode()).hexdigest()


def heads_digest(prev_anchor: str, heads) -> str:
    """An anchor's hash: the previous anchor and every (proposal id, head hash), in order."""
    return hashlib.sha256(_canonical({"prev": prev_anchor, "heads": sorted(heads)}).encode()).hexdigest()


@dataclasses.dataclass(frozen=True)
class BrokenLink:
    where: str  # what is broken, for the operator: the event or anchor and its proposal
    why: str

    def __str__(self):
        return f"{self.where}: {self.why}"


def _describe(event) -> str:
    return f"event {event.pk} ({event.proposal.reference} {event.action}, {event.created_at:%Y-%m-%d %H:%M})"


def verify_chains(events) -> BrokenLink | None:
    """The first broken link among ``events`` (ordered by proposal, then id), or None."""
    previous: dict[int, str] = {}
    for event in events:
        expected_prev = previous.get(event.proposal_id, GENESIS)
        if event.prev_hash != expected_prev:
            why = (
                "the event before it was changed or removed"
                if event.proposal_id in previous or event.prev_hash
                else "its link to the previous event was changed"
            )
            return BrokenLink(_describe(event), why)
        if event_digest(expected_prev, event) != event.chain_hash:
            return BrokenLink(_describe(event), "its content was changed after it was recorded")
        previous[event.proposal_id] = event.chain_hash
    return None


def current_heads(event_model, *, up_to: int | None = None) -> list[tuple[int, str]]:
    """(proposal id, hash of its newest event), of events with id ≤ ``up_to``."""
    rows = event_model.objects.all()
    if up_to is not None:
        rows = rows.filter(pk__lte=up_to)
    heads: dict[int, tuple[int, str]] = {}
    for pk, proposal_id, chain_hash in rows.values_list("pk", "proposal_id", "chain_hash").iterator():
        if proposal_id not in heads or heads[proposal_id][0] < pk:
            heads[proposal_id] = (pk, chain_hash)
    return [(proposal_id, chain_hash) for proposal_id, (_pk, chain_hash) in heads.items()]


def verify_anchors(anchor_model, event_model) -> BrokenLink | None:
    previous = GENESIS
    for anchor in anchor_model.objects.order_by("pk"):
        where = f"anchor {anchor.pk} ({anchor.created_at:%Y-%m-%d %H:%M}, events up to {anchor.last_event_id})"
        if anchor.prev_digest != previous:
            return BrokenLink(where, "the anchor before it was changed or removed")
        if heads_digest(previous, current_heads(event_model, up_to=anchor.last_event_id)) != anchor.digest:
            return BrokenLink(where, "an event it sealed was changed or removed")
        previous = anchor.digest
    return None


@transaction.atomic
def seal(anchor_model, event_model):
    """A new anchor over every chain's head now (None when nothing happened since the last)."""
    last = anchor_model.objects.select_for_update().order_by("-pk").first()
    newest = event_model.objects.order_by("-pk").values_list("pk", flat=True).first()
    if newest is None or (last is not None and last.last_event_id == newest):
        return None
    previous = last.digest if last else GENESIS
    return anchor_model.objects.create(
        last_event_id=newest,
        prev_digest=previous,
        digest=heads_digest(previous, current_heads(event_model, up_to=newest)),
    )
