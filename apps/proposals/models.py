"""건의과제 (proposals) and their immutable timeline (DESIGN.md §3).

The status is a protected django-fsm-2 field: transition methods here only change
state; ``services.py`` wraps each one to check the rule, save, log and notify.
"""

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, can_proceed, transition

from apps.core.choices import ChoiceLabelsMixin
from apps.core.hangul import with_particle
from apps.core.markdown import RenderedBodyMixin
from apps.organisations.models import Department, Region

from . import chain
from .list_indexes import list_indexes


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("작성중")
    AWAITING_ENDORSEMENT = "awaiting_endorsement", _("부지사 확인중")
    SUBMITTED = "submitted", _("접수")
    INFO_REQUESTED = "info_requested", _("보완요청")
    ASSIGNED = "assigned", _("검토배정")
    IN_REVIEW = "in_review", _("검토중")
    DECIDED = "decided", _("검토완료")
    IN_PROGRESS = "in_progress", _("추진중")
    COMPLETED = "completed", _("완료")
    REFERRED = "referred", _("타부처 이관")
    MERGED = "merged", _("병합")
    WITHDRAWN = "withdrawn", _("철회")
    RECONSIDERATION = "reconsideration", _("재검토요청")


class Outcome(models.TextChoices):
    ACCEPTED = "accepted", _("수용")
    PARTIALLY_ACCEPTED = "partially_accepted", _("일부수용")
    LONG_TERM = "long_term", _("중장기검토")
    NOT_ACCEPTED = "not_accepted", _("수용곤란")


class Category(models.TextChoices):
    REGULATION = "regulation", _("규제개선")
    URBAN = "urban", _("도시·공간")
    INDUSTRY = "industry", _("산업·입지")
    RAIL = "rail", _("철도")
    ROAD = "road", _("도로")
    AVIATION = "aviation", _("항공·공항")
    HOUSING = "housing", _("주택·토지")
    LOGISTICS = "logistics", _("교통·물류")
    GOVERNANCE = "governance", _("협력·제도")
    OTHER = "other", _("기타")


S = ProposalStatus
# Before submission a proposal belongs to its region alone.
PRE_SUBMISSION = (S.DRAFT, S.AWAITING_ENDORSEMENT)
OPEN_STATUSES = (S.SUBMITTED, S.INFO_REQUESTED, S.ASSIGNED, S.IN_REVIEW, S.RECONSIDERATION)
# What the public may see of a public proposal: everything once the ministry received it,
# unless the region withdrew it.
PUBLIC_STATUSES = tuple(s for s in S.values if s not in (*PRE_SUBMISSION, S.WITHDRAWN))
# The same as conditions of partial indexes (queries use ``selectors.public_q`` / ``visibility_q``).
PUBLIC_Q = models.Q(is_public=True, status__in=PUBLIC_STATUSES)
RECEIVED_Q = ~models.Q(status__in=PRE_SUBMISSION)


class Strategy(models.Model):
    """A policy strategy tag: the 5 smart regional-development strategies (seed 004) and
    the 3 work-plan tasks of 2023 (seed 003)."""

    code = models.CharField(_("코드"), max_length=40, unique=True)
    name = models.CharField(_("명칭"), max_length=80)
    source = models.CharField(_("출처"), max_length=80)
    description = models.TextField(_("설명"), blank=True)
    order = models.PositiveSmallIntegerField(_("정렬 순서"), default=0)

    # No English form of the strategy titles is in the reference data: marked unverified,
    # so ``localized_name`` shows the Korean title, like an organisation without one.
    name_en = ""
    name_en_verified = False

    class Meta:
        verbose_name = _("정책 전략")
        verbose_name_plural = _("정책 전략")
        ordering = ["order"]

    def __str__(self):
        return self.name


class ReferenceCounter(models.Model):
    """The last serial used per year and region, locked when the next is taken."""

    year = models.PositiveSmallIntegerField()
    region = models.ForeignKey(Region, on_delete=models.PROTECT)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["year", "region"], name="unique_reference_counter")]

    def __str__(self):
        return f"{self.year}-{self.region_id}: {self.last}"


# Issue 17's transitions and properties (milestones, review requests, ratings …).
from .accountability_transitions import AccountabilityMixin  # noqa: E402


class Proposal(ChoiceLabelsMixin, RenderedBodyMixin, ConcurrentTransitionMixin, AccountabilityMixin, models.Model):
    reference = models.CharField(_("과제번호"), max_length=20, unique=True, editable=False)
    title = models.CharField(_("제목"), max_length=200)
    summary = models.TextField(_("요약"), max_length=2000)
    body = models.TextField(_("본문(마크다운)"), blank=True)
    region = models.ForeignKey(Region, verbose_name=_("지역"), on_delete=models.PROTECT, related_name="proposals")
    category = models.CharField(_("분야"), max_length=20, choices=Category.choices)
    strategies = models.ManyToManyField(Strategy, verbose_name=_("정책 전략"), blank=True, related_name="proposals")
    requested_action = models.TextField(_("요청 사항"), blank=True)
    related_laws = models.TextField(_("관련 법령"), blank=True)
    budget_estimate = models.PositiveBigIntegerField(
        _("소요 예산(백만원)"), null=True, blank=True, help_text=_("백만원 단위")
    )
    location = models.CharField(_("위치(시군구)"), max_length=100, blank=True)
    status = FSMField(_("상태"), default=S.DRAFT, choices=ProposalStatus.choices, protected=True, db_index=True)
    lead_department = models.ForeignKey(
        Department,
        verbose_name=_("주관부서"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_proposals",
    )
    support_departments = models.ManyToManyField(
        Department, verbose_name=_("협조부서"), blank=True, related_name="supported_proposals"
    )
    due_at = models.DateField(_("처리기한"), null=True, blank=True, db_index=True)
    is_public = models.BooleanField(_("공개"), default=True)
    outcome = models.CharField(_("검토결과"), max_length=30, choices=Outcome.choices, blank=True)
    decision_summary = models.TextField(_("검토결과 요지(공개)"), blank=True)
    decision_reasons = models.TextField(_("검토 의견(내부)"), blank=True)
    planned_for = models.DateField(_("추진 예정일"), null=True, blank=True)
    rereview_at = models.DateField(_("재검토 예정일"), null=True, blank=True)
    referred_ministry = models.CharField(_("이관 부처"), max_length=100, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("병합 대상"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_proposals",
    )
    progress = models.PositiveSmallIntegerField(_("추진률(%)"), default=0)
    extension_used = models.BooleanField(_("기한 연장 사용"), default=False)
    appeal_used = models.BooleanField(_("재검토요청 사용"), default=False)
    paused_days = models.PositiveIntegerField(_("보완 대기 일수"), default=0)
    info_requested_at = models.DateTimeField(_("보완요청 일시"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("작성자"),
        on_delete=models.PROTECT,
        related_name="created_proposals",
    )
    created_at = models.DateTimeField(_("작성일시"), auto_now_add=True)
    updated_at = models.DateTimeField(_("수정일시"), auto_now=True)
    submitted_at = models.DateTimeField(_("접수일시"), null=True, blank=True, db_index=True)
    assigned_at = models.DateTimeField(_("배정일시"), null=True, blank=True)
    decided_at = models.DateTimeField(_("결정일시"), null=True, blank=True)
    completed_at = models.DateTimeField(_("완료일시"), null=True, blank=True)

    class Meta:
        verbose_name = _("건의과제")
        verbose_name_plural = _("건의과제")
        ordering = ["-submitted_at", "-created_at"]
        indexes = [
            models.Index(fields=["region", "status"]),
            models.Index(fields=["lead_department", "status"]),
            *list_indexes(PUBLIC_Q, received=RECEIVED_Q, running=(S.SUBMITTED, S.ASSIGNED, S.IN_REVIEW)),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="proposal_progress_at_most_100"),
        ]

    def __str__(self):
        return f"[{self.reference}] {self.title}"

    @property
    def is_open_to_public(self) -> bool:
        return self.is_public and self.status in PUBLIC_STATUSES

    def clean(self):
        if self._state.adding and self.region_id and not self.region.is_current:
            successor = self.region.current_region()
            raise ValidationError(
                {
                    "region": _("%(region)s 폐지된 지역입니다. %(successor)s 작성해 주세요.")
                    % {
                        "region": with_particle(self.region.name, "은/는"),
                        "successor": with_particle(successor.name, "으로/로"),
                    }
                }
            )

    # Transitions only move the state; services check rules, save and log.
    @transition(field=status, source=S.DRAFT, target=S.AWAITING_ENDORSEMENT)
    def submit(self):
        pass

    @transition(field=status, source=S.AWAITING_ENDORSEMENT, target=S.SUBMITTED)
    def endorse(self):
        pass

    @transition(field=status, source=S.AWAITING_ENDORSEMENT, target=S.DRAFT)
    def return_to_draft(self):
        pass

    @transition(field=status, source=S.SUBMITTED, target=S.INFO_REQUESTED)
    def request_info(self):
        pass

    @transition(field=status, source=S.INFO_REQUESTED, target=S.SUBMITTED)
    def resubmit(self):
        pass

    @transition(field=status, source=S.SUBMITTED, target=S.ASSIGNED)
    def assign(self):
        pass

    @transition(field=status, source=S.ASSIGNED, target=S.IN_REVIEW)
    def start_review(self):
        pass

    @transition(field=status, source=[S.ASSIGNED, S.IN_REVIEW], target=S.SUBMITTED)
    def decline(self):
        pass

    @transition(field=status, source=[S.ASSIGNED, S.IN_REVIEW], target=S.ASSIGNED)
    def reassign(self):
        pass

    @transition(field=status, source=S.IN_REVIEW, target=S.DECIDED)
    def decide(self):
        pass

    @transition(
        field=status,
        source=S.DECIDED,
        target=S.IN_PROGRESS,
        conditions=[lambda p: p.outcome in (Outcome.ACCEPTED, Outcome.PARTIALLY_ACCEPTED)],
    )
    def start_followup(self):
        pass

    @transition(field=status, source=S.IN_PROGRESS, target=S.COMPLETED)
    def complete(self):
        pass

    @transition(field=status, source=[S.SUBMITTED, S.ASSIGNED], target=S.REFERRED)
    def refer(self):
        pass

    @transition(field=status, source=S.SUBMITTED, target=S.MERGED)
    def merge(self):
        pass

    @transition(
        field=status,
        source=[S.DRAFT, S.AWAITING_ENDORSEMENT, S.SUBMITTED, S.INFO_REQUESTED],
        target=S.WITHDRAWN,
    )
    def withdraw(self):
        pass

    @transition(
        field=status,
        source=S.DECIDED,
        target=S.RECONSIDERATION,
        conditions=[lambda p: not p.appeal_used and p.appeal_open],
    )
    def appeal(self):
        pass

    @transition(field=status, source=S.RECONSIDERATION, target=S.DECIDED)
    def uphold(self):
        pass

    @transition(field=status, source=[S.DECIDED, S.REFERRED, S.RECONSIDERATION], target=S.IN_REVIEW)
    def reopen(self):
        pass

    # Actions that keep the state: ``target=None`` lets the state machine say where they
    # may be fired, so the rule lives here and nowhere else.
    @transition(
        field=status, source=[S.ASSIGNED, S.IN_REVIEW], target=None, conditions=[lambda p: not p.extension_used]
    )
    def extend(self):
        pass

    @transition(field=status, source=S.IN_PROGRESS, target=None)
    def update_followup(self):
        pass

    @transition(field=status, source=[S.ASSIGNED, S.IN_REVIEW], target=None)
    def consult(self):
        pass

    # Only a draft, or a proposal returned for more information, is the region's to edit.
    @transition(field=status, source=[S.DRAFT, S.INFO_REQUESTED], target=None)
    def edit(self):
        pass

    @property
    def is_editable(self) -> bool:
        return can_proceed(self.edit)


class ProposalEvent(models.Model):
    """One immutable line of a proposal's timeline: every transition and action writes one."""

    proposal = models.ForeignKey(Proposal, verbose_name=_("건의과제"), on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("행위"), max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("행위자"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    from_status = models.CharField(_("이전 상태"), max_length=30, choices=ProposalStatus.choices, blank=True)
    to_status = models.CharField(_("이후 상태"), max_length=30, choices=ProposalStatus.choices, blank=True)
    note = models.TextField(_("메모"), blank=True)
    payload = models.JSONField(_("내용"), default=dict, blank=True)
    is_public = models.BooleanField(_("공개 타임라인"), default=False)
    # Set before the row is written, so the hash covers it (``chain.event_digest``).
    created_at = models.DateTimeField(_("일시"), default=timezone.now, editable=False, db_index=True)
    # The tamper-evident chain (``chain.py``): the hash of the proposal's previous event
    # and this event's own hash over its content and that link.
    prev_hash = models.CharField(_("이전 이력 해시"), max_length=64, blank=True, editable=False)
    chain_hash = models.CharField(_("이력 해시"), max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("처리 이력")
        verbose_name_plural = _("처리 이력")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.proposal.reference} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("처리 이력은 수정할 수 없습니다."))
        # The caller holds the proposal's row lock (``services.events.record_event``), so
        # the previous event read here is still the newest when this one is written.
        self.prev_hash = (
            ProposalEvent.objects.filter(proposal_id=self.proposal_id)
            .order_by("-pk")
            .values_list("chain_hash", flat=True)
            .first()
            or chain.GENESIS
        )
        self.chain_hash = chain.event_digest(self.prev_hash, self)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("처리 이력은 삭제할 수 없습니다."))


SERVICE_LEVELS_CACHE_KEY = "proposals:service-levels"


class ServiceLevel(models.Model):
    """Per-stage processing time in business days, set by operators."""

    class Stage(models.TextChoices):
        TRIAGE = "triage", _("접수·배정")
        REVIEW = "review", _("부서 검토")
        CONSULTATION = "consultation", _("자문 회신")
        LONG_TERM_REREVIEW = "long_term_rereview", _("중장기검토 재검토 주기")
        INTERIM_NOTICE = "interim_notice", _("중간 진행상황 안내")

    stage = models.CharField(_("단계"), max_length=30, choices=Stage.choices, unique=True)
    business_days = models.PositiveSmallIntegerField(_("영업일 수"))

    class Meta:
        verbose_name = _("처리기한 기준")
        verbose_name_plural = _("처리기한 기준")
        ordering = ["stage"]

    def __str__(self):
        return f"{self.get_stage_display()}: {self.business_days}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        cache.delete(SERVICE_LEVELS_CACHE_KEY)


def attachment_path(instance, filename):
    # The stored name is random: never the uploader's name, which may be unsafe.
    import uuid

    return f"proposals/{instance.proposal_id}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    proposal = models.ForeignKey(
        Proposal, verbose_name=_("건의과제"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("파일"), upload_to=attachment_path, max_length=255)
    original_name = models.CharField(_("원래 파일명"), max_length=255)
    content_type = models.CharField(_("파일 형식"), max_length=120)
    size = models.PositiveBigIntegerField(_("크기(바이트)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("등록자"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("등록일시"), auto_now_add=True)

    class Meta:
        verbose_name = _("첨부파일")
        verbose_name_plural = _("첨부파일")
        ordering = ["created_at"]

    def __str__(self):
        return self.original_name


# The accountability records (anchors, milestones, ratings, follows) live in their own module.
from .accountability_models import (  # noqa: E402, F401
    EventAnchor,
    Follow,
    Milestone,
    MilestoneKind,
    ResultEvaluation,
    SatisfactionRating,
)
from .consultation_models import Consultation, ConsultationReply, ConsultationReplyFile  # noqa: E402, F401
from .tally_models import StatusTally  # noqa: E402, F401
