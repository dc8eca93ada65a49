"""Comments (의견·댓글) on proposals, meeting agenda items and forum topics (DESIGN.md §4).

One model serves the three targets through explicit foreign keys (exactly one is set):
joins and prefetches stay plain SQL and a target's deletion takes its comments along.
Comments are threaded (``parent``), ``internal`` (the target's participants: the
region and the staff on a proposal, the meeting's participants, forum members) or
``public`` (anyone who may see a public target). The body is markdown, sanitised with
nh3 when rendered. Every edit keeps the previous text (``CommentRevision``); a report
goes to the moderators (TF, operators), who may hide the comment with a reason.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.meetings.models import AgendaItem, ForumTopic
from apps.proposals.models import Proposal

BODY_MAX = 5000


class Visibility(models.TextChoices):
    INTERNAL = "internal", _("내부")
    PUBLIC = "public", _("공개")


class TargetKind(models.TextChoices):
    PROPOSAL = "proposal", _("건의과제")
    AGENDA = "agenda", _("회의 안건")
    TOPIC = "topic", _("포럼 의제")


TARGET_FIELDS = {TargetKind.PROPOSAL: "proposal", TargetKind.AGENDA: "agenda_item", TargetKind.TOPIC: "topic"}
TARGET_MODELS = {TargetKind.PROPOSAL: Proposal, TargetKind.AGENDA: AgendaItem, TargetKind.TOPIC: ForumTopic}


def target_kind_of(target) -> str:
    for kind, model in TARGET_MODELS.items():
        if isinstance(target, model):
            return kind
    raise TypeError(f"not a comment target: {type(target).__name__}")


class Comment(models.Model):
    proposal = models.ForeignKey(
        Proposal, verbose_name=_("건의과제"), null=True, blank=True, on_delete=models.CASCADE, related_name="comments"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("회의 안건"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="comments",
    )
    topic = models.ForeignKey(
        ForumTopic,
        verbose_name=_("포럼 의제"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="comments",
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("상위 댓글"), null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("작성자"), on_delete=models.PROTECT, related_name="comments"
    )
    body = models.TextField(_("내용(마크다운)"), max_length=BODY_MAX)
    visibility = models.CharField(
        _("공개 범위"), max_length=10, choices=Visibility.choices, default=Visibility.INTERNAL
    )
    created_at = models.DateTimeField(_("작성일시"), auto_now_add=True, db_index=True)
    edited_at = models.DateTimeField(_("수정일시"), null=True, blank=True)
    is_hidden = models.BooleanField(_("숨김"), default=False)
    hidden_reason = models.TextField(_("숨김 사유"), blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("숨긴 사람"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    hidden_at = models.DateTimeField(_("숨김 일시"), null=True, blank=True)

    class Meta:
        verbose_name = _("댓글")
        verbose_name_plural = _("댓글")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(proposal__isnull=False, agenda_item__isnull=True, topic__isnull=True)
                    | Q(proposal__isnull=True, agenda_item__isnull=False, topic__isnull=True)
                    | Q(proposal__isnull=True, agenda_item__isnull=True, topic__isnull=False)
                ),
                name="comment_has_one_target",
            ),
        ]
        indexes = [
            models.Index(fields=["proposal", "created_at"]),
            models.Index(fields=["agenda_item", "created_at"]),
            models.Index(fields=["topic", "created_at"]),
        ]

    def __str__(self):
        return f"{self.author} · {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def target(self):
        return self.proposal or self.agenda_item or self.topic

    @property
    def target_kind(self) -> str:
        if self.proposal_id:
            return TargetKind.PROPOSAL
        if self.agenda_item_id:
            return TargetKind.AGENDA
        return TargetKind.TOPIC

    @property
    def is_edited(self) -> bool:
        return self.edited_at is not None


class CommentRevision(models.Model):
    """The text a comment had before one edit (its edit history)."""

    comment = models.ForeignKey(Comment, verbose_name=_("댓글"), on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField(_("이전 내용"))
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("수정한 사람"), on_delete=models.PROTECT, related_name="+"
    )
    edited_at = models.DateTimeField(_("수정일시"), auto_now_add=True)

    class Meta:
        verbose_name = _("댓글 수정 이력")
        verbose_name_plural = _("댓글 수정 이력")
        ordering = ["comment", "edited_at", "pk"]

    def __str__(self):
        return f"{self.comment_id} · {self.edited_at:%Y-%m-%d %H:%M}"


class ReportState(models.TextChoices):
    OPEN = "open", _("처리 대기")
    HIDDEN = "hidden", _("숨김 처리")
    DISMISSED = "dismissed", _("기각")


class CommentReport(models.Model):
    comment = models.ForeignKey(Comment, verbose_name=_("댓글"), on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("신고자"), on_delete=models.CASCADE, related_name="+"
    )
    reason = models.TextField(_("신고 사유"), max_length=1000)
    state = models.CharField(_("처리 상태"), max_length=10, choices=ReportState.choices, default=ReportState.OPEN)
    created_at = models.DateTimeField(_("신고일시"), auto_now_add=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("처리자"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("처리일시"), null=True, blank=True)

    class Meta:
        verbose_name = _("댓글 신고")
        verbose_name_plural = _("댓글 신고")
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["comment", "reporter"], name="unique_comment_report")]
        indexes = [models.Index(fields=["state", "created_at"])]

    def __str__(self):
        return f"{self.comment_id} · {self.reporter}"
