"""Reads of comments: a target's thread as the viewer may see it, in a fixed number of
queries however long the thread (the comments with their authors, and their edit history).

What the viewer is on the target (participant, moderator, whether the target is public)
is worked out once per thread, not per comment.
"""

import dataclasses

from django.db.models import Prefetch, QuerySet

from apps.core.ids import parse_id
from apps.core.markdown import render_markdown

from . import mentions
from .models import TARGET_FIELDS, Comment, CommentReport, CommentRevision, ReportState, Visibility, target_kind_of
from .rules import comment_visible_to, is_moderator, is_target_participant, may_view_target, target_is_public


@dataclasses.dataclass
class Viewer:
    """What a person is on one target."""

    may_view: bool
    participant: bool
    public_target: bool
    moderator: bool
    user_id: int | None

    def sees(self, user, comment) -> bool:
        return self.may_view and comment_visible_to(
            user, comment, participant=self.participant, public_target=self.public_target, moderator=self.moderator
        )


def viewer_on(user, target) -> Viewer:
    participant = is_target_participant(user, target)
    return Viewer(
        may_view=participant or may_view_target(user, target),
        participant=participant,
        public_target=target_is_public(target),
        moderator=bool(user.is_authenticated and is_moderator(user)),
        user_id=user.pk if user.is_authenticated else None,
    )


@dataclasses.dataclass
class Node:
    comment: Comment
    html: str
    depth: int
    replies: list["Node"] = dataclasses.field(default_factory=list)
    can_edit: bool = False
    can_report: bool = False
    can_moderate: bool = False
    can_reply: bool = False
    show_history: bool = False


@dataclasses.dataclass
class Thread:
    target: object
    kind: str
    viewer: Viewer
    nodes: list[Node]
    count: int
    may_post: bool
    may_post_public: bool


def comments_of(target) -> QuerySet:
    field = TARGET_FIELDS[target_kind_of(target)]
    return (
        Comment.objects.filter(**{field: target})
        .select_related("author", "hidden_by")
        .prefetch_related(
            Prefetch("revisions", queryset=CommentRevision.objects.select_related("edited_by").order_by("-edited_at"))
        )
        .order_by("created_at", "pk")
    )


def visible_comments(user, target, viewer: Viewer | None = None) -> tuple[list[Comment], dict[int, int | None]]:
    """The comments ``user`` sees on ``target`` in order, and for each the visible comment
    it hangs under (a reply whose parent is hidden from the viewer moves up to the
    nearest visible ancestor, or to the top)."""
    viewer = viewer or viewer_on(user, target)
    if not viewer.may_view:
        return [], {}
    queryset = comments_of(target)
    if not viewer.participant:
        if not viewer.public_target:
            return [], {}
        queryset = queryset.filter(visibility=Visibility.PUBLIC)
    comments = list(queryset)
    by_id = {comment.pk: comment for comment in comments}
    shown = [comment for comment in comments if viewer.sees(user, comment)]
    shown_ids = {comment.pk for comment in shown}
    parents: dict[int, int | None] = {}
    for comment in shown:
        parent_id = comment.parent_id
        while parent_id is not None and parent_id not in shown_ids:
            parent = by_id.get(parent_id)
            parent_id = parent.parent_id if parent is not None else None
        parents[comment.pk] = parent_id
    return shown, parents


def thread_for(user, target) -> Thread:
    viewer = viewer_on(user, target)
    comments, parents = visible_comments(user, target, viewer)
    may_post = bool(user.is_authenticated and viewer.participant)
    kind = target_kind_of(target)
    if kind == "topic" and target.status == "closed":
        may_post = False
    nodes: dict[int, Node] = {}
    roots: list[Node] = []
    people = mentions.people_mentioned(comment.body for comment in comments)
    for comment in comments:
        parent = nodes.get(parents[comment.pk])
        depth = parent.depth + 1 if parent else 1
        own = viewer.user_id is not None and comment.author_id == viewer.user_id
        node = Node(
            comment=comment,
            html=mentions.render(comment.body, people, render_markdown),
            depth=depth,
            can_edit=own and not comment.is_hidden,
            can_report=user.is_authenticated and not own and not comment.is_hidden and not viewer.moderator,
            can_moderate=viewer.moderator,
            can_reply=may_post and not comment.is_hidden,
            show_history=comment.is_edited and (own or viewer.moderator),
        )
        nodes[comment.pk] = node
        (parent.replies if parent else roots).append(node)
    return Thread(
        target=target,
        kind=kind,
        viewer=viewer,
        nodes=roots,
        count=len(comments),
        may_post=may_post,
        may_post_public=may_post and viewer.public_target,
    )


def comment_get(user, pk) -> Comment | None:
    """One comment ``user`` may see, else None (answer 404)."""
    pk = parse_id(pk)
    if pk is None:
        return None
    comment = (
        Comment.objects.select_related(
            "author", "parent", "parent__author", "proposal", "agenda_item__meeting__body", "topic"
        )
        .filter(pk=pk)
        .first()
    )
    if comment is None or not user.has_perm("comments.view_comment", comment):
        return None
    return comment


def open_reports() -> QuerySet:
    return (
        CommentReport.objects.filter(state=ReportState.OPEN)
        .select_related(
            "reporter",
            "comment__author",
            "comment__proposal",
            "comment__agenda_item__meeting",
            "comment__topic",
        )
        .order_by("created_at", "pk")
    )


def hidden_comments() -> QuerySet:
    return (
        Comment.objects.filter(is_hidden=True)
        .select_related("author", "hidden_by", "proposal", "agenda_item__meeting", "topic")
        .order_by("-hidden_at", "-pk")
    )
