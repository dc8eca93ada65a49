"""Writes to proposals (CONVENTIONS.md: services). Every action of the registry goes
through ``proposal_fire``; drafts through ``proposal_create``/``proposal_update``."""

from ..deadlines import local_today, service_days
from .consultations import consultation_request, consultation_respond
from .drafts import EDITABLE_FIELDS, next_reference, proposal_create, proposal_update
from .events import TransitionConflict, proposal_event_created, record_event
from .firing import available_actions, can_fire, ensure_may, fire, proposal_fire
from .rereview import proposal_reopen_for_rereview, proposals_due_for_rereview

__all__ = [
    "EDITABLE_FIELDS",
    "TransitionConflict",
    "available_actions",
    "can_fire",
    "consultation_request",
    "consultation_respond",
    "ensure_may",
    "fire",
    "local_today",
    "next_reference",
    "proposal_create",
    "proposal_event_created",
    "proposal_fire",
    "proposal_reopen_for_rereview",
    "proposal_update",
    "proposals_due_for_rereview",
    "record_event",
    "service_days",
]
