"""One ledger row → the registry actions it means, checked as the web would check them.

The columns a row changes pick the action (``plan_row``): assignment columns are TF's
``assign`` (a submitted proposal) or ``reassign`` (assigned or in review); decision
columns the lead department's ``decide`` (with ``start_review`` first when review has not
started); progress the ``update_followup`` (with ``start_followup`` first for an accepted
decision). Each action is then asked of the same rule (``proposals.<action>_proposal``),
state machine and typed input as ``proposal_fire`` asks, so a row the person may not
change is an error in Korean — never a silent skip — and nothing of it is applied.
"""

import dataclasses

from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError as InputError

from apps.core.hangul import with_particle
from apps.proposals.models import Outcome, ProposalStatus
from apps.proposals.registry import FIREABLE
from apps.proposals.services.firing import state_allows

from . import cells
from .columns import BY_KEY, EDITABLE, version_of

S = ProposalStatus
ASSIGNMENT = ("lead_department", "support_departments", "due_at")
DECISION = ("outcome", "decision_summary", "decision_reasons", "planned_for")
FOLLOWUP = ("progress", "milestone")
# The ledger column each action input field comes from, for errors.
FIELD_COLUMN = {
    "lead_department": "lead_department",
    "support_departments": "support_departments",
    "due_at": "due_at",
    "outcome": "outcome",
    "decision_summary": "decision_summary",
    "note": "decision_reasons",
    "planned_for": "planned_for",
    "progress": "progress",
    "milestone": "milestone",
}


@dataclasses.dataclass
class RowPlan:
    row: int
    proposal_id: int | None
    reference: str = ""
    version: str = ""
    changes: list = dataclasses.field(default_factory=list)  # [{"column", "header", "before", "after"}]
    actions: list = dataclasses.field(default_factory=list)  # [[action, fields]]
    errors: list = dataclasses.field(default_factory=list)
    conflict: bool = False

    def as_json(self) -> dict:
        return {
            "row": self.row,
            "id": self.proposal_id,
            "reference": self.reference,
            "version": self.version,
            "changes": self.changes,
            "actions": self.actions,
            "errors": self.errors,
            "conflict": self.conflict,
        }


def _iso(value):
    return value.isoformat() if value else None


def _actions(proposal, new: dict, changed: set) -> tuple[list, str | None]:
    """The actions (name, input) the changed columns mean, or why the state refuses them."""
    actions = []
    status = proposal.status
    if changed & set(ASSIGNMENT):
        if status == S.SUBMITTED:
            name = "assign"
        elif status in (S.ASSIGNED, S.IN_REVIEW):
            name = "reassign"
        else:
            return [], _("배정 열(주관부서·협조부서·처리기한)은 접수·검토배정·검토중 상태에서만 바꿀 수 있습니다.")
        fields = {"lead_department": new["lead_department"], "support_departments": list(new["support_departments"])}
        if "due_at" in changed:
            fields["due_at"] = _iso(new["due_at"])
        actions.append([name, fields])
    if changed & set(DECISION):
        if status not in (S.ASSIGNED, S.IN_REVIEW) or actions:
            return [], _("검토결과 열은 검토배정·검토중 상태에서만 바꿀 수 있습니다.")
        if status == S.ASSIGNED:
            actions.append(["start_review", {}])
        actions.append(
            [
                "decide",
                {
                    "outcome": new["outcome"],
                    "decision_summary": new["decision_summary"],
                    "note": new["decision_reasons"],
                    "planned_for": _iso(new["planned_for"]),
                },
            ]
        )
    if changed & set(FOLLOWUP):
        accepted = proposal.outcome in (Outcome.ACCEPTED, Outcome.PARTIALLY_ACCEPTED)
        if actions or not (status == S.IN_PROGRESS or (status == S.DECIDED and accepted)):
            return [], _("추진률·추진 단계는 수용·일부수용으로 결정되어 추진 중인 과제만 바꿀 수 있습니다.")
        if status == S.DECIDED:
            actions.append(["start_followup", {}])
        actions.append(["update_followup", {"progress": new["progress"], "milestone": new["milestone"]}])
    return actions, None


def _check_actions(plan: RowPlan, proposal, actor) -> None:
    """Each action as ``proposal_fire`` would check it: the rule, the state, the input."""
    now = timezone.now()
    for position, (name, fields) in enumerate(plan.actions):
        spec = FIREABLE[name]
        if not actor.has_perm(spec.permission, proposal):
            plan.errors.append(
                _("이 과제의 %(columns)s 바꿀 권한이 없습니다(%(who)s만 바꿀 수 있습니다).")
                % {
                    "columns": with_particle(", ".join(c["header"] for c in plan.changes), "을/를"),
                    "who": spec.who or _("권한이 있는 사람"),
                }
            )
            return
        if position == 0 and not state_allows(spec, proposal):
            plan.errors.append(
                str(spec.unmet or _("현재 상태(%(status)s)에서는 바꿀 수 없습니다."))
                % {"status": proposal.get_status_display()}
            )
            return
        serializer = spec.input(data=fields, context={"spec": spec, "proposal": proposal, "actor": actor, "now": now})
        try:
            serializer.is_valid(raise_exception=True)
        except InputError:
            for field, messages in serializer.errors.items():
                header = BY_KEY[FIELD_COLUMN[field]].header if field in FIELD_COLUMN else ""
                for message in messages if isinstance(messages, list) else [messages]:
                    plan.errors.append(f"‘{header}’: {message}" if header else str(message))


def plan_row(number: int, values: dict, proposal, actor, context: dict) -> RowPlan:
    """What one row asks of ``proposal`` (None: not found or not visible to ``actor``)."""
    plan = RowPlan(row=number, proposal_id=getattr(proposal, "pk", None), reference=str(values.get("reference") or ""))
    if proposal is None:
        plan.errors.append(_("과제를 찾을 수 없습니다. ID 열(숨김)을 바꾸지 마세요."))
        return plan
    plan.reference = proposal.reference
    new, changed = {}, set()
    for key in EDITABLE:
        before = cells.current(proposal, key, context)
        if key not in values:
            new[key] = before
            continue
        try:
            new[key] = cells.parse(key, values[key])
        except cells.CellError as error:
            plan.errors.append(f"‘{BY_KEY[key].header}’: {error}")
            new[key] = before
            continue
        if new[key] != before:
            changed.add(key)
            plan.changes.append(
                {
                    "column": key,
                    "header": BY_KEY[key].header,
                    "before": cells.shown(before),
                    "after": cells.shown(new[key]),
                }
            )
    plan.version = str(values.get("version") or "")
    if not changed or plan.errors:
        return plan
    if plan.version != version_of(proposal):
        plan.conflict = True
        plan.errors.append(
            _(
                "내려받은 뒤에 다른 사람이 이 과제를 바꾸었습니다(충돌). 덮어쓰지 "
                "않았습니다. 관리대장을 새로 내려받아 주세요."
            )
        )
        return plan
    actions, refused = _actions(proposal, new, changed)
    if refused:
        plan.errors.append(f"{refused} (현재: {proposal.get_status_display()})")
        return plan
    plan.actions = actions
    _check_actions(plan, proposal, actor)
    if plan.errors:
        plan.actions = []
    return plan
