"""The exchange's background jobs: an Excel import, a ledger bulk update and a ledger
export — each a row that says whose it is, where it stands and how far it got.

A job's steps run as Celery tasks that move ``status`` and ``processed_rows``; its page
polls them (htmx), so a person may leave and come back (the job lists).

- ``ImportJob``: checked (every row, all errors listed), shown as a preview, then
  imported in one transaction — all rows or none.
- ``LedgerUpdate``: an edited ledger checked row by row, then applied in one transaction.
- ``LedgerExport``: the ledger written to a private file its owner downloads.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def import_path(instance, filename):
    # Never the uploader's file name: it may be anything.
    return f"exchange/imports/{uuid.uuid4().hex}.xlsx"


def status_field(status):
    """The ``status`` of a job, with its own ``Status`` choices."""
    return models.CharField(_("상태"), max_length=20, choices=status.choices, default="queued", db_index=True)


class Job(models.Model):
    """What every job of the exchange has: owner, status, progress, message, times.

    Subclasses give ``status`` their choices (``status_field``) and say which statuses
    are ``RUNNING``."""

    RUNNING: tuple = ()

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("올린 사람"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("상태"), max_length=20, default="queued", db_index=True)
    total_rows = models.PositiveIntegerField(_("전체 행"), default=0)
    processed_rows = models.PositiveIntegerField(_("처리한 행"), default=0)
    message = models.TextField(_("안내"), blank=True)
    created_at = models.DateTimeField(_("올린 일시"), auto_now_add=True)
    updated_at = models.DateTimeField(_("갱신 일시"), auto_now=True)
    finished_at = models.DateTimeField(_("끝난 일시"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    @property
    def is_running(self) -> bool:
        return self.status in self.RUNNING

    @property
    def percent(self) -> int:
        if not self.total_rows:
            return 0
        return min(100, round(self.processed_rows * 100 / self.total_rows))


class UploadJob(Job):
    """A job over a file someone uploaded (kept under a random name until it is done)."""

    original_name = models.CharField(_("원래 파일명"), max_length=255)
    size = models.PositiveBigIntegerField(_("크기(바이트)"))
    sha256 = models.CharField(_("파일 해시(SHA-256)"), max_length=64)

    class Meta(Job.Meta):
        abstract = True

    def __str__(self):
        return f"#{self.pk} {self.original_name}"


class ImportJob(UploadJob):
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

    status = status_field(Status)
    file = models.FileField(_("파일"), upload_to=import_path, max_length=255, blank=True)
    sha256 = models.CharField(_("파일 해시(SHA-256)"), max_length=64, db_index=True)
    error_count = models.PositiveIntegerField(_("오류 수"), default=0)
    errors = models.JSONField(_("오류"), default=list, blank=True)  # [{"row", "column", "message"}]
    preview = models.JSONField(_("미리보기"), default=list, blank=True)
    created_count = models.PositiveIntegerField(_("만든 과제 수"), default=0)
    first_reference = models.CharField(_("첫 과제번호"), max_length=20, blank=True)
    last_reference = models.CharField(_("끝 과제번호"), max_length=20, blank=True)
    # The drafts this import created, for submitting them together (``submitting.py``).
    created_ids = models.JSONField(_("만든 과제 id"), default=list, blank=True)
    submitted_count = models.PositiveIntegerField(_("제출한 과제 수"), default=0)

    class Meta(UploadJob.Meta):
        verbose_name = _("엑셀 가져오기")
        verbose_name_plural = _("엑셀 가져오기")


def ledger_path(instance, filename):
    return f"exchange/ledger/{uuid.uuid4().hex}.xlsx"


class LedgerUpdate(UploadJob):
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

    status = status_field(Status)
    file = models.FileField(_("파일"), upload_to=ledger_path, max_length=255, blank=True)
    changed_rows = models.PositiveIntegerField(_("바꿀 행"), default=0)
    error_rows = models.PositiveIntegerField(_("오류 행"), default=0)
    conflict_rows = models.PositiveIntegerField(_("충돌 행"), default=0)
    applied_rows = models.PositiveIntegerField(_("반영한 행"), default=0)
    # [{"row", "id", "reference", "version", "status", "changes": [{"column", "header",
    # "before", "after"}], "errors": [...], "conflict", "actions": [[action, fields]]}]
    rows = models.JSONField(_("행별 결과"), default=list, blank=True)

    class Meta(UploadJob.Meta):
        verbose_name = _("관리대장 일괄 수정")
        verbose_name_plural = _("관리대장 일괄 수정")


def export_path(instance, filename):
    # Private: under MEDIA_ROOT, which nothing serves (platform/nginx.conf has no /media/);
    # only ``ledger_views.ledger_export_file`` reads it, for the job's owner.
    return f"exchange/exports/{uuid.uuid4().hex}.xlsx"


class LedgerExport(Job):
    """A ledger (관리대장) written by a worker to a private file for the person who asked.

    ``filters`` are the list's filters at the time of asking (``{name: [values]}``);
    ``processed_rows`` of ``total_rows`` are written as it goes; the file is kept until
    ``expires_at`` (``services`` ``EXPORT_KEEP``), then removed by the hourly
    ``exchange.expire_exports`` task and the job shows 만료.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("작성 대기")
        WRITING = "writing", _("작성 중")
        DONE = "done", _("내려받기 준비됨")
        FAILED = "failed", _("실패")
        EXPIRED = "expired", _("기간 지나 삭제됨")

    RUNNING = (Status.QUEUED, Status.WRITING)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("요청한 사람"), on_delete=models.PROTECT, related_name="+"
    )
    status = status_field(Status)
    created_at = models.DateTimeField(_("요청 일시"), auto_now_add=True)
    filters = models.JSONField(_("조건"), default=dict, blank=True)
    filters_label = models.CharField(_("조건 설명"), max_length=500, blank=True)
    file = models.FileField(_("파일"), upload_to=export_path, max_length=255, blank=True)
    size = models.PositiveBigIntegerField(_("크기(바이트)"), default=0)
    expires_at = models.DateTimeField(_("삭제 예정 일시"), null=True, blank=True, db_index=True)

    class Meta(Job.Meta):
        verbose_name = _("관리대장 내려받기")
        verbose_name_plural = _("관리대장 내려받기")

    def __str__(self):
        return f"#{self.pk} {self.filters_label or '-'}"

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.DONE and bool(self.file)
