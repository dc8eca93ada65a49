"""Writes of the Excel import: upload, check, import — and nothing changes unless all is well.

1. ``import_upload`` refuses what is not a sane .xlsx (``safety``) or was already
   imported (same SHA-256), stores the file under a random name and queues the check.
2. ``import_validate`` (task ``exchange.validate_import``) reads every row, streaming,
   and records every error by row and column, or a preview when there is none.
3. ``import_commit`` queues ``exchange.commit_import``; ``import_run_commit`` checks the
   rows again (the world may have changed since) and creates every proposal through
   ``proposals.services.proposal_create`` — references, rules, events, key terms — in
   one transaction: one failure and none is created.

Progress: the check writes ``processed_rows`` as it goes; the import runs inside its
transaction, invisible to other connections, so it reports progress through the cache
(``jobs.count_progress``), which the job page reads.
"""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.proposals.models import Category
from apps.proposals.services import proposal_create

from .jobs import checked_upload, count_progress, enqueue_after_commit, forget_progress, progress_of, release_file
from .models import ImportJob
from .reading import open_sheet
from .safety import ImportRefused
from .validation import ERRORS_KEPT, RowChecker

logger = logging.getLogger(__name__)
S = ImportJob.Status
PROGRESS_EVERY = 100
PREVIEW_ROWS = 20


def _ensure_may_import(actor):
    if not actor.has_perm("exchange.import_proposals"):
        raise PermissionDenied(_("건의과제를 가져올 권한이 없습니다. 지자체 담당자와 부지사만 가져올 수 있습니다."))


def import_upload(*, actor, upload) -> ImportJob:
    """Accept an uploaded workbook for checking. Raises ``ImportRefused`` (nothing is
    stored) when the file is refused outright."""
    _ensure_may_import(actor)
    name, digest = checked_upload(upload)
    done = ImportJob.objects.filter(sha256=digest, status=S.DONE).order_by("finished_at").first()
    if done is not None:
        raise ImportRefused(
            _("이미 가져온 파일입니다(가져오기 #%(job)s, %(date)s, %(count)s건). 같은 과제를 두 번 등록할 수 없습니다.")
            % {
                "job": done.pk,
                "date": timezone.localtime(done.finished_at).strftime("%Y-%m-%d"),
                "count": done.created_count,
            }
        )
    pending = (
        ImportJob.objects.filter(sha256=digest, created_by=actor)
        .exclude(status__in=(S.DONE, S.FAILED, S.INVALID))
        .first()
    )
    if pending is not None:
        return pending
    with transaction.atomic():
        job = ImportJob(created_by=actor, original_name=name, size=upload.size, sha256=digest)
        job.file.save("upload.xlsx", File(upload), save=False)
        job.save()
        from .tasks import validate_import

        enqueue_after_commit(
            validate_import,
            job,
            fallback_status=S.FAILED,
            message=_("검사를 시작하지 못했습니다(작업 대기열 연결 실패). 잠시 뒤 파일을 다시 올려 주세요."),
        )
    return job


def _error(row, column, message) -> dict:
    return {"row": row, "column": column, "message": str(message)}


def _preview_row(result) -> dict:
    fields = result.fields
    return {
        "row": result.number,
        "title": fields.get("title", ""),
        "region": fields["region"].short_name or fields["region"].name,
        "category": str(Category(fields["category"]).label) if fields.get("category") else "",
        "strategies": ", ".join(s.name for s in fields.get("strategies", [])),
        "budget_estimate": fields.get("budget_estimate"),
        "location": fields.get("location", ""),
        "is_public": fields.get("is_public", True),
    }


def _check_rows(job: ImportJob, *, on_row=None):
    """Read and check every row. Returns ``(results, errors, total)``; raises
    ``ImportRefused`` for a file-level problem."""
    checker = RowChecker(job.created_by)
    results, errors, total = [], [], 0
    with job.file.open("rb") as fileobj, open_sheet(fileobj) as (declared, rows):
        for row in rows:
            if RowChecker.is_example(row.values):
                continue
            total += 1
            result = checker.check(row.number, row.values)
            results.append(result)
            errors += [_error(row.number, column, message) for column, message in result.errors]
            if on_row is not None:
                on_row(total, max(declared, total))
    if not total:
        raise ImportRefused(_("가져올 행이 없습니다. 예시 행 아래(3행부터)에 건의과제를 적어 주세요."))
    return results, errors, total


def import_validate(job: ImportJob) -> ImportJob:
    """Check every row of the file and record the outcome on the job."""
    ImportJob.objects.filter(pk=job.pk).update(status=S.VALIDATING, processed_rows=0, updated_at=timezone.now())

    def progress(done, declared):
        if done % PROGRESS_EVERY == 0:
            ImportJob.objects.filter(pk=job.pk).update(processed_rows=done, total_rows=declared)

    try:
        results, errors, total = _check_rows(job, on_row=progress)
    except ImportRefused as refusal:
        return finish_job(job, S.FAILED, message=" ".join(refusal.messages))
    if errors:
        return finish_job(
            job,
            S.INVALID,
            total_rows=total,
            errors=errors,
            message=_("%(rows)s행 가운데 %(bad)s행에 오류가 %(count)s개 있습니다. 고친 파일을 다시 올려 주세요.")
            % {
                "rows": f"{total:,}",
                "bad": f"{len({e['row'] for e in errors}):,}",
                "count": f"{len(errors):,}",
            },
        )
    return finish_job(
        job,
        S.VALID,
        total_rows=total,
        preview=[_preview_row(result) for result in results[:PREVIEW_ROWS]],
        message=_("%(rows)s행 모두 이상이 없습니다. 미리보기를 확인하고 가져오세요.") % {"rows": f"{total:,}"},
    )


def finish_job(job, status, *, total_rows=None, errors=(), preview=(), message="", created=()):
    job.refresh_from_db()
    job.status = status
    if total_rows is not None:
        job.total_rows = total_rows
        job.processed_rows = total_rows if status != S.FAILED else job.processed_rows
    job.error_count = len(errors)
    job.errors = list(errors)[:ERRORS_KEPT]
    job.preview = list(preview)
    job.message = message
    if created:
        job.created_count = len(created)
        job.first_reference, job.last_reference = created[0].reference, created[-1].reference
        job.created_ids = [proposal.pk for proposal in created]
    if status in (S.DONE, S.FAILED, S.INVALID):
        job.finished_at = timezone.now()
    # Finished: the rows live as proposals, or a corrected file comes next. Only the hash is kept.
    if job.finished_at:
        release_file(job)
    job.save()
    return job


def import_commit(*, job: ImportJob, actor) -> ImportJob:
    """Start importing a checked job (its owner only). Raises ``ValidationError`` if the
    job is not (or no longer) ready."""
    if job.created_by_id != actor.pk:
        raise PermissionDenied(_("자신이 올린 파일만 가져올 수 있습니다."))
    _ensure_may_import(actor)
    with transaction.atomic():
        started = ImportJob.objects.filter(pk=job.pk, status=S.VALID).update(
            status=S.COMMITTING, processed_rows=0, updated_at=timezone.now()
        )
        if not started:
            raise ValidationError(_("검사를 마친 파일만 가져올 수 있습니다. 화면을 새로 고쳐 주세요."))
        from .tasks import commit_import

        enqueue_after_commit(
            commit_import,
            job,
            fallback_status=S.VALID,
            message=_("가져오기를 시작하지 못했습니다(작업 대기열 연결 실패). 잠시 뒤 다시 눌러 주세요."),
        )
    job.refresh_from_db()
    return job


def import_run_commit(job: ImportJob) -> ImportJob:
    """Create every row's proposal in one transaction (the task's body)."""
    if job.status != S.COMMITTING:
        return job
    actor = job.created_by
    try:
        results, errors, total = _check_rows(job)
    except ImportRefused as refusal:
        return finish_job(job, S.FAILED, message=" ".join(refusal.messages))
    if errors:
        return finish_job(
            job,
            S.INVALID,
            total_rows=total,
            errors=errors,
            message=_("검사 뒤에 바뀐 내용이 있어 가져오지 않았습니다. 오류를 고쳐 다시 올려 주세요."),
        )
    created: list = []
    try:
        with transaction.atomic():
            # Claim the job in this transaction: a second delivery of the task waits on
            # the row and then finds it no longer ``committing`` — nothing is imported twice.
            if not ImportJob.objects.filter(pk=job.pk, status=S.COMMITTING).update(updated_at=timezone.now()):
                return job
            for index, result in enumerate(results, start=1):
                fields = dict(result.fields)
                created.append(
                    proposal_create(
                        actor=actor, region=fields.pop("region"), strategies=fields.pop("strategies", []), **fields
                    )
                )
                count_progress(job, "commit", index)
            return finish_job(
                job,
                S.DONE,
                total_rows=total,
                created=created,
                message=_("%(count)s건을 작성중 상태로 가져왔습니다(%(first)s ~ %(last)s).")
                % {"count": f"{len(created):,}", "first": created[0].reference, "last": created[-1].reference},
            )
    except (ValidationError, PermissionDenied) as failure:
        messages = failure.messages if isinstance(failure, ValidationError) else [str(failure)]
        row = results[len(created)].number if len(created) < len(results) else None
        return finish_job(
            job,
            S.FAILED,
            total_rows=total,
            errors=[_error(row, "", message) for message in messages],
            message=_("%(row)s행을 등록하지 못해 아무것도 가져오지 않았습니다.") % {"row": row},
        )
    finally:
        forget_progress(job, "commit")


def import_progress(job: ImportJob) -> int:
    """Rows done so far: from the cache while importing, else from the row."""
    return progress_of(job, "commit", S.COMMITTING)


def import_delete(*, job: ImportJob, actor) -> None:
    """Remove a job that is not running (its file goes with it; imported proposals stay)."""
    if job.created_by_id != actor.pk:
        raise PermissionDenied(_("자신이 올린 파일만 지울 수 있습니다."))
    if job.is_running:
        raise ValidationError(_("검사나 가져오기가 진행 중인 작업은 지울 수 없습니다."))
    if job.file:
        job.file.delete(save=False)
    job.delete()
