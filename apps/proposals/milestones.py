"""After the decision: what the ``add_milestone`` and ``update_milestone`` actions do to
the follow-up plan's milestones (추진 단계) and how overall progress is derived from them,
and what ``rate`` (만족도) and ``evaluate`` (성과) record after completion."""

from django.utils import timezone

from .models import Milestone, ResultEvaluation, SatisfactionRating


def iso(value):
    return value.isoformat() if value else None


def derived_progress(proposal) -> int | None:
    """Overall progress from the plan's milestones (each done one counts 100), or None
    when the plan has none (then the progress entered by ``update_followup`` stands)."""
    values = [milestone.effective_progress for milestone in Milestone.objects.filter(proposal=proposal)]
    if not values:
        return None
    return round(sum(values) / len(values))


def _sync_progress(proposal):
    progress = derived_progress(proposal)
    if progress is not None:
        proposal.progress = progress


def _payload(milestone) -> dict:
    return {
        "milestone_id": milestone.pk,
        "milestone_title": milestone.title,
        "milestone_kind": milestone.kind,
        "milestone_planned_for": iso(milestone.planned_for),
        "milestone_done_on": iso(milestone.done_on),
        "progress": milestone.proposal.progress,
    }


def apply_add_milestone(proposal, data, *, actor, now):
    milestone = Milestone(
        proposal=proposal,
        title=data["title"],
        kind=data["kind"],
        department=data.get("department") or proposal.lead_department,
        planned_for=data["planned_for"],
        note=data["note"],
    )
    milestone.full_clean()
    milestone.save()
    _sync_progress(proposal)
    return _payload(milestone)


def apply_update_milestone(proposal, data, *, actor, now):
    milestone = data["milestone"]
    if data.get("done_on") is not None:
        milestone.done_on = data["done_on"]
        milestone.progress = 100
    if data.get("progress") is not None:
        milestone.progress = data["progress"]
    if data["note_given"]:
        milestone.note = data["note"]
    milestone.save()
    _sync_progress(proposal)
    return _payload(milestone)


def milestones_of(proposal):
    return list(Milestone.objects.filter(proposal=proposal).select_related("department"))


def late_milestones(today=None):
    """Milestones not done and past their date, on proposals still followed up."""
    today = today or timezone.localdate()
    return Milestone.objects.filter(done_on__isnull=True, planned_for__lt=today)


def apply_rate(proposal, data, *, actor, now):
    rating = SatisfactionRating.objects.create(
        proposal=proposal, score=data["score"], comment=data["note"], rated_by=actor
    )
    return {"score": rating.score, "comment": rating.comment}


def apply_evaluate(proposal, data, *, actor, now):
    evaluation = ResultEvaluation.objects.create(
        proposal=proposal,
        what_changed=data["note"],
        indicator=data["indicator"],
        value=data["value"],
        source=data["source"],
        evaluated_by=actor,
    )
    return {
        "what_changed": evaluation.what_changed,
        "indicator": evaluation.indicator,
        "value": evaluation.value,
        "source": evaluation.source,
    }
