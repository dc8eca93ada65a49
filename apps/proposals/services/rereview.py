"""Long-term decisions come back for review on schedule (DESIGN.md §3)."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..deadlines import local_today
from ..models import Outcome, Proposal
from ..models import ProposalStatus as S
from ..workflow import restart_review
from .events import record_event
from .firing import lock


@transaction.atomic
def proposal_reopen_for_rereview(*, proposal: Proposal, today: datetime.date | None = None) -> Proposal | None:
    """Bring a long_term decision back into review when its re-review date has come.

    Run by the scheduler, not a person: the event has no actor. Returns None when the
    proposal is no longer due (already reopened, or changed meanwhile).
    """
    today = today or local_today()
    locked = lock(proposal)
    if not (
        locked.status == S.DECIDED
        and locked.outcome == Outcome.LONG_TERM
        and locked.rereview_at
        and locked.rereview_at <= today
    ):
        return None
    from_status = locked.status
    locked.reopen()
    payload = restart_review(locked, now=timezone.now())
    locked.save()
    record_event(
        proposal=locked,
        actor=None,
        action="rereview",
        from_status=from_status,
        to_status=locked.status,
        note=_("중장기검토 재검토 주기가 되어 다시 검토합니다."),
        payload=payload,
    )
    return locked


def proposals_due_for_rereview(today: datetime.date | None = None):
    return Proposal.objects.filter(status=S.DECIDED, outcome=Outcome.LONG_TERM, rereview_at__lte=today or local_today())
