"""The ledger (관리대장) written by a worker: ask, watch it being written, download it.

1. ``export_request`` checks the list's filters (``ValidationError`` when they are not
   valid), records a ``LedgerExport`` with them and queues ``exchange.export_ledger``.
   Asking again for the same filters while one is being written returns that one.
2. ``export_run`` (the task's body) writes the workbook (``writer.write_ledger``,
   streamed, rows in chunks) to a temporary file, ``processed_rows`` of ``total_rows``
   updated as it goes (the job page polls them), then stores it under a random name in
   the default storage (MEDIA_ROOT, which nothing serves: ``ledger_views.export_file``
   hands it to the job's owner only).
3. Files are kept ``keep_days()`` days (``LEDGER_EXPORT_KEEP_DAYS``, 7 by default):
   ``export_expire`` — the hourly beat task ``exchange.expire_exports``, and the download
   itself for an overdue file — deletes them and marks the job 만료; the job stays listed.

The rows are those the person may see when the file is written (rules and selectors as
for a direct download); someone who lost the ledger permission meanwhile gets no file.
"""

import datetime
import logging
import tempfile

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import File
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.proposals.queues import query_filters
from apps.proposals.selectors import ProposalFilter

from ..jobs import enqueue_after_commit, release_file
from ..models import LedgerExport
from . import selectors
from .writer import write_ledger

logger = logging.getLogger(__name__)
S = LedgerExport.Status
PROGRESS_EVERY = 500
# A running job that has not moved for this long lost its worker (a crash, a restart):
# it is not handed out again, and the hourly sweep marks it failed.
STALLED_AFTER = datetime.timedelta(minutes=15)
ABANDONED_AFTER = datetime.timedelta(minutes=70)  # tasks.TIME_LIMIT is an hour


def keep_days() -> int:
    return getattr(settings, "LEDGER_EXPORT_KEEP_DAYS", 7)


def ensure_may_export(actor):
    if not actor.has_perm("exchange.export_ledger"):
        raise PermissionDenied(_("관리대장을 내려받을 권한이 없습니다."))


def _filters(params: QueryDict) -> dict[str, list[str]]:
    cleaned = query_filters(params)
    return {key: cleaned.getlist(key) for key in sorted(cleaned) if key in ProposalFilter.base_filters}


def _query(filters: dict) -> QueryDict:
    query = QueryDict(mutable=True)
    for key, values in filters.items():
        query.setlist(key, values)
    return query


def filters_label(filters: dict) -> str:
    fields = ProposalFilter.base_filters
    return "; ".join(f"{fields[key].label}={', '.join(values)}" for key, values in filters.items() if key in fields)


def export_rows(actor, filters: dict):
    """The rows of ``actor``'s ledger with ``filters``; ``ValidationError`` if invalid."""
    filterset = ProposalFilter(_query(filters), queryset=selectors.ledger_rows(actor))
    if not filterset.is_valid():
        raise ValidationError({key: [str(e) for e in errors] for key, errors in filterset.errors.items()})
    return filterset.qs


def export_request(*, actor, params: QueryDict) -> LedgerExport:
    """Queue writing ``actor``'s ledger with the list filters in ``params``."""
    ensure_may_export(actor)
    filters = _filters(params)
    export_rows(actor, filters)  # refuses bad filters now, not in the worker
    running = LedgerExport.objects.filter(
        created_by=actor,
        status__in=LedgerExport.RUNNING,
        filters=filters,
        updated_at__gte=timezone.now() - STALLED_AFTER,
    )
    if (same := running.first()) is not None:
        return same
    with transaction.atomic():
        job = LedgerExport.objects.create(created_by=actor, filters=filters, filters_label=filters_label(filters)[:500])
        from .. import tasks

        enqueue_after_commit(
            tasks.export_ledger,
            job,
            fallback_status=S.FAILED,
            message=_("파일 만들기를 시작하지 못했습니다(작업 대기열 연결 실패). 잠시 뒤 다시 요청해 주세요."),
        )
    return job


def _finish(job, status, *, message, **fields) -> LedgerExport:
    LedgerExport.objects.filter(pk=job.pk).update(
        status=status, message=str(message), finished_at=timezone.now(), updated_at=timezone.now(), **fields
    )
    job.refresh_from_db()
    return job


def export_run(job: LedgerExport) -> LedgerExport:
    """Write the job's workbook and store it (the task's body)."""
    if not LedgerExport.objects.filter(pk=job.pk, status=S.QUEUED).update(
        status=S.WRITING, processed_rows=0, updated_at=timezone.now()
    ):
        return job  # another delivery of the task has it, or it is done
    actor = job.created_by
    if not actor.is_active or not actor.has_perm("exchange.export_ledger"):
        return _finish(job, S.FAILED, message=_("관리대장을 내려받을 권한이 없어 파일을 만들지 않았습니다."))
    try:
        rows = export_rows(actor, job.filters)
    except ValidationError:
        return _finish(job, S.FAILED, message=_("조건이 올바르지 않아 파일을 만들지 않았습니다. 다시 골라 주세요."))
    total = rows.count()
    LedgerExport.objects.filter(pk=job.pk).update(total_rows=total)

    def progress(done):
        if done % PROGRESS_EVERY == 0:
            LedgerExport.objects.filter(pk=job.pk).update(processed_rows=done, updated_at=timezone.now())

    context = selectors.viewer_context(actor) | {"on_row": progress}
    with tempfile.TemporaryFile() as destination:
        _fileobj, count = write_ledger(
            rows,
            viewer_context=context,
            sees_internal=selectors.sees_internal(actor),
            filters_label=job.filters_label,
            destination=destination,
        )
        size = destination.seek(0, 2)
        destination.seek(0)
        job.file.save("ledger.xlsx", File(destination), save=False)
    expires = timezone.now() + datetime.timedelta(days=keep_days())
    return _finish(
        job,
        S.DONE,
        file=job.file.name,
        size=size,
        total_rows=count,
        processed_rows=count,
        expires_at=expires,
        message=_("%(count)s건을 담았습니다. %(date)s까지 내려받을 수 있습니다.")
        % {"count": f"{count:,}", "date": timezone.localtime(expires).strftime("%Y-%m-%d %H:%M")},
    )


def export_failed(job_id: int, message: str) -> None:
    job = LedgerExport.objects.filter(pk=job_id).first()
    if job is not None and job.status != S.DONE:
        with transaction.atomic():
            release_file(job)
            job.save(update_fields=["file"])
            _finish(job, S.FAILED, message=message)


def _expire(job: LedgerExport) -> None:
    with transaction.atomic():
        release_file(job)
        job.status = S.EXPIRED
        job.message = _("보관 기간(%(days)s일)이 지나 파일을 지웠습니다. 다시 요청해 주세요.") % {"days": keep_days()}
        job.save(update_fields=["file", "status", "message", "updated_at"])


def is_overdue(job: LedgerExport, now=None) -> bool:
    return job.status == S.DONE and job.expires_at is not None and job.expires_at <= (now or timezone.now())


def export_expire(now=None) -> int:
    """Delete the files kept past their time; their jobs become 만료. Returns how many.
    Jobs still "running" after ``ABANDONED_AFTER`` (longer than the task's time limit)
    lost their worker: they are marked failed."""
    now = now or timezone.now()
    LedgerExport.objects.filter(status__in=LedgerExport.RUNNING, updated_at__lt=now - ABANDONED_AFTER).update(
        status=S.FAILED,
        finished_at=now,
        message=str(_("파일을 만드는 작업이 멈췄습니다. 다시 요청해 주세요.")),
    )
    count = 0
    for job in LedgerExport.objects.filter(status=S.DONE, expires_at__lte=now).order_by("pk"):
        _expire(job)
        count += 1
    return count


def export_file(job: LedgerExport):
    """The job's stored file, opened for reading, or None (not ready, expired, missing)."""
    if is_overdue(job):
        _expire(job)
        return None
    if job.status != S.DONE or not job.file:
        return None
    try:
        return job.file.open("rb")
    except FileNotFoundError:
        logger.warning("ledger export %s: stored file %s is missing", job.pk, job.file.name)
        return None


def export_delete(*, job: LedgerExport, actor) -> None:
    """Remove one's own finished job and its file."""
    if job.created_by_id != actor.pk:
        raise PermissionDenied(_("자신이 요청한 파일만 지울 수 있습니다."))
    if job.is_running:
        raise ValidationError(_("만드는 중인 파일은 지울 수 없습니다."))
    with transaction.atomic():
        release_file(job)
        job.delete()
