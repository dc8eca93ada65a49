"""What the ministry promised a region at a council meeting (지역협의회), tracked to closure.

The visit pack (``pack.py``) lists the last meeting's commitments and their state; the
region's page (``views.region_commitments``) shows every open one until it is closed.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.meetings.models import Meeting
from apps.organisations.models import Region
from apps.proposals.models import Proposal


class Commitment(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("진행 중")
        DONE = "done", _("이행 완료")
        DROPPED = "dropped", _("종결(이행 불가)")

    meeting = models.ForeignKey(Meeting, verbose_name=_("회의"), on_delete=models.PROTECT, related_name="commitments")
    region = models.ForeignKey(Region, verbose_name=_("지역"), on_delete=models.PROTECT, related_name="commitments")
    proposal = models.ForeignKey(
        Proposal,
        verbose_name=_("관련 건의과제"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commitments",
    )
    title = models.CharField(_("약속 내용"), max_length=300)
    owner = models.CharField(_("담당(부서·기관)"), max_length=100)
    due_at = models.DateField(_("이행 기한"))
    state = models.CharField(_("상태"), max_length=20, choices=State.choices, default=State.OPEN, db_index=True)
    closing_note = models.TextField(_("종결 내용"), max_length=2000, blank=True)
    closed_at = models.DateTimeField(_("종결 일시"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("기록자"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("기록 일시"), auto_now_add=True)

    class Meta:
        verbose_name = _("협의회 약속")
        verbose_name_plural = _("협의회 약속")
        ordering = ["due_at", "pk"]

    def __str__(self):
        return self.title

    @property
    def is_overdue(self) -> bool:
        return self.state == self.State.OPEN and self.due_at < timezone.localdate()
