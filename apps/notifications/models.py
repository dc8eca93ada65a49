"""Notifications (DESIGN.md §5): an outbox of rows, one per person and occasion.

A row is written in the same transaction as what caused it (a proposal event, a
deadline reminder), so it exists exactly when its cause does. It is the in-app
notification and, through ``email_state``, the record of its e-mail: Celery tasks only
move ``pending`` rows to ``sent`` (or ``failed``), under a row lock, so a task that runs
twice — or a task and the sweep at once — sends one e-mail.

``(occasion_key, kind, recipient)`` is unique: the same person is never told twice about
the same thing (``event:<id>`` for events, ``overdue:<proposal>:<due date>`` … for
reminders).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    # Proposal workflow (DESIGN.md §3, §5)
    ENDORSEMENT_REQUESTED = "endorsement_requested", _("부지사 확인 요청")
    RETURNED = "returned", _("건의과제 반려(작성중으로)")
    SUBMITTED = "submitted", _("건의과제 접수")
    INFO_REQUESTED = "info_requested", _("보완 요청")
    RESUBMITTED = "resubmitted", _("보완 후 재제출")
    ASSIGNED = "assigned", _("검토 배정·재배정")
    DECLINED = "declined", _("소관 아님(배정 반려)")
    CONSULTATION_REQUESTED = "consultation_requested", _("자문·의견조회 요청")
    CONSULTATION_ANSWERED = "consultation_answered", _("자문·의견조회 회신")
    DECIDED = "decided", _("검토 결과")
    FOLLOWUP_UPDATED = "followup_updated", _("추진상황 갱신")
    EXTENDED = "extended", _("처리기한 연장")
    APPEALED = "appealed", _("재검토 요청")
    UPHELD = "upheld", _("재검토 결과: 원결정 유지")
    REOPENED = "reopened", _("재검토 착수")
    COMPLETED = "completed", _("추진 완료")
    REFERRED = "referred", _("타부처 이관")
    MERGED = "merged", _("병합")
    WITHDRAWN = "withdrawn", _("철회")
    REREVIEW = "rereview", _("중장기검토 과제 재검토")
    REGION_ANSWERED = "region_answered", _("요청 자료 회신(검토중)")
    FOLLOWED_UPDATE = "followed_update", _("관심 과제 소식")
    # Deadlines (Celery beat)
    DUE_SOON = "due_soon", _("처리기한 임박")
    OVERDUE = "overdue", _("처리기한 경과")
    ESCALATED = "escalated", _("처리기한 경과 보고")
    INTERIM_NOTICE = "interim_notice", _("검토 중간 진행상황 안내")
    REREVIEW_DUE = "rereview_due", _("중장기검토 재검토 예정")
    MILESTONE_DUE_SOON = "milestone_due_soon", _("추진 단계 예정일 임박")
    MILESTONE_LATE = "milestone_late", _("추진 단계 지연")
    CONSULTATION_DUE_SOON = "consultation_due_soon", _("자문 회신 기한 임박")
    CONSULTATION_OVERDUE = "consultation_overdue", _("자문 회신 기한 경과")
    # Meetings and discussion (issue 6 calls ``services.notify`` with these)
    MEETING_INVITED = "meeting_invited", _("회의 초대")
    MEETING_CHANGED = "meeting_changed", _("회의 변경")
    MINUTES_PUBLISHED = "minutes_published", _("회의록 공개")
    MENTIONED = "mentioned", _("나를 언급한 댓글")
    REPLIED = "replied", _("내 댓글에 답글")
    COMMENT_HIDDEN = "comment_hidden", _("내 댓글 숨김")


class Channel(models.TextChoices):
    """How a person hears of a kind by e-mail; in-app is always on."""

    IMMEDIATE = "immediate", _("즉시 이메일")
    DIGEST = "digest", _("일일 요약 이메일")
    OFF = "off", _("이메일 받지 않음(알림함만)")


class EmailState(models.TextChoices):
    PENDING = "pending", _("발송 대기")
    SENT = "sent", _("발송 완료")
    FAILED = "failed", _("발송 실패")
    SKIPPED = "skipped", _("발송 안 함")
    DIGEST = "digest", _("일일 요약으로 발송")


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def for_recipient(self, user):
        return self.filter(recipient=user)


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("받는 사람"), on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("종류"), max_length=40, choices=Kind.choices)
    proposal = models.ForeignKey(
        "proposals.Proposal",
        verbose_name=_("건의과제"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    event = models.ForeignKey(
        "proposals.ProposalEvent",
        verbose_name=_("처리 이력"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    # What else it may be about (a meeting, a comment …), for the other apps.
    target_type = models.ForeignKey(
        ContentType, verbose_name=_("대상 유형"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(_("대상 id"), null=True, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    occasion_key = models.CharField(_("발생 키"), max_length=200)
    # Kind + parameters of a workflow notification, rendered in the reader's language
    # (``messages.render``); ``title``/``body`` keep the text as first written (Korean), the
    # fallback for rows without parameters.
    params = models.JSONField(_("표시 변수"), default=dict, blank=True)
    title = models.CharField(_("제목"), max_length=300)
    body = models.TextField(_("내용"), blank=True)
    url = models.CharField(_("연결 주소"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("생성일시"), auto_now_add=True)
    read_at = models.DateTimeField(_("읽은 일시"), null=True, blank=True)
    email_state = models.CharField(
        _("이메일 상태"), max_length=10, choices=EmailState.choices, default=EmailState.PENDING
    )
    email_attempts = models.PositiveSmallIntegerField(_("발송 시도 횟수"), default=0)
    last_error = models.TextField(_("마지막 오류"), blank=True)
    next_attempt_at = models.DateTimeField(_("다음 시도 일시"), null=True, blank=True)
    sent_at = models.DateTimeField(_("발송 일시"), null=True, blank=True)
    digest = models.ForeignKey(
        "notifications.Digest",
        verbose_name=_("일일 요약"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notifications",
    )

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("알림")
        verbose_name_plural = _("알림")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # Occasion first: the same index answers "who already has this occasion?".
            models.UniqueConstraint(fields=["occasion_key", "kind", "recipient"], name="unique_notification_occasion")
        ]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notif_recipient_created"),
            models.Index(fields=["recipient"], condition=Q(read_at__isnull=True), name="notif_recipient_unread"),
            models.Index(fields=["created_at"], condition=Q(email_state="pending"), name="notif_pending_created"),
            models.Index(
                fields=["recipient"],
                condition=Q(email_state="digest", digest__isnull=True),
                name="notif_digest_waiting",
            ),
        ]

    def __str__(self):
        return f"{self.recipient} · {self.get_kind_display()} · {self.title}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @property
    def shown(self) -> tuple[str, str]:
        """``(title, body)`` in the active language (kept per language on the instance)."""
        from django.utils.translation import get_language

        from . import messages

        rendered = self.__dict__.setdefault("_rendered", {})
        language = get_language() or ""
        if language not in rendered:
            rendered[language] = messages.render(self)
        return rendered[language]

    @property
    def shown_title(self) -> str:
        return self.shown[0]

    @property
    def shown_body(self) -> str:
        return self.shown[1]


class NotificationPreference(models.Model):
    """A person's explicit choice for one kind; without a row the role default applies."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("사용자"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("종류"), max_length=40, choices=Kind.choices)
    channel = models.CharField(_("이메일 수신"), max_length=10, choices=Channel.choices)
    updated_at = models.DateTimeField(_("변경일시"), auto_now=True)

    class Meta:
        verbose_name = _("알림 수신 설정")
        verbose_name_plural = _("알림 수신 설정")
        ordering = ["user", "kind"]
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="unique_notification_preference")]

    def __str__(self):
        return f"{self.user} · {self.get_kind_display()}: {self.get_channel_display()}"


class Digest(models.Model):
    """One daily digest e-mail per person and date: the record that makes it idempotent."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("받는 사람"), on_delete=models.CASCADE, related_name="digests"
    )
    date = models.DateField(_("기준일"))
    item_count = models.PositiveIntegerField(_("알림 수"), default=0)
    created_at = models.DateTimeField(_("생성일시"), auto_now_add=True)
    sent_at = models.DateTimeField(_("발송 일시"), null=True, blank=True)

    class Meta:
        verbose_name = _("일일 요약 이메일")
        verbose_name_plural = _("일일 요약 이메일")
        ordering = ["-date", "recipient"]
        constraints = [models.UniqueConstraint(fields=["recipient", "date"], name="unique_digest_per_day")]

    def __str__(self):
        return f"{self.recipient} · {self.date}"
