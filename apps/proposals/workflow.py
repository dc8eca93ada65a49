"""What each action does to a proposal's fields, given its validated input.

Each ``apply_<action>(proposal, data, *, actor, now)`` runs after the state machine has
moved the (locked) proposal and before it is saved, sets the fields the action owns and
returns the event's payload. The registry (``registry.py``) names which one each action
uses; ``services.proposal_fire`` calls it.
"""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.business_days import add_business_days, business_days_between

from .deadlines import due_after
from .models import Consultation, Outcome, ServiceLevel

Stage = ServiceLevel.Stage


def iso(value):
    return value.isoformat() if value else None


def apply_endorse(proposal, data, *, actor, now):
    proposal.submitted_at = now
    proposal.due_at = due_after(Stage.TRIAGE, now)
    return {"due_at": iso(proposal.due_at)}


def apply_request_info(proposal, data, *, actor, now):
    proposal.info_requested_at = now
    return {}


def apply_ask_region(proposal, data, *, actor, now):
    # The review clock pauses from now until the region answers (``apply_resubmit``).
    proposal.info_requested_at = now
    return {}


def apply_close_consultation(proposal, data, *, actor, now):
    consultation = data["consultation"]
    consultation.state, consultation.closed_at, consultation.closed_by = Consultation.State.CLOSED, now, actor
    consultation.save()
    consultation.replies.filter(read_at__isnull=True).update(read_at=now)
    return {"consultation": consultation.pk, "organisation": consultation.organisation.code}


def apply_resubmit(proposal, data, *, actor, now):
    # Time spent waiting on the region does not count against the ministry's deadline.
    waited = (
        business_days_between(timezone.localdate(proposal.info_requested_at), timezone.localdate(now))
        if proposal.info_requested_at
        else 0
    )
    proposal.paused_days += waited
    if proposal.due_at:
        proposal.due_at = add_business_days(proposal.due_at, waited)
    proposal.info_requested_at = None
    return {"paused_business_days": waited, "due_at": iso(proposal.due_at)}


def apply_assign(proposal, data, *, actor, now):
    lead, support = data["lead_department"], data["support_departments"]
    proposal.lead_department = lead
    proposal.due_at = data.get("due_at") or due_after(Stage.REVIEW, now)
    proposal.assigned_at = now
    proposal.extension_used = False
    proposal.pending_support_departments = support
    return {
        "lead_department": lead.code,
        "support_departments": [department.code for department in support],
        "due_at": iso(proposal.due_at),
    }


def apply_reassign(proposal, data, *, actor, now):
    previous = proposal.lead_department.code if proposal.lead_department_id else None
    return {**apply_assign(proposal, data, actor=actor, now=now), "previous_lead_department": previous}


def apply_decline(proposal, data, *, actor, now):
    declined = proposal.lead_department.code if proposal.lead_department_id else None
    proposal.lead_department = None
    proposal.pending_support_departments = []
    proposal.due_at = due_after(Stage.TRIAGE, now)
    return {"declined_by": declined}


def apply_decide(proposal, data, *, actor, now):
    outcome = data["outcome"]
    proposal.outcome = outcome
    proposal.decision_summary = data["decision_summary"]
    proposal.decision_reasons = data["note"]
    proposal.planned_for = data["planned_for"]
    proposal.decided_at = now
    proposal.rereview_at = due_after(Stage.LONG_TERM_REREVIEW, now) if outcome == Outcome.LONG_TERM else None
    return {
        "outcome": outcome,
        "decision_summary": proposal.decision_summary,
        "planned_for": iso(proposal.planned_for),
        "rereview_at": iso(proposal.rereview_at),
        "appeal_until": iso(proposal.appeal_deadline),
    }


def apply_start_followup(proposal, data, *, actor, now):
    if data.get("planned_for"):
        proposal.planned_for = data["planned_for"]
    return {"planned_for": iso(proposal.planned_for)}


def apply_update_followup(proposal, data, *, actor, now):
    proposal.progress = data["progress"]
    return {"progress": proposal.progress, "milestone": data.get("milestone") or ""}


def apply_complete(proposal, data, *, actor, now):
    proposal.progress = 100
    proposal.completed_at = now
    return {}


def apply_refer(proposal, data, *, actor, now):
    proposal.referred_ministry = data["ministry"].strip()
    return {"ministry": proposal.referred_ministry}


def apply_merge(proposal, data, *, actor, now):
    target = data["into"]
    proposal.merged_into = target
    return {"into": target.pk, "into_reference": target.reference}


def restart_review(proposal, *, now) -> dict:
    """A decision taken back into review: a fresh review clock, no standing outcome (the
    earlier decision stays on the timeline)."""
    proposal.outcome = ""
    proposal.decision_summary = ""
    proposal.decision_reasons = ""
    proposal.decided_at = None
    proposal.planned_for = None
    proposal.rereview_at = None
    proposal.assigned_at = now
    proposal.extension_used = False
    proposal.due_at = due_after(Stage.REVIEW, now)
    return {"due_at": iso(proposal.due_at)}


def apply_reopen(proposal, data, *, actor, now):
    return restart_review(proposal, now=now)


def apply_appeal(proposal, data, *, actor, now):
    proposal.appeal_used = True
    return {}


def appeal_refusal(proposal) -> str:
    """Why an appeal is refused on a decided proposal: used once, or its window closed."""
    if proposal.appeal_used:
        return _("재검토요청은 결정마다 한 번만 할 수 있습니다.")
    return _("재검토요청 기간이 지났습니다. 결정 통보 후 %(days)s일(%(date)s)까지 요청할 수 있습니다.") % {
        "days": settings.APPEAL_WINDOW_DAYS,
        "date": proposal.appeal_deadline.isoformat() if proposal.appeal_deadline else "-",
    }


def apply_uphold(proposal, data, *, actor, now):
    return {"reasons": data["note"]}


def apply_extend(proposal, data, *, actor, now):
    previous = proposal.due_at
    proposal.due_at = data["due_at"]
    proposal.extension_used = True
    return {"due_at": iso(proposal.due_at), "previous_due_at": iso(previous)}


def apply_consult(proposal, data, *, actor, now):
    due = data.get("due_at") or due_after(Stage.CONSULTATION, now)
    consultation = Consultation(
        proposal=proposal, organisation=data["organisation"], question=data["question"], due_at=due, requested_by=actor
    )
    consultation.full_clean()
    consultation.save()
    return {"consultation": consultation.pk, "organisation": data["organisation"].code, "due_at": iso(due)}
