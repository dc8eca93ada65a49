"""Template helpers for the proposal pages: Korean labels, badges, markdown, the menu."""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from apps.core.markdown import render_markdown

from ..registry import label_of
from ..views import queue_links, status_badge_class

register = template.Library()


@register.filter
def action_label(name: str) -> str:
    """The Korean name of an action or event (확인 for endorse …)."""
    return label_of(name)


@register.simple_tag
def status_badge(proposal) -> str:
    """The state as a KRDS badge (a tag, not an include: lists show one per row)."""
    badge = status_badge_class(proposal.status)
    return format_html('<span class="krds-badge {}">{}</span>', badge, proposal.get_status_display())


@register.filter
def markdown(text: str) -> str:
    # render_markdown sanitises with nh3 (an allow-list), so the result is safe to insert.
    return mark_safe(render_markdown(text))  # noqa: S308


@register.simple_tag
def proposal_nav_items(request) -> list[dict]:
    """The 건의과제 menu entries this person may use, each with its ``aria-current``."""
    user = getattr(request, "user", None)
    if user is None:
        return []
    path = getattr(request, "path", "")
    items = [{"url": reverse(name), "label": label, "current": ""} for name, label in queue_links(user)]
    exact = [item for item in items if item["url"] == path]
    if exact:
        exact[0]["current"] = "page"
    elif items and items[0]["url"] == reverse("proposal-list") and path.startswith(items[0]["url"]):
        # A proposal's own pages sit in the 건의과제 section.
        items[0]["current"] = "true"
    return items
