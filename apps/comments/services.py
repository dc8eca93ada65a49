"""Writes of comments: post, reply, edit (with history), report, hide and restore.

- Posting is rate-limited per person (``COMMENTS_RATE_LIMIT`` comments per
  ``COMMENTS_RATE_WINDOW`` seconds, counted in the cache) and answers ``RateLimited``
  (HTTP 429) beyond it.
- mentions (``@[이름](person:42)`` chosen from the suggestions, ``mentions.py``; older
  ``@username`` ones too) notify exactly the people named who may see the comment
  (``mentioned``); a reply notifies the author of the comment replied to (``replied``)
  unless they were mentioned in it. Each occasion reaches a person once, so an edit only
  notifies people newly mentioned.
- Moderators (TF, operators) hide a comment with a reason; its author is told and still
  sees it with the reason; everyone else no longer sees it. Hiding resolves its reports.
"""

import re

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from apps.accounts.models import User
from apps.notifications import messages as texts
from apps.notifications import recipients
from apps.notifications.models import Kind
from apps.notifications.services import notify

from . import mentions
from . import rules as comment_rules
from .links import comment_url
from .models import (
    TARGET_FIELDS,
    Comment,
    CommentReport,
    CommentRevision,
    ReportState,
    Visibility,
    target_kind_of,
)

RATE_LIMIT = getattr(settings, "COMMENTS_RATE_LIMIT", 5)
RATE_WINDOW = getattr(settings, "COMMENTS_RATE_WINDOW", 60)
MAX_DEPTH = 3
MAX_MENTIONS = 20
# Django usernames: letters, digits and @ . + - _; a mention ends before trailing dots.
MENTION = re.compile(r"(?<![\w@./+-])@([\w.+-]{1,150})")


class RateLimited(Exception):
    """Too many comments in a short time (HTTP 429)."""


class CommentConflict(Exception):
    """Not possible in the comment's or the target's current state (HTTP 409)."""


def mentioned_usernames(text: str) -> list[str]:
    names = []
    for match in MENTION.finditer(text or ""):
        name = match.group(1).rstrip(".")
        if name and name not in names:
            names.append(name)
    return names[:MAX_MENTIONS]


def _check_rate(actor) -> None:
    key = f"comments:rate:{actor.pk}"
    cache.add(key, 0, RATE_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, RATE_WINDOW)
        count = 1
    if count > RATE_LIMIT:
        raise RateLimited(
            _("댓글을 너무 자주 등록했습니다. %(seconds)s초 뒤에 다시 시도해 주세요.") % {"seconds": RATE_WINDOW}
        )


def _clean_body(body: str) -> str:
    text = (body or "").replace("\x00", "").strip()
    if not text:
        raise ValidationError({"body": _("내용을 입력해 주세요.")})
    if len(text) > Comment._meta.get_field("body").max_length:
        raise ValidationError(
            {"body": _("내용은 %(max)s자 이하로 입력해 주세요.") % {"max": Comment._meta.get_field("body").max_length}}
        )
    return text


def _target_label(comment: Comment) -> str:
    target = comment.target
    kind = comment.target_kind
    if kind == "proposal":
        return f"[{target.reference}] {target.title}"
    return target.title


def _notify_people(comment: Comment, user_ids, *, kind: str, occasion: str, title: dict, actor, body=None) -> int:
    """``title`` and ``body`` are deferred texts (``apps.notifications.messages``), read in
    each recipient's language; the comment itself is quoted as written."""
    if not user_ids:
        return 0
    people = recipients.recipients_of_users(user_ids, exclude_user_id=actor.pk)
    params = texts.text_params(title, Truncator(comment.body).chars(300) if body is None else body)
    with translation.override(settings.LANGUAGE_CODE):
        stored_title, stored_body = texts.render_text(params["title"]), texts.render_text(params["body"])
    return notify(
        kind=kind,
        people=people,
        occasion_key=f"comment:{comment.pk}:{occasion}",
        title=Truncator(stored_title).chars(300),
        body=Truncator(stored_body).chars(300),
        url=comment_url(comment),
        target=comment,
        params=params,
    )


def _mention_targets(comment: Comment, actor) -> list[int]:
    """The people named in the comment who may see it (never the author)."""
    ids, names = mentions.mentioned(comment.body)
    if not ids and not names:
        return []
    people = User.objects.filter(Q(pk__in=ids) | Q(username__in=names), is_active=True).exclude(pk=actor.pk)
    return [person.pk for person in people if person.has_perm("comments.view_comment", comment)]


def _announce(comment: Comment, actor) -> None:
    label = _target_label(comment)
    mentioned = _mention_targets(comment, actor)
    _notify_people(
        comment,
        mentioned,
        kind=Kind.MENTIONED,
        occasion="mention",
        title=texts.deferred(
            gettext_noop("%(name)s님이 댓글에서 나를 언급했습니다: %(target)s"),
            name=actor.get_full_name(),
            target=label,
        ),
        actor=actor,
    )
    parent = comment.parent
    if (
        parent is not None
        and parent.author_id not in mentioned
        and parent.author_id != actor.pk
        and parent.author.has_perm("comments.view_comment", comment)
    ):
        _notify_people(
            comment,
            [parent.author_id],
            kind=Kind.REPLIED,
            occasion="reply",
            title=texts.deferred(
                gettext_noop("%(name)s님이 내 댓글에 답글을 남겼습니다: %(target)s"),
                name=actor.get_full_name(),
                target=label,
            ),
            actor=actor,
        )


def depth_of(comment: Comment) -> int:
    depth, node = 1, comment
    while node.parent_id is not None and depth < 50:
        node = node.parent
        depth += 1
    return depth


@transaction.atomic
def comment_post(*, target, actor, body: str, visibility: str = Visibility.INTERNAL, parent: Comment | None = None):
    """A new comment on ``target`` (or a reply to ``parent`` on it)."""
    kind = target_kind_of(target)
    if not comment_rules.may_view_target(actor, target):
        raise Http404
    if not actor.has_perm("comments.add_comment", target):
        raise PermissionDenied(_("이 글에 의견을 남길 권한이 없습니다."))
    if kind == "topic" and type(target).objects.filter(pk=target.pk, status="closed").exists():
        raise CommentConflict(_("논의가 종료된 의제에는 의견을 남길 수 없습니다."))
    text = _clean_body(body)
    if visibility not in Visibility.values:
        raise ValidationError({"visibility": _("공개 범위는 내부 또는 공개여야 합니다.")})
    if parent is not None:
        if getattr(parent, TARGET_FIELDS[kind] + "_id") != target.pk or not actor.has_perm(
            "comments.view_comment", parent
        ):
            raise ValidationError({"parent": _("답글을 달 댓글을 찾을 수 없습니다.")})
        if parent.is_hidden:
            raise ValidationError({"parent": _("숨김 처리된 댓글에는 답글을 달 수 없습니다.")})
        # A reply is as visible as what it answers, never more.
        visibility = parent.visibility
        # Threads nest a few levels; deeper replies join the deepest level.
        while depth_of(parent) >= MAX_DEPTH:
            parent = parent.parent
    if visibility == Visibility.PUBLIC and not comment_rules.target_is_public(target):
        raise ValidationError({"visibility": _("공개되지 않은 글에는 공개 의견을 남길 수 없습니다.")})
    _check_rate(actor)
    comment = Comment(author=actor, body=text, visibility=visibility, parent=parent)
    setattr(comment, TARGET_FIELDS[kind], target)
    comment.full_clean()
    comment.save()
    _announce(comment, actor)
    return comment


@transaction.atomic
def comment_edit(*, comment: Comment, actor, body: str) -> Comment:
    """The author changes their comment; the previous text joins its history."""
    if not actor.has_perm("comments.view_comment", comment):
        raise Http404
    if not actor.has_perm("comments.change_comment", comment):
        raise PermissionDenied(_("본인이 쓴 댓글만 수정할 수 있습니다."))
    text = _clean_body(body)
    locked = Comment.objects.select_for_update().get(pk=comment.pk)
    if locked.is_hidden:
        raise CommentConflict(_("숨김 처리된 댓글은 수정할 수 없습니다."))
    if locked.body == text:
        return locked
    _check_rate(actor)
    CommentRevision.objects.create(comment=locked, body=locked.body, edited_by=actor)
    locked.body = text
    locked.edited_at = timezone.now()
    locked.full_clean()
    locked.save(update_fields=["body", "edited_at"])
    _announce(locked, actor)
    return locked


@transaction.atomic
def comment_report(*, comment: Comment, actor, reason: str) -> CommentReport:
    if not actor.has_perm("comments.view_comment", comment):
        raise Http404
    if not actor.has_perm("comments.report_comment", comment):
        raise PermissionDenied(_("이 댓글을 신고할 수 없습니다."))
    reason = (reason or "").replace("\x00", "").strip()
    if not reason:
        raise ValidationError({"reason": _("신고 사유를 입력해 주세요.")})
    if len(reason) > 1000:
        raise ValidationError({"reason": _("신고 사유는 1000자 이하로 입력해 주세요.")})
    report, created = CommentReport.objects.get_or_create(comment=comment, reporter=actor, defaults={"reason": reason})
    if not created:
        raise CommentConflict(_("이미 신고한 댓글입니다. 운영자가 확인하고 있습니다."))
    return report


@transaction.atomic
def comment_hide(*, comment: Comment, actor, reason: str) -> Comment:
    """A moderator hides the comment with a reason; the author is told."""
    if not actor.has_perm("comments.view_comment", comment):
        raise Http404
    if not actor.has_perm("comments.moderate_comment", comment):
        raise PermissionDenied(_("댓글을 숨길 권한이 없습니다."))
    reason = (reason or "").replace("\x00", "").strip()
    if not reason:
        raise ValidationError({"reason": _("숨김 사유를 입력해 주세요.")})
    locked = Comment.objects.select_for_update().get(pk=comment.pk)
    if locked.is_hidden:
        raise CommentConflict(_("이미 숨김 처리된 댓글입니다."))
    now = timezone.now()
    locked.is_hidden, locked.hidden_reason, locked.hidden_by, locked.hidden_at = True, reason[:2000], actor, now
    locked.save(update_fields=["is_hidden", "hidden_reason", "hidden_by", "hidden_at"])
    CommentReport.objects.filter(comment=locked, state=ReportState.OPEN).update(
        state=ReportState.HIDDEN, resolved_by=actor, resolved_at=now
    )
    _notify_people(
        locked,
        [locked.author_id],
        kind=Kind.COMMENT_HIDDEN,
        occasion=f"hidden:{now.timestamp():.0f}",
        title=texts.deferred(gettext_noop("운영자가 내 댓글을 숨겼습니다: %(target)s"), target=_target_label(locked)),
        body=texts.deferred(gettext_noop("숨긴 사유: %(reason)s"), reason=locked.hidden_reason),
        actor=actor,
    )
    return locked


@transaction.atomic
def comment_unhide(*, comment: Comment, actor) -> Comment:
    if not actor.has_perm("comments.moderate_comment", comment):
        raise PermissionDenied(_("댓글을 복원할 권한이 없습니다."))
    locked = Comment.objects.select_for_update().get(pk=comment.pk)
    if not locked.is_hidden:
        raise CommentConflict(_("숨김 처리되지 않은 댓글입니다."))
    locked.is_hidden, locked.hidden_reason, locked.hidden_by, locked.hidden_at = False, "", None, None
    locked.save(update_fields=["is_hidden", "hidden_reason", "hidden_by", "hidden_at"])
    return locked


@transaction.atomic
def report_dismiss(*, report: CommentReport, actor) -> CommentReport:
    if not actor.has_perm("comments.moderate_comment", report.comment):
        raise PermissionDenied(_("신고를 처리할 권한이 없습니다."))
    locked = CommentReport.objects.select_for_update().get(pk=report.pk)
    if locked.state != ReportState.OPEN:
        raise CommentConflict(_("이미 처리된 신고입니다."))
    locked.state, locked.resolved_by, locked.resolved_at = ReportState.DISMISSED, actor, timezone.now()
    locked.save(update_fields=["state", "resolved_by", "resolved_at"])
    return locked
