"""Template helpers of the public portal."""

from django import template
from django.utils.translation import gettext

from apps.portal import menu
from apps.proposals.display import payload_rows
from apps.proposals.models import Outcome
from apps.proposals.registry import label_of

register = template.Library()

OUTCOME_BADGES = {
    Outcome.ACCEPTED: "bg-light-success",
    Outcome.PARTIALLY_ACCEPTED: "bg-light-primary",
    Outcome.LONG_TERM: "bg-light-warning",
    Outcome.NOT_ACCEPTED: "bg-light-gray",
}


@register.filter
def event_label(action: str) -> str:
    return label_of(action, public=True)


@register.filter
def outcome_badge(outcome: str) -> str:
    return OUTCOME_BADGES.get(outcome, "bg-light-gray")


@register.filter
def public_details(row: dict) -> list[tuple[str, str]]:
    """A public timeline row's details (its payload, cut to the public) as (label, value)."""
    return payload_rows(row["event"].action, row["details"])


@register.filter
def percent(value) -> str:
    return "—" if value is None else f"{value:g}%"


@register.filter
def rate_of(row) -> str:
    """An acceptance rate with the counts it is made of ("100% (1/1)"), and 결정 없음 when
    nothing was decided — so 0 of 3 (0%) never looks like no decision at all."""
    decided = row.get("decided") or 0
    if not decided or row.get("acceptance_rate") is None:
        return gettext("결정 없음")
    return f"{row['acceptance_rate']:g}% ({row.get('accepted') or 0:,}/{decided:,})"


@register.filter
def days(value) -> str:
    return "—" if value is None else f"{value:g}"


@register.simple_tag
def site_menu(request) -> dict:
    """The header's main menu and 내 업무 group (``apps/portal/menu.py``)."""
    return menu.site_menu(request)
