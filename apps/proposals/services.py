"""Writes to proposals. One entry point per transition of DESIGN.md §3; each checks the
permission rule, locks the row, moves the state, saves, writes one immutable event and
announces it after commit — all in one transaction, so nothing is ever half-written.
"""

import dataclasses
import datetime
from collections.abc import Callable

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.dispatch import Signal
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import ConcurrentTransition, can_proceed

from apps.core.business_days import add_business_days, business_days_between
from apps.organisations.models import Department, PartnerOrganisation, Region

from .models import OPEN_STATUSES, Consultation, Outcome, Proposal, ProposalEvent, ReferenceCounter, ServiceLevel
from .models import ProposalStatus as S
from .reference import DEFAULT_SERVICE_LEVELS

# Sent after commit for every event; notifications subscribe to it.
proposal_event_recorded = Signal()
# Sent inside the transaction, right after the event row is written (sender=ProposalEvent,
# event=the ProposalEvent): receivers write their own rows atomically with the event
# (the notifications outbox). A receiver that raises rolls the whole action back.
proposal_event_created = Signal()

# Events the public timeline shows (DESIGN.md §6): what happened, never internal notes.
PUBLIC_ACTIONS = frozenset(
    {"endorse", "assign", "reassign", "decide", "start_followup", "update_followup", "complete", "refer", "merge",
     "withdraw", "appeal", "uphold", "reopen", "rereview"}
)  # fmt: skip


class TransitionConflict(Exception):
    """The action is not possible from the proposal's current state, or another person
    changed the proposal first (HTTP 409)."""


SERVICE_LEVELS_CACHE_KEY = "proposals:service-levels"


def service_days(stage: str) -> int:
    """Business days allowed for ``stage``, as operators set them (cached; saving a level
    clears the cache)."""
    levels = cache.get(SERVICE_LEVELS_CACHE_KEY)
    if levels is None:
        levels = dict(ServiceLevel.objects.values_list("stage", "business_days"))
        cache.set(SERVICE_LEVELS_CACHE_KEY, levels, 300)
    return levels.get(stage, DEFAULT_SERVICE_LEVELS[stage])


def local_today() -> datetime.date:
    return timezone.localdate()


def _ensure_may(actor, permission: str, proposal: Proposal | None = None):
    """404 when the actor may not even see the proposal (never reveal it), else 403."""
    if proposal is not None and not actor.has_perm("proposals.view_proposal", proposal):
        raise Http404
    if not actor.has_perm(permission, proposal):
        raise PermissionDenied(_("이 작업을 할 권한이 없습니다."))


def _next_reference(region: Region, year: int) -> str:
    counter, _created = ReferenceCounter.objects.select_for_update().get_or_create(year=year, region=region)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{year}-{region.code}-{counter.last:04d}"


def record_event(*, proposal, actor, action, from_status=None, to_status=None, note="", payload=None) -> ProposalEvent:
    """One timeline line. An action that keeps the state records it as both from and to."""
    event = ProposalEvent.objects.create(
        proposal=proposal,
        actor=actor,
        action=action,
        from_status=proposal.status if from_status is None else from_status,
        to_status=proposal.status if to_status is None else to_status,
        note=note,
        payload=payload or {},
        is_public=action in PUBLIC_ACTIONS,
    )
    proposal_event_created.send(sender=ProposalEvent, event=event)
    transaction.on_commit(
        lambda: proposal_event_recorded.send(sender=ProposalEvent, event_id=event.pk, proposal_id=proposal.pk)
    )
    return event


EDITABLE_FIELDS = (
    "title", "summary", "body", "category", "requested_action", "related_laws", "budget_estimate", "location",
    "is_public",
)  # fmt: skip


@transaction.atomic
def proposal_create(*, actor, region: Region, strategies=(), **fields) -> Proposal:
    """A new draft of ``region``, numbered year-region-serial."""
    if not actor.has_perm("proposals.add_proposal") or not actor.has_perm(
        "proposals.change_proposal", Proposal(region=region)
    ):
        raise PermissionDenied(_("이 지역의 건의과제를 작성할 권한이 없습니다."))
    proposal = Proposal(region=region, created_by=actor, **{k: v for k, v in fields.items() if k in EDITABLE_FIELDS})
    proposal.reference = "pending"
    _validate(proposal, exclude=["reference"])
    proposal.reference = _next_reference(region, local_today().year)
    proposal.save()
    proposal.strategies.set(strategies)
    record_event(proposal=proposal, actor=actor, action="create", from_status="")
    return proposal


@transaction.atomic
def proposal_update(*, proposal: Proposal, actor, strategies=None, **fields) -> Proposal:
    """Edit a draft (or a proposal returned for more information) of one's own region."""
    _ensure_may(actor, "proposals.change_proposal", proposal)
    locked = _lock(proposal)
    if locked.status not in (S.DRAFT, S.INFO_REQUESTED):
        raise TransitionConflict(_("작성중이거나 보완요청 상태인 건의과제만 수정할 수 있습니다."))
    changed = []
    for name, value in fields.items():
        if name in EDITABLE_FIELDS and getattr(locked, name) != value:
            setattr(locked, name, value)
            changed.append(name)
    _validate(locked)
    locked.save()
    if strategies is not None:
        locked.strategies.set(strategies)
        changed.append("strategies")
    if changed:
        record_event(proposal=locked, actor=actor, action="update", payload={"fields": changed})
    return locked


def _validate(proposal: Proposal, exclude=()):
    # The protected FSM field refuses the assignment full_clean makes; only transitions set it.
    proposal.full_clean(exclude=["status", *exclude])


def _lock(proposal: Proposal) -> Proposal:
    return Proposal.objects.select_for_update().get(pk=proposal.pk)


@dataclasses.dataclass(frozen=True)
class Action:
    name: str
    method: str | None  # the FSM transition; None for actions that keep the state
    apply: Callable | None = None  # validates the action's fields and sets them on the proposal
    needs_note: bool = False


def _required(fields: dict, name: str, message: str):
    value = fields.get(name)
    if value in (None, "", []):
        raise ValidationError({name: message})
    return value


def _department(code_or_obj, field: str) -> Department:
    if isinstance(code_or_obj, Department):
        return code_or_obj
    department = Department.objects.filter(code=code_or_obj).first()
    if department is None:
        raise ValidationError({field: _("알 수 없는 부서입니다: %(code)s") % {"code": code_or_obj}})
    return department


def _date(value, field: str) -> datetime.date:
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError as error:
        raise ValidationError({field: _("날짜 형식(YYYY-MM-DD)이 올바르지 않습니다.")}) from error


def _apply_endorse(proposal, actor, fields, now):
    proposal.submitted_at = now
    proposal.due_at = add_business_days(timezone.localdate(now), service_days(ServiceLevel.Stage.TRIAGE))
    return {"due_at": proposal.due_at.isoformat()}


def _apply_request_info(proposal, actor, fields, now):
    proposal.info_requested_at = now
    return {}


def _apply_resubmit(proposal, actor, fields, now):
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
    return {"paused_business_days": waited, "due_at": proposal.due_at.isoformat() if proposal.due_at else None}


def _set_departments(proposal, fields, now):
    lead = _department(_required(fields, "lead_department", _("주관부서를 지정해 주세요.")), "lead_department")
    support = [_department(code, "support_departments") for code in fields.get("support_departments") or []]
    if lead in support:
        raise ValidationError({"support_departments": _("주관부서는 협조부서가 될 수 없습니다.")})
    due = fields.get("due_at")
    due_at = (
        _date(due, "due_at")
        if due
        else add_business_days(timezone.localdate(now), service_days(ServiceLevel.Stage.REVIEW))
    )
    if due_at < timezone.localdate(now):
        raise ValidationError({"due_at": _("처리기한은 오늘 이후여야 합니다.")})
    proposal.lead_department = lead
    proposal.due_at = due_at
    proposal.assigned_at = now
    proposal.extension_used = False
    proposal._pending_support = support
    return {
        "lead_department": lead.code,
        "support_departments": [d.code for d in support],
        "due_at": due_at.isoformat(),
    }


def _apply_assign(proposal, actor, fields, now):
    return _set_departments(proposal, fields, now)


def _apply_reassign(proposal, actor, fields, now):
    previous = proposal.lead_department.code if proposal.lead_department_id else None
    payload = _set_departments(proposal, fields, now)
    return {**payload, "previous_lead_department": previous}


def _apply_decline(proposal, actor, fields, now):
    declined = proposal.lead_department.code if proposal.lead_department_id else None
    proposal.lead_department = None
    proposal._pending_support = []
    proposal.due_at = add_business_days(timezone.localdate(now), service_days(ServiceLevel.Stage.TRIAGE))
    return {"declined_by": declined}


def _apply_decide(proposal, actor, fields, now):
    outcome = _required(fields, "outcome", _("검토결과를 선택해 주세요."))
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("알 수 없는 검토결과입니다: %(value)s") % {"value": outcome}})
    summary = (fields.get("decision_summary") or "").strip()
    if outcome in (Outcome.NOT_ACCEPTED, Outcome.LONG_TERM) and not summary:
        raise ValidationError(
            {"decision_summary": _("수용곤란·중장기검토는 공개 검토결과 요지에 사유를 적어야 합니다.")}
        )
    planned_for = None
    if outcome in (Outcome.ACCEPTED, Outcome.PARTIALLY_ACCEPTED):
        planned_for = _date(_required(fields, "planned_for", _("수용 과제는 추진 예정일이 필요합니다.")), "planned_for")
    proposal.outcome = outcome
    proposal.decision_summary = summary
    proposal.decision_reasons = fields["note"]
    proposal.planned_for = planned_for
    proposal.decided_at = now
    proposal.rereview_at = (
        add_business_days(timezone.localdate(now), service_days(ServiceLevel.Stage.LONG_TERM_REREVIEW))
        if outcome == Outcome.LONG_TERM
        else None
    )
    return {
        "outcome": outcome,
        "decision_summary": summary,
        "planned_for": planned_for.isoformat() if planned_for else None,
        "rereview_at": proposal.rereview_at.isoformat() if proposal.rereview_at else None,
    }


def _apply_start_followup(proposal, actor, fields, now):
    if fields.get("planned_for"):
        proposal.planned_for = _date(fields["planned_for"], "planned_for")
    return {"planned_for": proposal.planned_for.isoformat() if proposal.planned_for else None}


def _progress(fields) -> int:
    value = _required(fields, "progress", _("추진률(0~100)을 입력해 주세요."))
    try:
        progress = int(value)
    except (TypeError, ValueError) as error:
        raise ValidationError({"progress": _("추진률은 0~100 사이의 정수여야 합니다.")}) from error
    if not 0 <= progress <= 100:
        raise ValidationError({"progress": _("추진률은 0~100 사이의 정수여야 합니다.")})
    return progress


def _apply_update_followup(proposal, actor, fields, now):
    if proposal.status != S.IN_PROGRESS:
        raise TransitionConflict(_("추진중인 과제만 추진상황을 갱신할 수 있습니다."))
    proposal.progress = _progress(fields)
    return {"progress": proposal.progress, "milestone": fields.get("milestone", "")}


def _apply_complete(proposal, actor, fields, now):
    proposal.progress = 100
    proposal.completed_at = now
    return {}


def _apply_refer(proposal, actor, fields, now):
    proposal.referred_ministry = _required(fields, "ministry", _("이관할 부처를 입력해 주세요.")).strip()
    return {"ministry": proposal.referred_ministry}


def _apply_merge(proposal, actor, fields, now):
    target_id = _required(fields, "into", _("병합할 건의과제를 지정해 주세요."))
    is_id = isinstance(target_id, int) or (str(target_id).isascii() and str(target_id).isdigit())
    target = Proposal.objects.filter(pk=int(target_id)).first() if is_id and int(target_id) < 2**63 else None
    if target is None or not actor.has_perm("proposals.view_proposal", target):
        raise ValidationError({"into": _("병합할 건의과제를 찾을 수 없습니다.")})
    if target.pk == proposal.pk:
        raise ValidationError({"into": _("자기 자신에게 병합할 수 없습니다.")})
    if target.status not in OPEN_STATUSES:
        raise ValidationError({"into": _("병합 대상은 접수된 진행 중인 건의과제여야 합니다.")})
    proposal.merged_into = target
    return {"into": target.pk, "into_reference": target.reference}


def _restart_review(proposal, now) -> dict:
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
    proposal.due_at = add_business_days(timezone.localdate(now), service_days(ServiceLevel.Stage.REVIEW))
    return {"due_at": proposal.due_at.isoformat()}


def _apply_reopen(proposal, actor, fields, now):
    return _restart_review(proposal, now)


def _apply_appeal(proposal, actor, fields, now):
    proposal.appeal_used = True
    return {}


def _apply_extend(proposal, actor, fields, now):
    if proposal.status not in (S.ASSIGNED, S.IN_REVIEW):
        raise TransitionConflict(_("검토배정·검토중인 과제만 기한을 연장할 수 있습니다."))
    if proposal.extension_used:
        raise TransitionConflict(_("기한 연장은 검토마다 한 번만 할 수 있습니다."))
    due_at = _date(_required(fields, "due_at", _("새 처리기한을 입력해 주세요.")), "due_at")
    if proposal.due_at and due_at <= proposal.due_at:
        raise ValidationError({"due_at": _("새 처리기한은 현재 기한보다 늦어야 합니다.")})
    previous = proposal.due_at
    proposal.due_at = due_at
    proposal.extension_used = True
    return {"due_at": due_at.isoformat(), "previous_due_at": previous.isoformat() if previous else None}


ACTIONS = {
    action.name: action
    for action in [
        Action("submit", "submit"),
        Action("endorse", "endorse", _apply_endorse),
        Action("return", "return_to_draft", needs_note=True),
        Action("request_info", "request_info", _apply_request_info, needs_note=True),
        Action("resubmit", "resubmit", _apply_resubmit),
        Action("assign", "assign", _apply_assign),
        Action("reassign", "reassign", _apply_reassign),
        Action("start_review", "start_review"),
        Action("decline", "decline", _apply_decline, needs_note=True),
        Action("decide", "decide", _apply_decide, needs_note=True),
        Action("start_followup", "start_followup", _apply_start_followup),
        Action("complete", "complete", _apply_complete),
        Action("refer", "refer", _apply_refer),
        Action("merge", "merge", _apply_merge),
        Action("withdraw", "withdraw"),
        Action("appeal", "appeal", _apply_appeal, needs_note=True),
        Action("uphold", "uphold", needs_note=True),
        Action("reopen", "reopen", _apply_reopen),
        Action("extend", None, _apply_extend, needs_note=True),
        Action("update_followup", None, _apply_update_followup),
    ]
}


def can_fire(user, proposal: Proposal, action_name: str) -> bool:
    """Whether the action button should show: the rule allows it and the state permits it."""
    action = ACTIONS.get(action_name)
    if action is None or not user.has_perm(f"proposals.{action_name}_proposal", proposal):
        return False
    if action.method is None:
        return _state_allows_stateless(proposal, action_name)
    return can_proceed(getattr(proposal, action.method))


def _state_allows_stateless(proposal, action_name):
    if action_name == "extend":
        return proposal.status in (S.ASSIGNED, S.IN_REVIEW) and not proposal.extension_used
    return proposal.status == S.IN_PROGRESS


def available_actions(user, proposal: Proposal) -> list[str]:
    return [name for name in ACTIONS if can_fire(user, proposal, name)]


@transaction.atomic
def proposal_fire(
    *, proposal: Proposal, actor, action: str, note: str = "", expected_status: str | None = None, **fields
) -> Proposal:
    """Fire ``action`` on ``proposal`` as ``actor``. Raises Http404 (may not see it),
    PermissionDenied (may see, may not act), ValidationError (bad fields) or
    TransitionConflict (wrong state, or someone else acted first).

    ``expected_status`` is the state the person saw when they chose the action (a page or
    API client loaded earlier); if the proposal has moved on since, that is a conflict."""
    spec = ACTIONS.get(action)
    if spec is None:
        raise Http404
    _ensure_may(actor, f"proposals.{action}_proposal", proposal)
    note = (note or "").strip()
    if spec.needs_note and not note:
        raise ValidationError({"note": _("사유(메모)를 입력해 주세요.")})
    locked = _lock(proposal)
    if locked.status != (expected_status or proposal.status):
        raise TransitionConflict(_("다른 사용자가 먼저 이 건의과제를 처리했습니다. 화면을 새로 고쳐 주세요."))
    from_status = locked.status
    if spec.method is not None and not can_proceed(getattr(locked, spec.method)):
        raise TransitionConflict(
            _("현재 상태(%(status)s)에서는 이 작업을 할 수 없습니다.") % {"status": locked.get_status_display()}
        )
    now = timezone.now()
    fields["note"] = note
    if spec.method is not None:
        getattr(locked, spec.method)()
    # After the transition: its conditions read the state the action is about to change.
    payload = spec.apply(locked, actor, fields, now) if spec.apply else {}
    try:
        locked.save()
    except ConcurrentTransition as error:
        raise TransitionConflict(_("다른 사용자가 먼저 이 건의과제를 처리했습니다.")) from error
    support = getattr(locked, "_pending_support", None)
    if support is not None:
        locked.support_departments.set(support)
    record_event(
        proposal=locked,
        actor=actor,
        action=action,
        from_status=from_status,
        to_status=locked.status,
        note=note,
        payload={k: v for k, v in payload.items() if v not in (None, "", [])},
    )
    return locked


@transaction.atomic
def consultation_request(*, proposal: Proposal, actor, organisation: PartnerOrganisation, question: str, due_at=None):
    _ensure_may(actor, "proposals.consult_proposal", proposal)
    if proposal.status not in (S.ASSIGNED, S.IN_REVIEW):
        raise TransitionConflict(_("검토배정·검토중인 과제에만 자문을 요청할 수 있습니다."))
    due = (
        _date(due_at, "due_at")
        if due_at
        else add_business_days(local_today(), service_days(ServiceLevel.Stage.CONSULTATION))
    )
    if due < local_today():
        raise ValidationError({"due_at": _("회신 기한은 오늘 이후여야 합니다.")})
    consultation = Consultation(
        proposal=proposal, organisation=organisation, question=(question or "").strip(), due_at=due, requested_by=actor
    )
    consultation.full_clean()
    consultation.save()
    record_event(
        proposal=proposal,
        actor=actor,
        action="consult",
        note=consultation.question,
        payload={"consultation": consultation.pk, "organisation": organisation.code, "due_at": due.isoformat()},
    )
    return consultation


@transaction.atomic
def consultation_respond(*, consultation: Consultation, actor, answer: str) -> Consultation:
    if not actor.has_perm("proposals.view_consultation", consultation):
        raise Http404
    if not actor.has_perm("proposals.respond_consultation", consultation):
        raise PermissionDenied(_("자문을 요청받은 기관의 구성원만 회신할 수 있습니다."))
    locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if locked.state != Consultation.State.OPEN:
        raise TransitionConflict(_("이미 회신한 자문입니다."))
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError({"answer": _("회신 내용을 입력해 주세요.")})
    locked.answer, locked.answered_by, locked.answered_at = answer, actor, timezone.now()
    locked.state = Consultation.State.ANSWERED
    locked.save()
    record_event(
        proposal=locked.proposal,
        actor=actor,
        action="consultation_answered",
        note=answer,
        payload={"consultation": locked.pk, "organisation": locked.organisation.code},
    )
    return locked


@transaction.atomic
def proposal_reopen_for_rereview(*, proposal: Proposal, today: datetime.date | None = None) -> Proposal | None:
    """Bring a long_term decision back into review when its re-review date has come.

    Run by the scheduler, not a person: the event has no actor. Returns None when the
    proposal is no longer due (already reopened, or changed meanwhile).
    """
    today = today or local_today()
    locked = _lock(proposal)
    if not (
        locked.status == S.DECIDED
        and locked.outcome == Outcome.LONG_TERM
        and locked.rereview_at
        and locked.rereview_at <= today
    ):
        return None
    from_status = locked.status
    locked.reopen()
    payload = _restart_review(locked, timezone.now())
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
