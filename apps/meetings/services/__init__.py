"""Writes to meetings, agendas, invitations, minutes, forum topics and recommendations.

One module a concern — ``meetings`` (a meeting's life and minutes), ``agenda``,
``invitations`` (invitations, RSVP, attendance), ``forum`` (topics, tabling,
recommendations), ``feeds`` (calendar feed tokens) — on the shared rule check, lock and
notice in ``common``. Callers use the package: ``services.meeting_create(...)``.
"""

from .agenda import (
    agenda_add,
    agenda_move,
    agenda_propose,
    agenda_record_outcome,
    agenda_remove,
    agenda_update,
    outcome_note_text,
)
from .common import MeetingConflict, meeting_url, when_text
from .feeds import feed_token_for, feed_token_reset
from .forum import proposal_table, recommendation_record, topic_open, topic_set_status, topic_update
from .invitations import attendance_record, invitation_add, invitation_remove, invitation_respond, invite_members
from .meetings import (
    meeting_cancel,
    meeting_create,
    meeting_hold,
    meeting_publish_minutes,
    meeting_schedule,
    meeting_update,
    minutes_save,
)

__all__ = [
    "MeetingConflict",
    "agenda_add",
    "agenda_move",
    "agenda_propose",
    "agenda_record_outcome",
    "agenda_remove",
    "agenda_update",
    "attendance_record",
    "feed_token_for",
    "feed_token_reset",
    "invitation_add",
    "invitation_remove",
    "invitation_respond",
    "invite_members",
    "meeting_cancel",
    "meeting_create",
    "meeting_hold",
    "meeting_publish_minutes",
    "meeting_schedule",
    "meeting_update",
    "meeting_url",
    "minutes_save",
    "outcome_note_text",
    "proposal_table",
    "recommendation_record",
    "topic_open",
    "topic_set_status",
    "topic_update",
    "when_text",
]
