"""The proposal pages (DESIGN.md §2–3), one module per concern: ``queues`` (each role's
list), ``detail`` (one proposal, its timeline and action forms), ``drafts`` (writing a
proposal), ``consultations`` (what a consulted organisation was asked).

What a person may not see answers 404; a page their rules do not allow, 403; a click on a
page someone else changed meanwhile, 409.
"""

from .common import queue_links, status_badge_class
from .consultations import consultation_answer, consultation_list, consultation_reply_edit
from .decision import proposal_decide
from .detail import merge_targets, proposal_action, proposal_attach, proposal_consult, proposal_detail
from .drafts import proposal_edit, proposal_new
from .queues import (
    proposal_endorsements,
    proposal_inbox,
    proposal_list,
    proposal_mine,
    proposal_triage,
    proposal_workload,
)

__all__ = [
    "consultation_answer",
    "consultation_list",
    "consultation_reply_edit",
    "merge_targets",
    "proposal_action",
    "proposal_attach",
    "proposal_consult",
    "proposal_decide",
    "proposal_detail",
    "proposal_edit",
    "proposal_endorsements",
    "proposal_inbox",
    "proposal_list",
    "proposal_mine",
    "proposal_new",
    "proposal_triage",
    "proposal_workload",
    "queue_links",
    "status_badge_class",
]
