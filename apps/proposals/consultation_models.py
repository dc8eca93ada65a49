"""자문·의견조회: a reviewer's questions to partner organisations, their replies and
deadlines. Imported by ``models.py`` so Django registers them with the proposals app."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.organisations.models import PartnerOrganisation


class Consultation(models.Model):
    """자문·의견조회: a reviewer's question to a partner organisation about a proposal."""

    class State(models.TextChoices):
        OPEN = "open", _("회신 대기")
        ANSWERED = "answered", _("회신 있음")  # replies keep coming until the reviewer closes it
        CLOSED = "closed", _("종결")

    proposal = models.ForeignKey(
        "proposals.Proposal", verbose_name=_("건의과제"), on_delete=models.CASCADE, related_name="consultations"
    )
    organisation = models.ForeignKey(
        PartnerOrganisation, verbose_name=_("자문기관"), on_delete=models.PROTECT, related_name="consultations"
    )
    question = models.TextField(_("질의 내용"))
    due_at = models.DateField(_("회신 기한"))
    state = models.CharField(_("상태"), max_length=20, choices=State.choices, default=State.OPEN)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("요청자"), on_delete=models.PROTECT, related_name="+"
    )
    answer = models.TextField(_("회신 내용"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("회신자"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("요청일시"), auto_now_add=True)
    answered_at = models.DateTimeField(_("회신일시"), null=True, blank=True)
    closed_at = models.DateTimeField(_("종결일시"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("종결자"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("자문·의견조회")
        verbose_name_plural = _("자문·의견조회")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.proposal.reference} → {self.organisation}"

    @property
    def accepts_replies(self) -> bool:
        return self.state != self.State.CLOSED


class ConsultationReply(models.Model):
    """One member's answer; several members may answer, each may edit theirs until the
    asking side has read it. ``Consultation.answer`` mirrors the newest reply."""

    consultation = models.ForeignKey(
        Consultation, verbose_name=_("자문·의견조회"), on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("회신자"), on_delete=models.PROTECT, related_name="+"
    )
    body = models.TextField(_("회신 내용"), max_length=20000)
    created_at = models.DateTimeField(_("회신일시"), auto_now_add=True)
    updated_at = models.DateTimeField(_("수정일시"), auto_now=True)
    read_at = models.DateTimeField(_("확인일시"), null=True, blank=True)

    class Meta:
        verbose_name = _("자문 회신")
        verbose_name_plural = _("자문 회신")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.consultation} #{self.pk}"

    @property
    def editable(self) -> bool:
        return self.read_at is None and self.consultation.accepts_replies


def reply_file_path(instance, filename):
    import uuid  # the stored name is random: never the uploader's name

    return f"consultations/{instance.reply.consultation_id}/{uuid.uuid4().hex}"


class ConsultationReplyFile(models.Model):
    reply = models.ForeignKey(
        ConsultationReply, verbose_name=_("자문 회신"), on_delete=models.CASCADE, related_name="files"
    )
    file = models.FileField(_("파일"), upload_to=reply_file_path, max_length=255)
    original_name = models.CharField(_("원래 파일명"), max_length=255)
    content_type = models.CharField(_("파일 형식"), max_length=120)
    size = models.PositiveBigIntegerField(_("크기(바이트)"))

    class Meta:
        verbose_name = _("자문 회신 첨부파일")
        verbose_name_plural = _("자문 회신 첨부파일")
        ordering = ["pk"]

    def __str__(self):
        return self.original_name
