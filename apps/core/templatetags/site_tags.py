"""Small helpers for the site templates (navigation state, localised names)."""

from django import template
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from apps.core.hangul import with_particle
from apps.core.highlight import mark

register = template.Library()


@register.simple_tag
def nav_current(request, url: str, exact: bool = False) -> str:
    """The ``aria-current`` value for a navigation link to ``url``.

    ``"page"`` on the page itself, ``"true"`` on a page inside its section (e.g. a body's
    page under 기구 안내), ``""`` otherwise. ``exact`` links (홈) only match themselves.
    """
    path = getattr(request, "path", "") or ""
    if path == url:
        return "page"
    if not exact and url != "/" and path.startswith(url):
        return "true"
    return ""


@register.filter
def localized_name(obj, form: str = "") -> str:
    """The row's verified English name (``name_en`` with ``name_en_verified``) when the page is
    in English, else the Korean ``name`` (``|localized_name:"short"``: the Korean
    ``short_name`` where there is one, for tables). Dicts with the same keys work too.

    An English name nobody verified is never shown: the Korean name is (issue 15).
    """
    if obj is None:
        return ""
    get = obj.get if isinstance(obj, dict) else lambda key, default=None: getattr(obj, key, default)
    name_en = get("name_en", "")
    if name_en and get("name_en_verified", True) and (get_language() or "").startswith("en"):
        return name_en
    if form == "short" and get("short_name", ""):
        return get("short_name")
    return get("name", None) or str(obj)


@register.filter
def josa(word, pair: str) -> str:
    """``{{ region.name|josa:"이/가" }}`` → "강원특별자치도가" (the word alone in English)."""
    return with_particle(word, pair)


@register.simple_tag
def dday(due, today=None) -> dict:
    """ "D-3" / "D-day" / "D+2" for a due date, with the words a screen reader says and
    whether it has passed: ``{% dday item.due as d %}``."""
    if not due:
        return {}
    days = (due - (today or timezone.localdate())).days
    if days > 0:
        return {
            "label": f"D-{days}",
            "words": ngettext("%(n)d일 남음", "%(n)d일 남음", days) % {"n": days},
            "state": "ahead",
        }
    if days == 0:
        return {"label": "D-day", "words": _("오늘까지"), "state": "today"}
    return {
        "label": f"D+{-days}",
        "words": ngettext("%(n)d일 지남", "%(n)d일 지남", -days) % {"n": -days},
        "state": "passed",
    }


@register.filter
def highlight(text, terms) -> str:
    """``{{ proposal.title|highlight:search_terms }}``: the found words in ``<mark>``."""
    return mark(text, terms)
