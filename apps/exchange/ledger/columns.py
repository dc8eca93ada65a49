"""The ledger's columns: header, width, how a proposal's value is read, who reads it and
who may change it.

Who may change a column is the action it feeds (``changes.py`` maps columns to the
registry's actions, whose rules decide per row); ``editor`` here only labels the header
so a person sees which columns are theirs before they type.
"""

import dataclasses
import datetime
from collections.abc import Callable

from django.utils import timezone

from apps.proposals.models import Category, Milestone, Outcome, ProposalStatus
from apps.proposals.selectors import CLOCK_RUNNING

TF, LEAD = "tf", "lead"


@dataclasses.dataclass(frozen=True)
class LedgerColumn:
    key: str
    header: str
    width: int
    value: Callable  # (proposal, context) → the cell's value
    internal: bool = False  # only for readers of the proposal's internal record
    editor: str = ""  # TF or LEAD: whose actions this column feeds
    hidden: bool = False
    choices: str = ""  # the name of a drop-down list (``writer.LISTS``)


def local_date(value):
    return timezone.localtime(value).date() if value else None


def d_day(proposal, today: datetime.date) -> str:
    """ "D-3" before the stage's due date, "D-day" on it, "D+2" after; blank when no stage
    clock runs."""
    if proposal.status not in CLOCK_RUNNING or not proposal.due_at:
        return ""
    days = (proposal.due_at - today).days
    if days == 0:
        return "D-day"
    return f"D-{days}" if days > 0 else f"D+{-days}"


def version_of(proposal) -> str:
    """What "this row as downloaded" means: the row's last save, to the microsecond. An
    upload whose version differs was changed by someone in between (a conflict)."""
    return proposal.updated_at.isoformat(timespec="microseconds")


def milestones_text(proposal, context) -> str:
    """The follow-up plan's milestones (issue 17), one a line: title, planned date, state
    (완료 / 지연 완료 / 지연 / 예정) and the date done — from ``proposal.milestones``, which
    ``selectors.ledger_rows`` prefetches per chunk (no query per row)."""
    states = context.setdefault("labels:milestone_state", labels(Milestone.State.choices))
    lines = []
    for milestone in proposal.milestones.all():
        state = states[milestone.state_on(context["today"])]
        if milestone.done_on:
            state = f"{state} {milestone.done_on.isoformat()}"
        lines.append(f"{milestone.title} ({milestone.planned_for.isoformat()}, {state})")
    return "\n".join(lines)


def new_milestone_note(proposal, context) -> str:
    """The 추진 내용 of a new 추진상황 갱신 (``update_followup``): blank as downloaded; what
    the lead department types is recorded with the progress."""
    return ""


def _departments(proposal, context):
    return ", ".join(sorted(d.code for d in proposal.support_departments.all()))


def _consultations(proposal, context):
    return "; ".join(
        f"{c.organisation.name}({c.get_state_display()}, {c.due_at.isoformat()})" for c in proposal.consultations.all()
    )


def _cluster(proposal, context):
    membership = getattr(proposal, "cluster_membership", None)
    return f"{membership.cluster.label} {membership.cluster.title}" if membership else ""


def labels(choices) -> dict[str, str]:
    """value → label, translated once per export: ``get_FOO_display`` per cell costs more
    than writing the cell (bench/README.md)."""
    return {value: str(label) for value, label in choices}


def _label(field: str, choices):
    def value(proposal, context):
        table = context.setdefault(f"labels:{field}", labels(choices))
        return table.get(getattr(proposal, field), "")

    return value


_status = _label("status", ProposalStatus.choices)


COLUMNS = (
    LedgerColumn("id", "ID", 8, lambda p, c: p.pk, hidden=True),
    LedgerColumn("version", "버전", 10, lambda p, c: version_of(p), hidden=True),
    LedgerColumn("reference", "과제번호", 15, lambda p, c: p.reference),
    LedgerColumn("region", "접수 지역", 10, lambda p, c: p.region.short_name or p.region.name),
    LedgerColumn("current_region", "현재 지역", 10, lambda p, c: c["current_region"](p.region)),
    LedgerColumn("title", "제목", 45, lambda p, c: p.title),
    LedgerColumn("summary", "요약", 60, lambda p, c: p.summary),
    LedgerColumn("category", "분야", 12, _label("category", Category.choices)),
    LedgerColumn("status", "상태", 12, _status),
    LedgerColumn("due_at", "처리기한", 12, lambda p, c: p.due_at, editor=TF),
    LedgerColumn("d_day", "D-day", 8, lambda p, c: d_day(p, c["today"])),
    LedgerColumn(
        "lead_department",
        "주관부서",
        20,
        lambda p, c: p.lead_department.code if p.lead_department_id else "",
        editor=TF,
        choices="departments",
    ),
    LedgerColumn("support_departments", "협조부서", 28, _departments, editor=TF),
    LedgerColumn(
        "outcome",
        "검토결과",
        12,
        _label("outcome", Outcome.choices),
        editor=LEAD,
        choices="outcomes",
    ),
    LedgerColumn("decision_summary", "검토결과 요지(공개)", 50, lambda p, c: p.decision_summary, editor=LEAD),
    LedgerColumn(
        "decision_reasons", "검토 의견(내부)", 50, lambda p, c: p.decision_reasons, internal=True, editor=LEAD
    ),
    LedgerColumn("planned_for", "추진 예정일", 12, lambda p, c: p.planned_for, editor=LEAD),
    LedgerColumn("progress", "추진률(%)", 10, lambda p, c: p.progress, editor=LEAD, choices="progress"),
    LedgerColumn("milestone", "추진 단계", 30, new_milestone_note, editor=LEAD),
    LedgerColumn("milestones", "추진 단계 일정", 50, milestones_text),
    LedgerColumn("consultations", "자문·의견조회", 40, _consultations, internal=True),
    LedgerColumn("cluster", "공통건의", 24, _cluster),
    LedgerColumn("referred_ministry", "이관 부처", 14, lambda p, c: p.referred_ministry),
    LedgerColumn("created_at", "작성일", 12, lambda p, c: local_date(p.created_at)),
    LedgerColumn("submitted_at", "접수일", 12, lambda p, c: local_date(p.submitted_at)),
    LedgerColumn("assigned_at", "배정일", 12, lambda p, c: local_date(p.assigned_at)),
    LedgerColumn("decided_at", "결정일", 12, lambda p, c: local_date(p.decided_at)),
    LedgerColumn("completed_at", "완료일", 12, lambda p, c: local_date(p.completed_at)),
)
BY_KEY = {column.key: column for column in COLUMNS}
EDITABLE = tuple(column.key for column in COLUMNS if column.editor)
EDITOR_MARK = {TF: "[TF]", LEAD: "[주관부서]"}
DATA_SHEET = "관리대장"


def header_text(column: LedgerColumn) -> str:
    mark = EDITOR_MARK.get(column.editor)
    return f"{column.header} {mark}" if mark else column.header


def header_key(text) -> str | None:
    """The column a header names, with or without its editor mark."""
    if not isinstance(text, str):
        return None
    normalised = text.replace("\u00a0", " ").strip()
    for mark in EDITOR_MARK.values():
        normalised = normalised.removesuffix(mark).strip()
    for column in COLUMNS:
        if normalised == column.header:
            return column.key
    return None


def columns_for(sees_internal: bool) -> tuple[LedgerColumn, ...]:
    """The columns of one viewer's ledger: the internal ones only for those who may read
    some proposal's internal record (and then per row, ``writer``)."""
    return tuple(column for column in COLUMNS if sees_internal or not column.internal)
