"""The step indicator (접수 → 검토 → 결정 → 추진 → 완료) of a proposal: which steps are
done, which is current, and the current step's due date with its D-day, an extension
shown as such and a paused clock. The staff page and the public page both include
``proposals/_steps.html`` with what ``steps_for`` returns."""

import dataclasses
import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Outcome
from .models import ProposalStatus as S

STEPS = [
    ("received", _("접수")),
    ("review", _("검토")),
    ("decision", _("결정")),
    ("followup", _("추진")),
    ("done", _("완료")),
]
# Which step each status is at; statuses that leave the flow stop at the step they left it.
STEP_OF = {
    S.SUBMITTED: 0, S.INFO_REQUESTED: 0, S.REFERRED: 0, S.MERGED: 0,
    S.ASSIGNED: 1, S.IN_REVIEW: 1, S.RECONSIDERATION: 1,
    S.DECIDED: 2, S.IN_PROGRESS: 3, S.COMPLETED: 4,
}  # fmt: skip


@dataclasses.dataclass(frozen=True)
class Step:
    key: str
    label: str
    state: str  # "done" | "current" | "upcoming"


@dataclasses.dataclass(frozen=True)
class StepIndicator:
    steps: list[Step]
    due_label: str = ""
    due: datetime.date | None = None
    d_day: str = ""  # "D-3", "D-day", "D+2"
    overdue: bool = False
    extended: bool = False
    paused: bool = False
    note: str = ""  # why the flow stopped (referred, merged) or the follow-up ended

    @property
    def current(self) -> Step | None:
        return next((step for step in self.steps if step.state == "current"), None)


def d_day(due: datetime.date, today: datetime.date) -> str:
    days = (due - today).days
    if days == 0:
        return "D-day"
    return f"D-{days}" if days > 0 else f"D+{-days}"


def _due(proposal) -> tuple[str, datetime.date | None]:
    status = proposal.status
    if status in (S.SUBMITTED, S.ASSIGNED, S.IN_REVIEW, S.RECONSIDERATION):
        return str(_("처리기한")), proposal.due_at
    if status == S.DECIDED and proposal.appeal_open and not proposal.appeal_used:
        return str(_("재검토요청 기한")), proposal.appeal_deadline
    if status == S.DECIDED and proposal.outcome == Outcome.LONG_TERM:
        return str(_("재검토 예정일")), proposal.rereview_at
    if status in (S.DECIDED, S.IN_PROGRESS) and proposal.planned_for:
        return str(_("추진 예정일")), proposal.planned_for
    return "", None


def steps_for(proposal, today: datetime.date | None = None) -> StepIndicator | None:
    """None before the ministry received it (drafts) or once withdrawn."""
    if proposal.status not in STEP_OF:
        return None
    today = today or timezone.localdate()
    at = STEP_OF[proposal.status]
    finished = proposal.status == S.COMPLETED
    steps = [
        Step(
            key,
            str(label),
            "done" if index < at or (finished and index == at) else "current" if index == at else "upcoming",
        )
        for index, (key, label) in enumerate(STEPS)
    ]
    note = ""
    if proposal.status == S.REFERRED:
        note = str(_("타부처로 이관되어 국토교통부의 검토를 마쳤습니다."))
    elif proposal.status == S.MERGED:
        note = str(_("다른 건의과제에 병합되어 그 과제와 함께 처리됩니다."))
    elif proposal.status == S.DECIDED and proposal.outcome == Outcome.NOT_ACCEPTED:
        note = str(_("수용곤란으로 결정되어 추진 단계가 없습니다."))
    label, due = _due(proposal) if not note else ("", None)
    paused = proposal.status in (S.INFO_REQUESTED, S.IN_REVIEW) and proposal.info_requested_at is not None
    return StepIndicator(
        steps=steps,
        due_label=label,
        due=due,
        d_day=d_day(due, today) if due else "",
        overdue=bool(due) and due < today and not paused,
        extended=proposal.extension_used and proposal.status in (S.ASSIGNED, S.IN_REVIEW),
        paused=paused,
        note=note,
    )
