"""Template helpers of the public portal."""

from django import template
from django.utils.translation import gettext_lazy as _

from apps.proposals.forms import ACTION_LABELS
from apps.proposals.models import Outcome

register = template.Library()

# How the public timeline names what happened (the staff labels speak to staff).
PUBLIC_EVENT_LABELS = {
    "endorse": _("접수(부지사 확인)"),
    "assign": _("소관부서 배정"),
    "reassign": _("소관부서 재배정"),
    "decide": _("검토결과 결정"),
    "start_followup": _("후속 추진 시작"),
    "update_followup": _("추진상황 갱신"),
    "complete": _("추진 완료"),
    "refer": _("타부처 이관"),
    "merge": _("다른 과제에 병합"),
    "withdraw": _("철회"),
    "appeal": _("지역의 재검토요청"),
    "uphold": _("원결정 유지"),
    "reopen": _("재검토 개시"),
    "rereview": _("중장기검토 재검토"),
}

DETAIL_LABELS = {
    "outcome": _("검토결과"),
    "decision_summary": _("검토결과 요지"),
    "planned_for": _("추진 예정일"),
    "ministry": _("이관 부처"),
    "into_reference": _("병합 대상"),
    "progress": _("추진률"),
}

OUTCOME_BADGES = {
    Outcome.ACCEPTED: "bg-light-success",
    Outcome.PARTIALLY_ACCEPTED: "bg-light-primary",
    Outcome.LONG_TERM: "bg-light-warning",
    Outcome.NOT_ACCEPTED: "bg-light-gray",
}


@register.filter
def event_label(action: str) -> str:
    label = PUBLIC_EVENT_LABELS.get(action) or ACTION_LABELS.get(action)
    return str(label) if label else action


@register.filter
def outcome_badge(outcome: str) -> str:
    return OUTCOME_BADGES.get(outcome, "bg-light-gray")


@register.filter
def public_details(details: dict) -> list[tuple[str, str]]:
    """A public event's details as (label, value) rows, in a fixed order."""
    rows = []
    for key, label in DETAIL_LABELS.items():
        if key not in details or details[key] in (None, ""):
            continue
        value = details[key]
        if key == "outcome" and value in Outcome.values:
            value = Outcome(value).label
        elif key == "progress":
            value = f"{value}%"
        rows.append((str(label), str(value)))
    return rows


@register.filter
def percent(value) -> str:
    return "—" if value is None else f"{value:g}%"


@register.filter
def days(value) -> str:
    return "—" if value is None else f"{value:g}"
