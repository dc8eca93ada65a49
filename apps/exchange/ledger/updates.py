"""Writes of the ledger bulk update: upload, check, apply — through the registry's services.

1. ``update_upload`` refuses what is not a sane .xlsx (``exchange.safety``), stores it
   under a random name and queues the check (task ``exchange.validate_ledger``).
2. ``update_validate`` reads every row (streaming), plans each changed row
   (``changes.plan_row``) and records the diff, the actions and the errors per row.
3. ``update_apply`` refuses (``TransitionConflict``, 409) when a row to change moved
   since the check, else queues ``exchange.apply_ledger``; ``update_run_apply`` locks
   the rows in id order and fires every planned action through ``services.fire`` in one
   transaction — every event and notification is the web's — or nothing at all.

Rows with errors (no permission, a refused input, a conflict) are reported and never
applied; unchanged rows do nothing.
"""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import File
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.proposals.models import Proposal
from apps.proposals.services import TransitionConflict, fire

from ..jobs import checked_upload, count_progress, enqueue_after_commit, forget_progress, progress_of, release_file
from ..models import LedgerUpdate
from ..safety import ImportRefused
from . import selectors
from .changes import plan_row
from .columns import version_of
from .reading import open_ledger

logger = logging.getLogger(__name__)
S = LedgerUpdate.Status
PROGRESS_EVERY = 100
CHUNK = 500
CHANGED_MEANWHILE = _(
    "검사한 뒤에 %(count)s개 과제가 바뀌었습니다(%(references)s). 아무것도 반영하지 않았습니다. "
    "관리대장을 새로 내려받아 주세요."
)


def ensure_may_update(actor):
    if not actor.has_perm("exchange.update_ledger"):
        raise PermissionDenied(
            _("관리대장으로 일괄 수정할 권한이 없습니다. 기획단 TF와 소관부서 담당자만 할 수 있습니다.")
        )


def update_upload(*, actor, upload) -> LedgerUpdate:
    ensure_may_update(actor)
    name, digest = checked_upload(upload)
    with transaction.atomic():
        job = LedgerUpdate(created_by=actor, original_name=name, size=upload.size, sha256=digest)
        job.file.save("ledger.xlsx", File(upload), save=False)
        job.save()
        from .. import tasks

        enqueue_after_commit(
            tasks.validate_ledger,
            job,
            fallback_status=S.FAILED,
            message=_("검사를 시작하지 못했습니다(작업 대기열 연결 실패). 잠시 뒤 파일을 다시 올려 주세요."),
        )
    return job


def _plans(job: LedgerUpdate, *, on_row=None) -> tuple[list, int]:
    """Every row's plan; only rows that change something or have errors are kept."""
    actor = job.created_by
    visible = selectors.ledger_rows(actor)
    context = selectors.viewer_context(actor)
    kept, total, batch = [], 0, []

    def flush():
        ids = [row.values.get("id") for row in batch]
        ids = [int(i) for i in ids if isinstance(i, int | float) or (isinstance(i, str) and i.strip().isdigit())]
        found = {p.pk: p for p in visible.filter(pk__in=ids)}
        for row in batch:
            raw = row.values.get("id")
            try:
                proposal = found.get(int(raw)) if raw not in (None, "") else None
            except (TypeError, ValueError):
                proposal = None
            plan = plan_row(row.number, row.values, proposal, actor, context)
            if plan.changes or plan.errors:
                kept.append(plan.as_json())
        batch.clear()

    with job.file.open("rb") as fileobj, open_ledger(fileobj) as (declared, rows):
        for row in rows:
            total += 1
            batch.append(row)
            if len(batch) >= CHUNK:
                flush()
            if on_row is not None:
                on_row(total, max(declared, total))
        flush()
    return kept, total


def _finish(job, status, *, rows=None, total=None, message="", applied=0):
    job.refresh_from_db()
    job.status = status
    if rows is not None:
        job.rows = rows
        job.changed_rows = sum(1 for r in rows if r["actions"])
        job.error_rows = sum(1 for r in rows if r["errors"])
        job.conflict_rows = sum(1 for r in rows if r["conflict"])
    if total is not None:
        job.total_rows = job.processed_rows = total
    job.applied_rows = applied
    job.message = str(message)
    if status in (S.APPLIED, S.FAILED, S.NOTHING, S.CONFLICT):
        job.finished_at = timezone.now()
        if status != S.CONFLICT:
            release_file(job)
    job.save()
    return job


def update_validate(job: LedgerUpdate) -> LedgerUpdate:
    LedgerUpdate.objects.filter(pk=job.pk).update(status=S.VALIDATING, processed_rows=0, updated_at=timezone.now())

    def progress(done, declared):
        if done % PROGRESS_EVERY == 0:
            LedgerUpdate.objects.filter(pk=job.pk).update(processed_rows=done, total_rows=declared)

    try:
        rows, total = _plans(job, on_row=progress)
    except ImportRefused as refusal:
        return _finish(job, S.FAILED, message=" ".join(refusal.messages))
    changed = sum(1 for r in rows if r["actions"])
    bad = sum(1 for r in rows if r["errors"])
    if not changed:
        message = _("%(rows)s행 가운데 반영할 변경이 없습니다.") % {"rows": f"{total:,}"}
        if bad:
            message += " " + _("오류가 있는 %(bad)s행을 확인해 주세요.") % {"bad": f"{bad:,}"}
        return _finish(job, S.NOTHING, rows=rows, total=total, message=message)
    message = _("%(rows)s행 가운데 %(changed)s행을 바꿉니다.") % {"rows": f"{total:,}", "changed": f"{changed:,}"}
    if bad:
        message += " " + _("오류가 있는 %(bad)s행은 바꾸지 않습니다.") % {"bad": f"{bad:,}"}
    return _finish(job, S.READY, rows=rows, total=total, message=message)


def _moved(job: LedgerUpdate, *, lock: bool) -> list[str]:
    """References of the rows to change that moved since the check (locked with ``lock``)."""
    planned = {r["id"]: r for r in job.rows if r["actions"]}
    proposals = Proposal.objects.filter(pk__in=planned).order_by("pk")
    if lock:
        proposals = proposals.select_for_update()
    return [p.reference for p in proposals if version_of(p) != planned[p.pk]["version"]] + [
        planned[pk]["reference"] for pk in set(planned) - set(proposals.values_list("pk", flat=True))
    ]


def _conflict_message(moved: list[str]) -> str:
    shown = ", ".join(moved[:5]) + (" …" if len(moved) > 5 else "")
    return CHANGED_MEANWHILE % {"count": len(moved), "references": shown}


def update_apply(*, job: LedgerUpdate, actor) -> LedgerUpdate:
    """Start applying a checked update (its owner only). ``TransitionConflict`` (409) if a
    row to change moved since the check; ``ValidationError`` if the job is not ready."""
    if job.created_by_id != actor.pk:
        raise PermissionDenied(_("자신이 올린 파일만 반영할 수 있습니다."))
    ensure_may_update(actor)
    if job.status != S.READY:
        raise ValidationError(_("검사를 마치고 바뀐 내용이 있는 파일만 반영할 수 있습니다. 화면을 새로 고쳐 주세요."))
    moved = _moved(job, lock=False)
    if moved:
        _finish(job, S.CONFLICT, message=_conflict_message(moved))
        raise TransitionConflict(_conflict_message(moved))
    with transaction.atomic():
        if not LedgerUpdate.objects.filter(pk=job.pk, status=S.READY).update(
            status=S.APPLYING, updated_at=timezone.now()
        ):
            raise ValidationError(_("이미 반영을 시작했습니다. 화면을 새로 고쳐 주세요."))
        from .. import tasks

        enqueue_after_commit(
            tasks.apply_ledger,
            job,
            fallback_status=S.READY,
            message=_("반영을 시작하지 못했습니다(작업 대기열 연결 실패). 잠시 뒤 다시 눌러 주세요."),
        )
    job.refresh_from_db()
    return job


def update_run_apply(job: LedgerUpdate) -> LedgerUpdate:
    """Fire every planned action in one transaction (the task's body)."""
    if job.status != S.APPLYING:
        return job
    actor, applied = job.created_by, 0
    planned = sorted((r for r in job.rows if r["actions"]), key=lambda r: r["id"])
    try:
        with transaction.atomic():
            if not LedgerUpdate.objects.filter(pk=job.pk, status=S.APPLYING).update(updated_at=timezone.now()):
                return job
            moved = _moved(job, lock=True)  # every row to change locked, in id order
            if moved:
                raise TransitionConflict(_conflict_message(moved))
            for row in planned:
                proposal = Proposal.objects.get(pk=row["id"])
                for action, fields in row["actions"]:
                    proposal, _event = fire(
                        proposal=proposal, actor=actor, action=action, expected_status=proposal.status, **fields
                    )
                applied += 1
                count_progress(job, "apply", applied)
            return _finish(
                job,
                S.APPLIED,
                applied=applied,
                message=_("%(count)s개 과제에 반영했습니다.") % {"count": f"{applied:,}"},
            )
    except TransitionConflict as conflict:
        return _finish(job, S.CONFLICT, message=str(conflict))
    except (ValidationError, PermissionDenied, Http404) as failure:
        row = planned[applied] if applied < len(planned) else {"row": "?", "reference": ""}
        detail = " ".join(failure.messages) if isinstance(failure, ValidationError) else str(failure) or _("권한 없음")
        return _finish(
            job,
            S.FAILED,
            message=_("%(row)s행(%(reference)s)을 반영하지 못해 아무것도 바꾸지 않았습니다: %(detail)s")
            % {"row": row["row"], "reference": row["reference"], "detail": detail},
        )
    finally:
        forget_progress(job, "apply")


def update_progress(job: LedgerUpdate) -> int:
    return progress_of(job, "apply", S.APPLYING)
