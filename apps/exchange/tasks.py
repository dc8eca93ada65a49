"""Celery tasks of the Excel import: thin wrappers over ``services``.

Keyword-only job ids; the job is re-read and the task returns if it is gone or not in
the state the task expects, so a redelivered task does nothing twice (the import itself
is one transaction: a crash leaves nothing half-imported and the job ``failed``).
Importing 10,000 rows takes minutes (bench/README.md), hence the longer time limits.
"""

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.utils.translation import gettext as _

from .models import ImportJob
from .services import finish_job, import_run_commit, import_validate

logger = logging.getLogger(__name__)
S = ImportJob.Status
TIME_LIMIT = 60 * 60
SOFT_TIME_LIMIT = TIME_LIMIT - 60


def _failed(job_id: int, message: str):
    job = ImportJob.objects.filter(pk=job_id).first()
    if job is not None:
        finish_job(job, S.FAILED, message=message)


@shared_task(name="exchange.validate_import", bind=True, time_limit=TIME_LIMIT, soft_time_limit=SOFT_TIME_LIMIT)
def validate_import(self, *, job_id: int) -> str:
    job = ImportJob.objects.filter(pk=job_id).select_related("created_by").first()
    if job is None or job.status not in (S.QUEUED, S.VALIDATING):
        return "skipped"
    try:
        return import_validate(job).status
    except SoftTimeLimitExceeded:
        _failed(job_id, _("검사 시간이 너무 오래 걸려 멈췄습니다. 파일을 나누어 올려 주세요."))
        return S.FAILED
    except Exception:
        logger.exception("exchange.validate_import failed for job %s", job_id)
        _failed(job_id, _("파일을 검사하지 못했습니다. 잠시 뒤 다시 올려 주세요."))
        return S.FAILED


@shared_task(name="exchange.commit_import", bind=True, time_limit=TIME_LIMIT, soft_time_limit=SOFT_TIME_LIMIT)
def commit_import(self, *, job_id: int) -> str:
    job = ImportJob.objects.filter(pk=job_id).select_related("created_by").first()
    if job is None or job.status != S.COMMITTING:
        return "skipped"
    try:
        return import_run_commit(job).status
    except SoftTimeLimitExceeded:
        _failed(
            job_id,
            _("가져오기 시간이 너무 오래 걸려 멈췄습니다. 아무것도 가져오지 않았습니다. 파일을 나누어 올려 주세요."),
        )
        return S.FAILED
    except Exception:
        logger.exception("exchange.commit_import failed for job %s", job_id)
        _failed(job_id, _("가져오지 못했습니다. 아무것도 등록되지 않았습니다. 잠시 뒤 다시 시도해 주세요."))
        return S.FAILED


# --- the ledger (관리대장) bulk update -------------------------------------------------------


def _ledger_failed(job_id: int, message: str):
    from .ledger.updates import _finish
    from .models import LedgerUpdate

    job = LedgerUpdate.objects.filter(pk=job_id).first()
    if job is not None:
        _finish(job, LedgerUpdate.Status.FAILED, message=message)


@shared_task(name="exchange.validate_ledger", bind=True, time_limit=TIME_LIMIT, soft_time_limit=SOFT_TIME_LIMIT)
def validate_ledger(self, *, job_id: int) -> str:
    from .ledger.updates import update_validate
    from .models import LedgerUpdate

    job = LedgerUpdate.objects.filter(pk=job_id).select_related("created_by").first()
    if job is None or job.status not in (LedgerUpdate.Status.QUEUED, LedgerUpdate.Status.VALIDATING):
        return "skipped"
    try:
        return update_validate(job).status
    except SoftTimeLimitExceeded:
        _ledger_failed(
            job_id, _("검사 시간이 너무 오래 걸려 멈췄습니다. 조건을 좁혀 내려받은 파일로 나누어 올려 주세요.")
        )
        return "failed"
    except Exception:
        logger.exception("exchange.validate_ledger failed for job %s", job_id)
        _ledger_failed(job_id, _("파일을 검사하지 못했습니다. 잠시 뒤 다시 올려 주세요."))
        return "failed"


@shared_task(name="exchange.apply_ledger", bind=True, time_limit=TIME_LIMIT, soft_time_limit=SOFT_TIME_LIMIT)
def apply_ledger(self, *, job_id: int) -> str:
    from .ledger.updates import update_run_apply
    from .models import LedgerUpdate

    job = LedgerUpdate.objects.filter(pk=job_id).select_related("created_by").first()
    if job is None or job.status != LedgerUpdate.Status.APPLYING:
        return "skipped"
    try:
        return update_run_apply(job).status
    except SoftTimeLimitExceeded:
        _ledger_failed(
            job_id, _("반영 시간이 너무 오래 걸려 멈췄습니다. 아무것도 바꾸지 않았습니다. 나누어 올려 주세요.")
        )
        return "failed"
    except Exception:
        logger.exception("exchange.apply_ledger failed for job %s", job_id)
        _ledger_failed(job_id, _("반영하지 못했습니다. 아무것도 바뀌지 않았습니다. 잠시 뒤 다시 시도해 주세요."))
        return "failed"


@shared_task(name="exchange.submit_import", bind=True, time_limit=TIME_LIMIT, soft_time_limit=SOFT_TIME_LIMIT)
def submit_import(self, *, job_id: int) -> str:
    from .submitting import _finish, import_run_submit

    job = ImportJob.objects.filter(pk=job_id).select_related("created_by").first()
    if job is None or job.status != S.SUBMITTING:
        return "skipped"
    try:
        return import_run_submit(job).status
    except Exception:
        logger.exception("exchange.submit_import failed for job %s", job_id)
        _finish(job, _("제출하지 못했습니다. 아무것도 제출되지 않았습니다. 잠시 뒤 다시 시도해 주세요."))
        return "failed"


# --- the ledger (관리대장) written by a worker -------------------------------------------------


@shared_task(name="exchange.export_ledger", bind=True, time_limit=TIME_LIMIT, soft_time_limit=SOFT_TIME_LIMIT)
def export_ledger(self, *, job_id: int) -> str:
    from .ledger.exports import export_failed, export_run
    from .models import LedgerExport

    job = LedgerExport.objects.filter(pk=job_id).select_related("created_by").first()
    if job is None or job.status != LedgerExport.Status.QUEUED:
        return "skipped"
    try:
        return export_run(job).status
    except SoftTimeLimitExceeded:
        export_failed(job_id, _("파일을 만드는 시간이 너무 오래 걸려 멈췄습니다. 조건을 좁혀 다시 요청해 주세요."))
        return "failed"
    except Exception:
        logger.exception("exchange.export_ledger failed for job %s", job_id)
        export_failed(job_id, _("파일을 만들지 못했습니다. 잠시 뒤 다시 요청해 주세요."))
        return "failed"


@shared_task(name="exchange.expire_exports")
def expire_exports() -> int:
    """Hourly (settings.CELERY_BEAT_SCHEDULE): delete ledger files kept past their time."""
    from .ledger.exports import export_expire

    return export_expire()
