"""Periodic proposal work, run by Celery beat (schedule in settings.CELERY_BEAT_SCHEDULE).

Each task is a thin wrapper over services and is idempotent: a redelivery or a second
run the same day finds nothing left to do.
"""

import datetime
import logging

from celery import shared_task
from django.db import OperationalError
from django_fsm import ConcurrentTransition

from .models import Proposal
from .services import TransitionConflict, proposal_reopen_for_rereview, proposals_due_for_rereview

logger = logging.getLogger(__name__)


@shared_task(
    name="proposals.rereview_due",
    bind=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=3,
)
def rereview_due(self, *, today: str | None = None) -> dict:
    """Bring every long_term decision whose re-review date has come back into review.

    ``today`` (ISO date) is for reruns of a missed day; by default, today in Seoul.
    Each proposal is reopened in its own transaction, so one failure does not undo
    the others, and the service re-checks under a row lock, so a proposal reopened by
    a person (or a parallel run) meanwhile is skipped.
    """
    day = datetime.date.fromisoformat(today) if today else None
    reopened = []
    for pk in list(proposals_due_for_rereview(day).order_by("pk").values_list("pk", flat=True)):
        proposal = Proposal.objects.filter(pk=pk).first()
        if proposal is None:
            continue
        try:
            if proposal_reopen_for_rereview(proposal=proposal, today=day) is not None:
                reopened.append(pk)
        except (TransitionConflict, ConcurrentTransition):
            logger.info("proposals.rereview_due: proposal %s changed meanwhile; skipped", pk)
    return {"reopened": reopened}


@shared_task(name="proposals.anchor_events")
def anchor_events() -> dict:
    """Seal the newest event of every proposal (``chain.seal``): once a day is enough to
    catch a removed newest event; nothing is written when nothing happened."""
    from .chain import seal
    from .models import EventAnchor, ProposalEvent

    anchor = seal(EventAnchor, ProposalEvent)
    return {"anchor": anchor.pk if anchor else None}
