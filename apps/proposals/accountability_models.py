"""Accountability records around a proposal (issue 17): the anchors that seal the event
chains, follow-up milestones, satisfaction ratings, result evaluations and followers.
Imported by ``models.py`` so Django registers them with the proposals app."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EventAnchor(models.Model):
    """A periodic seal over the newest event of every proposal (``chain.seal``)."""

    created_at = models.DateTimeField(_("일시"), auto_now_add=True)
    last_event_id = models.PositiveBigIntegerField(_("마지막 이력 번호"))
    prev_digest = models.CharField(_("이전 앵커 해시"), max_length=64, blank=True)
    digest = models.CharField(_("앵커 해시"), max_length=64)

    class Meta:
        verbose_name = _("처리 이력 앵커")
        verbose_name_plural = _("처리 이력 앵커")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} ≤ {self.last_event_id}"


class MilestoneKind(models.TextChoices):
    # 예산: 부처 요구 → 정부안 → 국회 확정 → 집행
    BUDGET_REQUEST = "budget_request", _("예산: 부처 요구")
    BUDGET_GOVERNMENT = "budget_government", _("예산: 정부안")
    BUDGET_ASSEMBLY = "budget_assembly", _("예산: 국회 확정")
    BUDGET_EXECUTION = "budget_execution", _("예산: 집행")
    # 법령: 입법예고 → 국회 제출 → 공포 → 시행
    LAW_NOTICE = "law_notice", _("법령: 입법예고")
    LAW_SUBMITTED = "law_submitted", _("법령: 국회 제출")
    LAW_PROMULGATED = "law_promulgated", _("법령: 공포")
    LAW_EFFECTIVE = "law_effective", _("법령: 시행")
    PLAN = "plan", _("계획")
    DESIGN = "design", _("설계")
    CONSTRUCTION_START = "construction_start", _("착공")
    CONSTRUCTION_END = "construction_end", _("준공")
    OTHER = "other", _("기타")


class Milestone(models.Model):
    """One dated step of an accepted proposal's follow-up plan (추진계획)."""

    class State(models.TextChoices):
        DONE = "done", _("완료")
        DONE_LATE = "done_late", _("지연 완료")
        LATE = "late", _("지연")
        PLANNED = "planned", _("예정")

    proposal = models.ForeignKey(
        "proposals.Proposal", verbose_name=_("건의과제"), on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(_("단계명"), max_length=200)
    kind = models.CharField(_("종류"), max_length=30, choices=MilestoneKind.choices, default=MilestoneKind.OTHER)
    department = models.ForeignKey(
        "organisations.Department",
        verbose_name=_("담당부서"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="milestones",
    )
    planned_for = models.DateField(_("예정일"), db_index=True)
    done_on = models.DateField(_("완료일"), null=True, blank=True)
    progress = models.PositiveSmallIntegerField(_("진행률(%)"), default=0)
    note = models.TextField(_("공개 메모"), blank=True, max_length=5000)
    evidence = models.ManyToManyField(
        "proposals.Attachment", verbose_name=_("증빙 첨부파일"), blank=True, related_name="milestones"
    )
    created_at = models.DateTimeField(_("등록일시"), auto_now_add=True)
    updated_at = models.DateTimeField(_("수정일시"), auto_now=True)

    class Meta:
        verbose_name = _("추진 단계")
        verbose_name_plural = _("추진 단계")
        ordering = ["planned_for", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="milestone_progress_at_most_100"),
        ]

    def __str__(self):
        return f"{self.planned_for} {self.title}"

    def state_on(self, today) -> str:
        if self.done_on is not None:
            return self.State.DONE_LATE if self.done_on > self.planned_for else self.State.DONE
        return self.State.LATE if self.planned_for < today else self.State.PLANNED

    @property
    def state(self) -> str:
        from django.utils import timezone

        return self.state_on(timezone.localdate())

    def get_state_display(self) -> str:
        return str(self.State(self.state).label)

    @property
    def is_late(self) -> bool:
        """Late now (not done and past its date) or done after its date."""
        return self.state in (self.State.LATE, self.State.DONE_LATE)

    @property
    def effective_progress(self) -> int:
        return 100 if self.done_on else self.progress


class SatisfactionRating(models.Model):
    """만족도: the region's rating of how its completed proposal was handled (1–5)."""

    proposal = models.OneToOneField(
        "proposals.Proposal", verbose_name=_("건의과제"), on_delete=models.CASCADE, related_name="rating"
    )
    score = models.PositiveSmallIntegerField(_("만족도(1~5)"))
    comment = models.TextField(_("의견"), blank=True, max_length=5000)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("평가자"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("평가일시"), auto_now_add=True)

    class Meta:
        verbose_name = _("처리 만족도")
        verbose_name_plural = _("처리 만족도")
        constraints = [
            models.CheckConstraint(condition=models.Q(score__gte=1, score__lte=5), name="rating_score_1_to_5"),
        ]

    def __str__(self):
        return f"{self.proposal_id}: {self.score}"


class ResultEvaluation(models.Model):
    """성과 평가: what the TF records changed after a completed proposal."""

    proposal = models.OneToOneField(
        "proposals.Proposal", verbose_name=_("건의과제"), on_delete=models.CASCADE, related_name="evaluation"
    )
    what_changed = models.TextField(_("달라진 점"), max_length=5000)
    indicator = models.CharField(_("성과 지표"), max_length=200)
    value = models.CharField(_("지표 값"), max_length=100)
    source = models.CharField(_("출처"), max_length=300)
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("평가자"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("평가일시"), auto_now_add=True)

    class Meta:
        verbose_name = _("성과 평가")
        verbose_name_plural = _("성과 평가")

    def __str__(self):
        return f"{self.proposal_id}: {self.indicator} {self.value}"


class Follow(models.Model):
    """Someone following one public proposal: a signed-in person (in-app and e-mail
    notifications), or an e-mail address confirmed by double opt-in; ``token`` is the
    confirmation and one-click unsubscribe key of an e-mail follower."""

    proposal = models.ForeignKey(
        "proposals.Proposal", verbose_name=_("건의과제"), on_delete=models.CASCADE, related_name="follows"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("사용자"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    email = models.EmailField(_("이메일"), blank=True)
    token = models.CharField(max_length=64, unique=True, editable=False)
    confirmed_at = models.DateTimeField(_("확인일시"), null=True, blank=True)
    created_at = models.DateTimeField(_("신청일시"), auto_now_add=True)

    class Meta:
        verbose_name = _("관심 과제 구독")
        verbose_name_plural = _("관심 과제 구독")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "user"], condition=models.Q(user__isnull=False), name="unique_follow_user"
            ),
            models.UniqueConstraint(
                fields=["proposal", "email"], condition=~models.Q(email=""), name="unique_follow_email"
            ),
        ]

    def __str__(self):
        return f"{self.proposal_id} ← {self.user_id or self.email}"
