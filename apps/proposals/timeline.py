"""The one timeline policy: what of each event a viewer may read.

``timeline_for(viewer, proposal)`` returns the proposal's events with the note and the
payload already cut to the viewer — the staff page, the API, the public portal and the
notification texts all read events through here, so no surface can show more than
another. The registry (``registry.py``) says, per action, who reads its note and which
audience reads each payload key.
"""

import dataclasses
import datetime

from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Role
from apps.accounts.selectors import active_memberships

from .models import Proposal, ProposalEvent
from .registry import ACTIONS, Audience, label_of


@dataclasses.dataclass(frozen=True)
class TimelineEntry:
    event: ProposalEvent
    action: str
    label: str
    note: str | None  # None: the viewer may not read it (or there is none)
    note_hidden: bool  # there is a note the viewer may not read
    payload: dict

    @property
    def id(self) -> int:
        return self.event.pk

    @property
    def created_at(self) -> datetime.datetime:
        return self.event.created_at


def audience_of(viewer, proposal: Proposal) -> Audience:
    """How much of the proposal's record ``viewer`` reads (anonymous: the public)."""
    if viewer is None or not viewer.is_authenticated:
        return Audience.PUBLIC
    if viewer.has_perm("proposals.view_internal_notes", proposal):
        return Audience.INTERNAL
    if viewer.has_perm("proposals.view_proposal", proposal):
        return Audience.PARTICIPANTS
    return Audience.PUBLIC


def organisation_codes(viewer) -> frozenset[str]:
    """The partner organisations ``viewer`` belongs to (a consulted one reads its question)."""
    return frozenset(m.organisation.code for m in active_memberships(viewer) if m.organisation_id)


def may_read_note(event: ProposalEvent, audience: Audience, organisations=frozenset()) -> bool:
    """Notes are never public; a consultation's question and answer are also read by the
    members of the organisation consulted."""
    spec = ACTIONS.get(event.action)
    if spec is None:
        return audience >= Audience.INTERNAL
    if audience >= spec.note_readers and audience > Audience.PUBLIC:
        return True
    return spec.consulted_read_note and (event.payload or {}).get("organisation") in organisations


def visible_payload(event: ProposalEvent, audience: Audience) -> dict:
    spec = ACTIONS.get(event.action)
    if spec is None:
        return event.payload if audience >= Audience.INTERNAL else {}
    if audience == Audience.PUBLIC and not event.is_public:
        return {}
    return {key: value for key, value in (event.payload or {}).items() if spec.key_audience(key) <= audience}


def entry(event: ProposalEvent, audience: Audience, organisations=frozenset()) -> TimelineEntry:
    readable = may_read_note(event, audience, organisations)
    return TimelineEntry(
        event=event,
        action=event.action,
        label=label_of(event.action, public=audience == Audience.PUBLIC),
        note=event.note if readable and event.note else None,
        note_hidden=bool(event.note) and not readable,
        payload=visible_payload(event, audience),
    )


def timeline_for(viewer, proposal: Proposal, events=None) -> list[TimelineEntry]:
    """The events of ``proposal`` ``viewer`` may see, oldest first, each cut to them.

    The public sees public events only, and of a merge the target's reference only if
    the target is public too."""
    audience = audience_of(viewer, proposal)
    if events is None:
        events = ProposalEvent.objects.filter(proposal=proposal).select_related("actor").order_by("created_at", "pk")
    if audience == Audience.PUBLIC:
        events = [event for event in events if event.is_public]
    organisations = organisation_codes(viewer) if Audience.PUBLIC < audience < Audience.INTERNAL else frozenset()
    entries = [entry(event, audience, organisations) for event in events]
    if audience == Audience.PUBLIC:
        entries = _public_reassignments([_public_merge_target(item, proposal) for item in entries])
    return entries


REASSIGNED = _("소관부서 재지정")


def _public_reassignments(entries: list[TimelineEntry]) -> list[TimelineEntry]:
    """A department declining (not public) and the TF assigning again read, in public, as
    one "소관부서 재지정" — never a second unexplained "배정"; a reassignment reads the same."""
    assigned = False
    result = []
    for item in entries:
        if item.action in ("assign", "reassign"):
            if assigned:
                item = dataclasses.replace(item, label=str(REASSIGNED))
            assigned = True
        result.append(item)
    return result


def _public_merge_target(item: TimelineEntry, proposal: Proposal) -> TimelineEntry:
    if "into_reference" not in item.payload:
        return item
    target = proposal.merged_into if proposal.merged_into_id else None
    if target is not None and target.is_open_to_public and target.reference == item.payload["into_reference"]:
        return item
    payload = {key: value for key, value in item.payload.items() if key != "into_reference"}
    return dataclasses.replace(item, payload=payload)


# Whom a notification addresses, and in which capacity: recipients are chosen as the
# proposal's region, its departments' reviewers, the TF or the consulted organisation
# (``apps.notifications.recipients``), so the capacity says how much they read.
INTERNAL_ROLES = frozenset({Role.TF_STAFF, Role.TF_LEAD, Role.ADMIN, Role.DEPT_REVIEWER})
CONSULTED_ROLES = frozenset({Role.ADVISOR, Role.INSTITUTION})


def recipient_may_read_note(event: ProposalEvent, roles) -> bool:
    """Whether a notification of ``event`` to someone addressed in ``roles`` may quote
    its note: the same rule as their timeline."""
    roles = frozenset(roles)
    if roles & INTERNAL_ROLES:
        audience = Audience.INTERNAL
    elif roles - CONSULTED_ROLES:
        audience = Audience.PARTICIPANTS
    else:
        audience = Audience.PUBLIC
    organisations = {(event.payload or {}).get("organisation")} if roles & CONSULTED_ROLES else frozenset()
    return may_read_note(event, audience, organisations)
