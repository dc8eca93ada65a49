"""An Excel import: the uploaded file and where its checking and importing stand.

A job is checked (every row, all errors listed), shown as a preview, then imported in one
transaction — all rows or none. Both steps run as Celery tasks that move ``status`` and
``processed_rows``; the job page polls them (htmx), so a person may leave and come back.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def import_path(instance, filename):
    # Never the uploader's file name: it may be anything.
    return f"exchange/imports/{uuid.uuid4().hex}.xlsx"


class ImportJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("검사 대기")
        VALIDATING = "validating", _("검사 중")
        INVALID = "invalid", _("오류 있음")
        VALID = "valid", _("검사 완료(가져오기 전)")
        COMMITTING = "committing", _("가져오는 중")
        DONE = "done", _("가져오기 완료")
        FAILED = "failed", _("실패")
        SUBMITTING = "submitting", _("한꺼번에 제출하는 중")

    RUNNING = (Status.QUEUED, Status.VALIDATING, Status.COMMITTING, Status.SUBMITTING)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("올린 사람"), on_delete=models.PROTECT, related_name="+"
    )
    file = models.FileField(_("파일"), upload_to=import_path, max_length=255, blank=True)
    original_name = models.CharField(_("원래 파일명"), max_length=255)
    size = models.PositiveBigIntegerField(_("크기(바이트)"))
    sha256 = models.CharField(_("파일 해시(SHA-256)"), max_length=64, db_index=True)
    status = models.CharField(_("상태"), max_length=20, choices=Status.choices, default=Status.QUEUED, db_index=True)
    total_rows = models.PositiveIntegerField(_("전체 행"), default=0)
    processed_rows = models.PositiveIntegerField(_("처리한 행"), default=0)
    error_count = models.PositiveIntegerField(_("오류 수"), default=0)
    errors = models.JSONField(_("오류"), default=list, blank=True)  # [{"row", "column", "message"}]
    preview = models.JSONField(_("미리보기"), default=list, blank=True)
    message = models.TextField(_("안내"), blank=True)
    created_count = models.PositiveIntegerField(_("만든 과제 수"), default=0)
    first_reference = models.CharField(_("첫 과제번호"), max_length=20, blank=True)
    last_reference = models.CharField(_("끝 과제번호"), max_length=20, blank=True)
    # The drafts this import created, for submitting them together (``submitting.py``).
    created_ids = models.JSONField(_("만든 과제 id"), default=list, blank=True)
    submitted_count = models.PositiveIntegerField(_("제출한 과제 수"), default=0)
    created_at = models.DateTimeField(_("올린 일시"), auto_now_add=True)
    updated_at = models.DateTimeField(_("갱신 일시"), auto_now=True)
    finished_at = models.DateTimeField(_("끝난 일시"), null=True, blank=True)

    class Meta:
        verbose_name = _("엑셀 가져오기")
        verbose_name_plural = _("엑셀 가져오기")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"#{self.pk} {self.original_name}"

    @property
    def is_running(self) -> bool:
        return self.status in self.RUNNING

    @property
    def percent(self) -> int:
        if not self.total_rows:
            return 0
        return min(100, round(self.processed_rows * 100 / self.total_rows))


def ledger_path(instance, filename):
    return f"exchange/ledger/{uuid.uuid4().hex}.xlsx"


class LedgerUpdate(models.Model):
    """An edited ledger (관리대장) uploaded to change many proposals at once.

    Checking reads every row and records, per changed row, the diff (before → after per
    cell), the registry actions it becomes, and its errors — a cell the person may not
    change, an input the action refuses, or a row changed by someone since the download
    (a conflict). Applying fires those actions through the services in one transaction.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("검사 대기")
        VALIDATING = "validating", _("검사 중")
        READY = "ready", _("검사 완료(반영 전)")
        NOTHING = "nothing", _("바뀐 내용 없음")
        APPLYING = "applying", _("반영 중")
        APPLIED = "applied", _("반영 완료")
        CONFLICT = "conflict", _("충돌(그사이 바뀜)")
        FAILED = "failed", _("실패")

    RUNNING = (Status.QUEUED, Status.VALIDATING, Status.APPLYING)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("올린 사람"), on_delete=models.PROTECT, related_name="+"
    )
    file = models.FileField(_("파일"), upload_to=ledger_path, max_length=255, blank=True)
    original_name = models.CharField(_("원래 파일명"), max_length=255)
    size = models.PositiveBigIntegerField(_("크기(바이트)"))
    sha256 = models.CharField(_("파일 해시(SHA-256)"), max_length=64)
    status = models.CharField(_("상태"), max_length=20, choices=Status.choices, default=Status.QUEUED, db_index=True)
    total_rows = models.PositiveIntegerField(_("전체 행"), default=0)
    processed_rows = models.PositiveIntegerField(_("처리한 행"), default=0)
    changed_rows = models.PositiveIntegerField(_("바꿀 행"), default=0)
    error_rows = models.PositiveIntegerField(_("오류 행"), default=0)
    conflict_rows = models.PositiveIntegerField(_("충돌 행"), default=0)
    applied_rows = models.PositiveIntegerField(_("반영한 행"), default=0)
    # [{"row", "id", "reference", "version", "status", "changes": [{"column", "header",
    # "before", "after"}], "errors": [...], "conflict", "actions": [[action, fields]]}]
    rows = models.JSONField(_("행별 결과"), default=list, blank=True)
    message = models.TextField(_("안내"), blank=True)
    created_at = models.DateTimeField(_("올린 일시"), auto_now_add=True)
    updated_at = models.DateTimeField(_("갱신 일시"), auto_now=True)
    finished_at = models.DateTimeField(_("끝난 일시"), null=True, blank=True)

    class Meta:
        verbose_name = _("관리대장 일괄 수정")
        verbose_name_plural = _("관리대장 일괄 수정")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"#{self.pk} {self.original_name}"

    @property
    def is_running(self) -> bool:
        return self.status in self.RUNNING

    @property
    def percent(self) -> int:
        if not self.total_rows:
            return 0
        return min(100, round(self.processed_rows * 100 / self.total_rows))
