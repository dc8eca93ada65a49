"""The site's menu: the public sections as one row of main-menu links, and every page of
a person's own work under one "내 업무" group, so the main menu stays one row whatever
roles someone holds (the header and the 전체메뉴 drawer read the same lists)."""

import dataclasses

from django.urls import reverse
from django.utils.translation import pgettext

from apps.meetings.templatetags.meeting_tags import nav_links as meeting_links
from apps.proposals.views import queue_links


@dataclasses.dataclass(frozen=True)
class MenuItem:
    url: str
    label: str
    current: str = ""  # aria-current: "page" on the page, "true" inside its section


def _current(path: str, url: str, *, exact: bool = False) -> str:
    if path == url:
        return "page"
    if not exact and url != "/" and path.startswith(url):
        return "true"
    return ""


def public_sections() -> list[tuple[str, str]]:
    """(url, label) of what everyone may browse. Short menu labels ("menu" context) keep
    the English row as narrow as the Korean one."""
    return [
        (reverse("home"), pgettext("menu", "홈")),
        (reverse("body-list"), pgettext("menu", "기구 안내")),
        (reverse("region-list"), pgettext("menu", "지역 현황")),
        (reverse("portal-proposal-list"), pgettext("menu", "공개 건의과제")),
        (reverse("portal-stats"), pgettext("menu", "통계·지도")),
        (reverse("meeting-list"), pgettext("menu", "회의·일정")),
        (reverse("forum-home"), pgettext("menu", "포럼")),
    ]


def work_pages(user) -> list[tuple[str, str]]:
    """(url, label) of the pages of this person's own work, each allowed by its rule."""
    if user is None or not user.is_authenticated:
        return []
    pages = [(reverse("my-work"), pgettext("menu", "내 할 일"))]
    pages += [(reverse(name), label) for name, label in queue_links(user)]
    public = {reverse("meeting-list"), reverse("forum-home")}
    pages += [(reverse(name), label) for name, label in meeting_links(user) if reverse(name) not in public]
    return pages


def site_menu(request) -> dict:
    """``main``: the public sections; ``work``: the person's pages (empty when signed
    out); ``work_current``: whether the page shown is one of them."""
    path = getattr(request, "path", "") or ""
    user = getattr(request, "user", None)
    forum = reverse("forum-home")
    main = []
    for url, label in public_sections():
        current = _current(path, url, exact=url == reverse("home"))
        if url == reverse("meeting-list") and path.startswith(forum):
            current = ""
        main.append(MenuItem(url, label, current))
    work = [MenuItem(url, label, _current(path, url)) for url, label in work_pages(user)]
    # Only the most specific page of the group is current (건의과제 contains its queues).
    exact = [item for item in work if item.current == "page"]
    if exact:
        work = [item if item in exact else dataclasses.replace(item, current="") for item in work]
    else:
        inside = [item for item in work if item.current]
        longest = max(inside, key=lambda item: len(item.url)) if inside else None
        work = [item if item is longest else dataclasses.replace(item, current="") for item in work]
    return {"main": main, "work": work, "work_current": any(item.current for item in work)}
