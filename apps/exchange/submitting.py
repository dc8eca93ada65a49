"""Submitting the drafts of one import together (issue 18, item 4).

Imported proposals arrive as drafts; instead of opening each one, the person who
imported them submits those still drafts in one go. Each goes through the registry's
``submit`` (``proposal_fire``: the rule on the row, its event, the vice-governor's
notification), so the vice-governor's endorsement still applies to every one. All are
submitted in one transaction, or none.
"""

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.proposals.models import Proposal, ProposalStatus
from apps.proposals.services import TransitionConflict, proposal_fire

from .jobs import enqueue_after_commit
from .models import ImportJob

S = ImportJob.Status
PROGRESS_EVERY = 50


def progress_key(job_id: int) -> str:
    return f"exchange:import:{job_id}:submitted"


def drafts_of(job: ImportJob):
    """The job's proposals that are still drafts, in reference order."""
    return Proposal.objects.filter(pk__in=job.created_ids, status=ProposalStatus.DRAFT).order_by("pk")


def import_submit(*, job: ImportJob, actor) -> ImportJob:
    """Queue submitting the job's remaining drafts (its owner only)."""
    if job.created_by_id != actor.pk:
        raise PermissionDenied(_("자신이 가져온 과제만 한꺼번에 제출할 수 있습니다."))
    if not actor.has_perm("exchange.import_proposals"):
        raise PermissionDenied(_("건의과제를 제출할 권한이 없습니다."))
    if job.status != S.DONE or not drafts_of(job).exists():
        raise ValidationError(_("제출할 작성중 과제가 없습니다. 화면을 새로 고쳐 주세요."))
    with transaction.atomic():
        if not ImportJob.objects.filter(pk=job.pk, status=S.DONE).update(
            status=S.SUBMITTING, updated_at=timezone.now()
        ):
            raise ValidationError(_("이미 제출을 시작했습니다. 화면을 새로 고쳐 주세요."))
        from .tasks import submit_import

        enqueue_after_commit(
            submit_import,
            job,
            fallback_status=S.DONE,
            message=_("제출을 시작하지 못했습니다(작업 대기열 연결 실패). 잠시 뒤 다시 눌러 주세요."),
        )
    job.refresh_from_db()
    return job


def _finish(job, message, submitted=0):
    ImportJob.objects.filter(pk=job.pk).update(
        status=S.DONE, message=str(message), submitted_count=job.submitted_count + submitted, updated_at=timezone.now()
    )
    job.refresh_from_db()
    return job


def import_run_submit(job: ImportJob) -> ImportJob:
    """Submit every remaining draft of ``job`` as its owner (the task's body)."""
    if job.status != S.SUBMITTING:
        return job
    key, count = progress_key(job.pk), 0
    try:
        with transaction.atomic():
            for proposal in drafts_of(job):
                proposal_fire(
                    proposal=proposal, actor=job.created_by, action="submit", expected_status=ProposalStatus.DRAFT
                )
                count += 1
                if count % PROGRESS_EVERY == 0:
                    cache.set(key, count, 3600)
    except (PermissionDenied, Http404, TransitionConflict, ValidationError) as failure:
        detail = " ".join(failure.messages) if isinstance(failure, ValidationError) else str(failure)
        return _finish(job, _("제출하지 못해 아무것도 제출하지 않았습니다: %(detail)s") % {"detail": detail})
    finally:
        cache.delete(key)
    return _finish(
        job,
        _("작성중 과제 %(count)s건을 제출했습니다. 부지사 확인을 거쳐 접수됩니다.") % {"count": f"{count:,}"},
        submitted=count,
    )


def submit_progress(job: ImportJob) -> int:
    return cache.get(progress_key(job.pk), 0) if job.status == S.SUBMITTING else 0
