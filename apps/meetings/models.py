"""Meetings of the bodies (DESIGN.md §1, §4) and the forum's topics and recommendations.

A meeting belongs to one body (a forum session chaired by the minister, a regional
council meeting held in a region and chaired by the 국토도시실장, a TF meeting). Its
status is a protected django-fsm-2 field: drafted → scheduled → held → minutes_published
(or cancelled before it is held). Transition methods only move the state; the services
check the rules, save, write the agenda outcomes to the proposals' timelines and notify
the invitees.

The forum (지역균형발전포럼) discusses topics (의제), opened by the TF or the chair, some of
them marked forum-only, and records recommendations (권고) linked to the proposals and the
policy strategies they concern.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from apps.core.hangul import with_particle
from apps.organisations.models import Body, CouncilSeat, Region
from apps.proposals.models import Proposal, Strategy

COUNCIL_CODE = "regional_council"
FORUM_CODE = "forum"


class MeetingStatus(models.TextChoices):
    DRAFTED = "drafted", _("준비중")
    SCHEDULED = "scheduled", _("개최 예정")
    HELD = "held", _("개최 완료")
    MINUTES_PUBLISHED = "minutes_published", _("회의록 공개")
    CANCELLED = "cancelled", _("취소")


M = MeetingStatus
# Before it is held a meeting can still change (time, place, agenda, invitations).
OPEN_FOR_CHANGES = (M.DRAFTED, M.SCHEDULED)


class Meeting(ConcurrentTransitionMixin, models.Model):
    body = models.ForeignKey(Body, verbose_name=_("기구"), on_delete=models.PROTECT, related_name="meetings")
    title = models.CharField(_("회의명"), max_length=200)
    region = models.ForeignKey(
        Region,
        verbose_name=_("개최 지역"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
        help_text=_("지역협의회는 개최 지역이 필수입니다."),
    )
    starts_at = models.DateTimeField(_("시작 일시"), db_index=True)
    ends_at = models.DateTimeField(_("종료 일시"))
    place = models.CharField(_("장소"), max_length=200)
    address = models.CharField(_("상세 주소"), max_length=300, blank=True)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("의장(주재)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="chaired_meetings",
    )
    chair_title = models.CharField(_("의장 직위"), max_length=80, blank=True)
    summary = models.TextField(_("회의 개요(마크다운)"), max_length=5000, blank=True)
    is_public = models.BooleanField(
        _("공개"),
        default=True,
        help_text=_("공개 기구의 공개 회의는 누구나 일정·안건·공개된 회의록을 볼 수 있습니다."),
    )
    status = FSMField(_("상태"), default=M.DRAFTED, choices=MeetingStatus.choices, protected=True, db_index=True)
    minutes = models.TextField(_("회의록(마크다운)"), max_length=50000, blank=True)
    minutes_updated_at = models.DateTimeField(_("회의록 수정일시"), null=True, blank=True)
    minutes_published_at = models.DateTimeField(_("회의록 공개일시"), null=True, blank=True)
    cancel_reason = models.TextField(_("취소 사유"), blank=True)
    # iCalendar SEQUENCE: bumped on every change invitees hear of.
    sequence = models.PositiveIntegerField(_("변경 차수"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("작성자"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("작성일시"), auto_now_add=True)
    updated_at = models.DateTimeField(_("수정일시"), auto_now=True)

    class Meta:
        verbose_name = _("회의")
        verbose_name_plural = _("회의")
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["body", "starts_at"]), models.Index(fields=["region", "starts_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after_start"),
        ]

    def __str__(self):
        return f"{timezone.localtime(self.starts_at):%Y-%m-%d} {self.title}"

    @property
    def is_council(self) -> bool:
        return self.body.code == COUNCIL_CODE

    @property
    def is_forum(self) -> bool:
        return self.body.code == FORUM_CODE

    @property
    def is_open_to_public(self) -> bool:
        """Anyone (the public included) may see it: a public meeting of a public body, once announced."""
        return self.is_public and self.body.members_public and self.status != M.DRAFTED

    @property
    def ical_uid(self) -> str:
        return f"meeting-{self.pk}@balance.molit.go.kr"

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("종료 일시는 시작 일시보다 늦어야 합니다.")
        if self.body_id and self.body.code == COUNCIL_CODE:
            if self.region_id is None:
                errors["region"] = _("지역협의회 회의는 개최 지역을 지정해야 합니다.")
            elif self.starts_at:
                day = timezone.localdate(self.starts_at)
                seated = CouncilSeat.objects.filter(body=self.body, region=self.region).valid_on(day).exists()
                if not seated:
                    errors["region"] = _("%(region)s %(date)s에 지역협의회 참여 지역이 아닙니다.") % {
                        "region": with_particle(self.region.name, "은/는"),
                        "date": day.isoformat(),
                    }
        if errors:
            raise ValidationError(errors)

    # Transitions only move the state; services check rules, save and notify.
    @transition(field=status, source=M.DRAFTED, target=M.SCHEDULED)
    def schedule(self):
        pass

    @transition(field=status, source=M.SCHEDULED, target=M.HELD)
    def hold(self):
        pass

    @transition(field=status, source=M.HELD, target=M.MINUTES_PUBLISHED)
    def publish_minutes(self):
        pass

    @transition(field=status, source=[M.DRAFTED, M.SCHEDULED], target=M.CANCELLED)
    def cancel(self):
        pass


class TopicStatus(models.TextChoices):
    OPEN = "open", _("논의중")
    CLOSED = "closed", _("논의 종료")


class ForumTopic(models.Model):
    """의제: a question the forum discusses, opened by the TF or the chair."""

    title = models.CharField(_("의제명"), max_length=200)
    body = models.TextField(_("내용(마크다운)"), max_length=20000)
    status = models.CharField(_("상태"), max_length=20, choices=TopicStatus.choices, default=TopicStatus.OPEN)
    forum_only = models.BooleanField(
        _("포럼 전용"),
        default=False,
        help_text=_("포럼 위원·의장과 기획단 TF만 봅니다. 표시하지 않으면 누구나 의제와 공개 의견을 봅니다."),
    )
    proposals = models.ManyToManyField(
        Proposal, verbose_name=_("관련 건의과제"), blank=True, related_name="forum_topics"
    )
    strategies = models.ManyToManyField(
        Strategy, verbose_name=_("관련 정책 전략"), blank=True, related_name="forum_topics"
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("제안자"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("등록일시"), auto_now_add=True)
    updated_at = models.DateTimeField(_("수정일시"), auto_now=True)
    closed_at = models.DateTimeField(_("종료일시"), null=True, blank=True)

    class Meta:
        verbose_name = _("포럼 의제")
        verbose_name_plural = _("포럼 의제")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title


class AgendaOutcome(models.TextChoices):
    NOTED = "noted", _("보고·청취")
    DISCUSSED = "discussed", _("논의")
    AGREED = "agreed", _("합의(추진)")
    FOLLOW_UP = "follow_up", _("후속 검토 요청")
    DEFERRED = "deferred", _("보류(차기 논의)")


class AgendaItem(models.Model):
    """One item of a meeting's agenda: a proposal, a forum topic, or a free topic."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("회의"), on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(_("순서"), default=0)
    title = models.CharField(_("안건명"), max_length=200)
    description = models.TextField(_("설명"), max_length=5000, blank=True)
    proposal = models.ForeignKey(
        Proposal,
        verbose_name=_("건의과제"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agenda_items",
    )
    topic = models.ForeignKey(
        ForumTopic,
        verbose_name=_("포럼 의제"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agenda_items",
    )
    suggested = models.BooleanField(_("자동 제안"), default=False)
    outcome = models.CharField(_("논의 결과"), max_length=20, choices=AgendaOutcome.choices, blank=True)
    outcome_note = models.TextField(_("결과 내용"), max_length=5000, blank=True)
    outcome_recorded_at = models.DateTimeField(_("결과 기록일시"), null=True, blank=True)
    outcome_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("결과 기록자"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("안건")
        verbose_name_plural = _("안건")
        ordering = ["meeting", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "proposal"], condition=Q(proposal__isnull=False), name="unique_agenda_proposal"
            ),
            models.CheckConstraint(
                condition=Q(proposal__isnull=True) | Q(topic__isnull=True), name="agenda_item_one_subject"
            ),
        ]

    def __str__(self):
        return f"{self.meeting} · {self.position}. {self.title}"


class Rsvp(models.TextChoices):
    PENDING = "pending", _("미응답")
    ACCEPTED = "accepted", _("참석")
    TENTATIVE = "tentative", _("미정")
    DECLINED = "declined", _("불참")


class Invitation(models.Model):
    meeting = models.ForeignKey(Meeting, verbose_name=_("회의"), on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("참석 대상자"),
        on_delete=models.CASCADE,
        related_name="meeting_invitations",
    )
    capacity = models.CharField(_("자격"), max_length=80, blank=True)
    rsvp = models.CharField(_("참석 회신"), max_length=20, choices=Rsvp.choices, default=Rsvp.PENDING)
    rsvp_note = models.CharField(_("회신 메모"), max_length=300, blank=True)
    responded_at = models.DateTimeField(_("회신일시"), null=True, blank=True)
    attended = models.BooleanField(_("출석"), null=True, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("초대한 사람"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("등록일시"), auto_now_add=True)

    class Meta:
        verbose_name = _("참석 대상자")
        verbose_name_plural = _("참석 대상자")
        ordering = ["meeting", "pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="unique_invitation")]

    def __str__(self):
        return f"{self.meeting} · {self.person}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeedToken(models.Model):
    """The secret in a person's private calendar feed URL (meetings they are invited to).

    Calendar programs cannot log in, so the URL itself is the key; the person can reset
    it, which makes the old URL stop working.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("사용자"), on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(_("비밀 토큰"), max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(_("발급일시"), auto_now=True)

    class Meta:
        verbose_name = _("개인 일정 구독 주소")
        verbose_name_plural = _("개인 일정 구독 주소")

    def __str__(self):
        return str(self.user)


class Recommendation(models.Model):
    """권고: what the forum recommends, linked to the proposals and strategies it concerns."""

    title = models.CharField(_("권고 제목"), max_length=200)
    body = models.TextField(_("권고 내용(마크다운)"), max_length=20000)
    topic = models.ForeignKey(
        ForumTopic,
        verbose_name=_("의제"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recommendations",
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("의결 회의"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recommendations",
    )
    adopted_on = models.DateField(_("권고일"))
    proposals = models.ManyToManyField(
        Proposal, verbose_name=_("관련 건의과제"), blank=True, related_name="forum_recommendations"
    )
    strategies = models.ManyToManyField(
        Strategy, verbose_name=_("관련 정책 전략"), blank=True, related_name="forum_recommendations"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("기록자"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("기록일시"), auto_now_add=True)

    class Meta:
        verbose_name = _("포럼 권고")
        verbose_name_plural = _("포럼 권고")
        ordering = ["-adopted_on", "-pk"]

    def __str__(self):
        return self.title
