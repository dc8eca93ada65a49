"""Template helpers for the meeting and forum pages, and their menu entries."""

from django import template
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils.translation import gettext as _

from .. import selectors
from ..services import when_text
from ..views.page import STATUS_BADGES

register = template.Library()


@register.filter
def meeting_when(meeting) -> str:
    """2026-09-10(목) 14:00~16:00"""
    return when_text(meeting)


@register.filter
def meeting_badge(status: str) -> str:
    return STATUS_BADGES.get(status, "outline-gray")


def nav_links(user) -> list[tuple[str, str]]:
    """The meeting and forum pages for the main menu, as (url name, Korean label).

    회의·일정 and 포럼 are open to everyone (public meetings and topics); the moderation
    queue is for the moderators (TF, operators)."""
    links = [("meeting-list", _("회의·일정")), ("forum-home", _("포럼"))]
    if user is not None and user.is_authenticated and user.has_perm("comments.moderate_comments"):
        links.append(("comment-moderation", _("댓글 신고 관리")))
    return links


@register.simple_tag
def meeting_nav_items(request) -> list[dict]:
    """Menu entries with their ``aria-current`` (``page`` on the page, ``true`` inside its section)."""
    path = getattr(request, "path", "") or ""
    user = getattr(request, "user", None)
    forum = reverse("forum-home")
    items = []
    for name, label in nav_links(user):
        url = reverse(name)
        current = "page" if path == url else ""
        if not current and path.startswith(url) and not (name == "meeting-list" and path.startswith(forum)):
            current = "true"
        items.append({"url": url, "label": label, "current": current})
    return items


@register.inclusion_tag("meetings/_subnav.html", takes_context=True)
def meetings_subnav(context):
    request = context["request"]
    path = request.path
    links = [
        (reverse("meeting-list"), _("회의 목록")),
        (reverse("meeting-calendar"), _("회의 달력")),
        (reverse("forum-home"), _("포럼 의제·권고")),
    ]
    if request.user.is_authenticated:
        links.append((reverse("meeting-feeds"), _("일정 구독(iCal)")))
    return {"links": [{"url": url, "label": label, "current": path == url} for url, label in links]}


@register.inclusion_tag("meetings/_proposal_discussions.html", takes_context=True)
def proposal_discussions(context, proposal, public: bool = False):
    """The council and forum section of a proposal page; ``public`` renders what anyone
    may see (the cached public page has no request)."""
    request = context.get("request")
    user = AnonymousUser() if public or request is None else request.user
    return {**selectors.proposal_discussions(user, proposal), "public": public}
