"""What the exchange's jobs (``models.Job``) share: accepting an uploaded workbook,
queueing a job's task once its row is committed, progress counted in the cache while a
job runs inside a transaction, and letting go of a finished job's file.

``services`` (the import), ``submitting``, ``ledger.updates`` and ``ledger.exports`` use
these, each with its own model, statuses and messages.
"""

import hashlib
import logging

from django.core.cache import cache
from django.db import transaction
from django.utils.translation import gettext as _

from .safety import ImportRefused, check_package

logger = logging.getLogger(__name__)
PROGRESS_EVERY = 100
BROKER_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}


def sha256_of(fileobj) -> str:
    digest = hashlib.sha256()
    fileobj.seek(0)
    for chunk in iter(lambda: fileobj.read(1024 * 1024), b""):
        digest.update(chunk)
    fileobj.seek(0)
    return digest.hexdigest()


def checked_upload(upload) -> tuple[str, str]:
    """``(name, sha256)`` of an uploaded workbook that is a sane .xlsx; ``ImportRefused``
    (nothing stored) otherwise."""
    name = (getattr(upload, "name", "") or "").strip()
    if not name.lower().endswith(".xlsx"):
        raise ImportRefused(_("엑셀 통합 문서(.xlsx) 파일만 올릴 수 있습니다."))
    check_package(upload, upload.size)
    return name[:255], sha256_of(upload)


def enqueue_after_commit(task, job, *, fallback_status: str, message: str):
    """Queue ``task`` for ``job`` once the job's row is committed. If the broker cannot be
    reached, the job does not wait forever: it goes to ``fallback_status`` with ``message``."""
    from apps.notifications.tasks import BROKER_ERRORS

    model, job_id = type(job), job.pk

    def enqueue():
        try:
            task.apply_async(kwargs={"job_id": job_id}, retry_policy=BROKER_RETRY_POLICY)
        except BROKER_ERRORS:
            logger.warning("broker unavailable: %s for %s %s not queued", task.name, model.__name__, job_id)
            model.objects.filter(pk=job_id).update(status=fallback_status, message=str(message))

    transaction.on_commit(enqueue)


def progress_key(job, step: str) -> str:
    return f"exchange:{type(job).__name__.lower()}:{job.pk}:{step}:progress"


def count_progress(job, step: str, done: int) -> None:
    """Progress of a step that runs inside one transaction (its row updates are invisible
    to other connections until the end): every ``PROGRESS_EVERY`` rows, in the cache."""
    if done % PROGRESS_EVERY == 0:
        cache.set(progress_key(job, step), done, 3600)


def forget_progress(job, step: str) -> None:
    cache.delete(progress_key(job, step))


def progress_of(job, step: str, running_status: str) -> int:
    """Rows done so far: from the cache while ``step`` runs, else from the row."""
    if job.status == running_status:
        return cache.get(progress_key(job, step), 0)
    return job.processed_rows


def release_file(job) -> None:
    """Forget a finished job's stored file (deleted once the job's save commits)."""
    stored = job.file.name if job.file else ""
    if stored:
        storage = job.file.storage
        job.file = ""
        transaction.on_commit(lambda: storage.delete(stored))
