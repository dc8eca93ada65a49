"""Who may read, write and moderate comments (DESIGN.md §2, §4).

Every target has its participants — those who may write and read internal comments:

- a proposal: who may see it (``proposals.view_proposal``): its region and the staff
  working on it (TF, operators, the lead and support departments, the covering office);
- a meeting's agenda item: the meeting's participants (``meetings.discuss_meeting``);
- a forum topic: forum members, the chair and the TF (``meetings.discuss_forumtopic``).

A target is public when the public may see it: a public, submitted proposal; an agenda
item of a meeting open to the public; a topic not marked forum-only. Public comments are
possible only there, and anyone who may see the target reads them. A hidden comment is
seen only by the moderators (TF, operators) and its author, who sees why.
"""

import rules

from apps.accounts.predicates import is_admin, is_tf
from apps.proposals.models import PRE_SUBMISSION

from .models import TargetKind, Visibility, target_kind_of

is_moderator = is_tf | is_admin


def proposal_is_public(proposal) -> bool:
    return bool(proposal.is_public) and proposal.status not in PRE_SUBMISSION


def target_is_public(target) -> bool:
    kind = target_kind_of(target)
    if kind == TargetKind.PROPOSAL:
        return proposal_is_public(target)
    if kind == TargetKind.AGENDA:
        return target.meeting.is_open_to_public
    return not target.forum_only


def is_target_participant(user, target) -> bool:
    if target is None or not user.is_authenticated:
        return False
    kind = target_kind_of(target)
    if kind == TargetKind.PROPOSAL:
        return user.has_perm("proposals.view_proposal", target)
    if kind == TargetKind.AGENDA:
        return user.has_perm("meetings.discuss_meeting", target.meeting)
    return user.has_perm("meetings.discuss_forumtopic", target)


def may_view_target(user, target) -> bool:
    if target is None:
        return False
    if is_target_participant(user, target):
        return True
    kind = target_kind_of(target)
    if kind == TargetKind.PROPOSAL:
        return proposal_is_public(target)
    if kind == TargetKind.AGENDA:
        return user.has_perm("meetings.view_meeting", target.meeting)
    return user.has_perm("meetings.view_forumtopic", target)


def comment_visible_to(user, comment, *, participant: bool, public_target: bool, moderator: bool) -> bool:
    """Whether ``user`` sees ``comment`` of a target they may see, given what they are on it."""
    if comment.is_hidden and not (moderator or (user.is_authenticated and comment.author_id == user.pk)):
        return False
    return participant or (comment.visibility == Visibility.PUBLIC and public_target)


@rules.predicate
def participates(user, target):
    return is_target_participant(user, target)


@rules.predicate
def may_see_comment(user, comment):
    if comment is None:
        return False
    target = comment.target
    if not may_view_target(user, target):
        return False
    return comment_visible_to(
        user,
        comment,
        participant=is_target_participant(user, target),
        public_target=target_is_public(target),
        moderator=bool(is_moderator(user)),
    )


@rules.predicate
def is_author(user, comment):
    return comment is not None and user.is_authenticated and comment.author_id == user.pk


@rules.predicate
def is_hidden(user, comment):
    return comment is not None and comment.is_hidden


rules.add_perm("comments.add_comment", participates)
rules.add_perm("comments.view_comment", may_see_comment)
rules.add_perm("comments.change_comment", may_see_comment & is_author & ~is_hidden)
rules.add_perm("comments.report_comment", rules.is_authenticated & may_see_comment & ~is_author & ~is_hidden)
rules.add_perm("comments.moderate_comment", is_moderator & may_see_comment)
rules.add_perm("comments.moderate_comments", is_moderator)
