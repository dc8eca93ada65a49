"""Who may see and do what with meetings, forum topics and recommendations (DESIGN.md §2, §4).

Named ``meetings.<verb>_<model>``; services, views, feeds and the API all check these.

- Managers (the planning group's TF and operators) prepare meetings: details, agenda,
  invitations, attendance, minutes and the outcome of each agenda item.
- A meeting is open to the public once announced when it is a public meeting of a public
  body (forum, council …). Otherwise its participants see it: the invitees, the members
  of its body, for a council meeting the people of its region, and for an internal
  body's meeting (TF, 기획단) the ministry's staff. A drafted meeting only its managers.
- Forum topics are opened by the TF or the chair (장관) and discussed by forum members;
  a forum-only topic is seen by forum members, the chair and the TF alone.
"""

import rules

from apps.accounts.models import Role
from apps.accounts.predicates import has_role, is_admin, is_forum, is_ministry_staff, is_tf
from apps.accounts.selectors import active_memberships, user_region_scope_ids

from .models import COUNCIL_CODE, Invitation, MeetingStatus

REGION_PEOPLE = (Role.REGIONAL_OFFICIAL, Role.VICE_GOVERNOR, Role.LIAISON)

is_manager = is_tf | is_admin
is_forum_chair = has_role(Role.FORUM_CHAIR)


def invitee_ids(meeting) -> frozenset[int]:
    """The people invited to ``meeting`` (prefetched invitations are reused; one query otherwise)."""
    cached = meeting.__dict__.get("_invitee_ids")
    if cached is None:
        prefetched = getattr(meeting, "_prefetched_objects_cache", {}).get("invitations")
        if prefetched is not None:
            cached = frozenset(invitation.person_id for invitation in prefetched)
        else:
            cached = frozenset(Invitation.objects.filter(meeting_id=meeting.pk).values_list("person_id", flat=True))
        meeting.__dict__["_invitee_ids"] = cached
    return cached


def body_member_ids(user) -> frozenset[int]:
    return frozenset(m.body_id for m in active_memberships(user) if m.body_id)


@rules.predicate
def is_invitee(user, meeting):
    return meeting is not None and user.is_authenticated and user.pk in invitee_ids(meeting)


@rules.predicate
def is_body_participant(user, meeting):
    """Members of the meeting's body; a council meeting's region; an internal body's ministry staff."""
    if meeting is None or not user.is_authenticated:
        return False
    body = meeting.body
    if body.code == COUNCIL_CODE:
        return meeting.region_id is not None and meeting.region_id in user_region_scope_ids(user, *REGION_PEOPLE)
    if body.pk in body_member_ids(user):
        return True
    return not body.members_public and is_ministry_staff(user)


@rules.predicate
def is_drafted(user, meeting):
    return meeting is not None and meeting.status == MeetingStatus.DRAFTED


@rules.predicate
def is_open_to_public(user, meeting):
    return meeting is not None and meeting.is_open_to_public


is_participant = is_manager | is_invitee | is_body_participant
can_view_meeting = is_manager | (~is_drafted & (is_open_to_public | is_invitee | is_body_participant))

rules.add_perm("meetings.view_meeting", can_view_meeting)
rules.add_perm("meetings.add_meeting", is_manager)
rules.add_perm("meetings.change_meeting", is_manager)
rules.add_perm("meetings.edit_minutes", is_manager)
rules.add_perm("meetings.record_outcome", is_manager)
rules.add_perm("meetings.respond_meeting", is_invitee)
# Who attended (names and affiliations) is the participants' business, not the public's.
rules.add_perm("meetings.view_attendance", can_view_meeting & rules.is_authenticated & is_participant)
# Internal discussion of an agenda item (comments) is for the meeting's participants.
rules.add_perm("meetings.discuss_meeting", can_view_meeting & is_participant)


@rules.predicate
def is_public_body(user, body):
    return body is not None and body.members_public


# A body's calendar feed: a public body's for everyone, an internal body's (TF, 기획단)
# for the ministry's staff.
rules.add_perm("meetings.view_body_feed", is_public_body | is_ministry_staff)


# --- the forum ----------------------------------------------------------------------------


@rules.predicate
def is_forum_only(user, topic):
    return topic is not None and topic.forum_only


forum_insiders = is_forum | is_manager
can_view_topic = ~is_forum_only | forum_insiders

rules.add_perm("meetings.view_forumtopic", can_view_topic)
rules.add_perm("meetings.add_forumtopic", is_manager | is_forum_chair)
rules.add_perm("meetings.change_forumtopic", is_manager | is_forum_chair)
rules.add_perm("meetings.discuss_forumtopic", forum_insiders)
rules.add_perm("meetings.add_recommendation", is_manager | is_forum_chair)


@rules.predicate
def may_view_recommended_topic(user, recommendation):
    return recommendation is not None and (
        recommendation.topic_id is None or can_view_topic(user, recommendation.topic)
    )


rules.add_perm("meetings.view_recommendation", may_view_recommended_topic)


@rules.predicate
def may_see_proposal_if_named(user, proposal):
    """Without a proposal the question is whether the user may table proposals at all
    (the forum page's form); with one, whether they may see it."""
    return proposal is None or user.has_perm("proposals.view_proposal", proposal)


# Tabling a proposal for the forum (e.g. one needing other ministries): the TF.
rules.add_perm("meetings.table_proposal", is_tf & may_see_proposal_if_named)
