"""@mentions of people by name, never by login ID.

The comment form suggests people as one types a name (``candidates``: only people who
may see the comment being written, by the comment rules), and the chosen person is
stored in the text as a link to the person — ``@[홍길동](person:42)`` — so a renamed or
moved person is shown as they are now. Pages show a mention as the person's current
name and organisation (``render``); older comments that mention a login ID
(``@vg-51``) are shown the same way, and an unknown ``@word`` stays as written.
"""

import re

from django.db.models import Q
from django.utils.html import format_html
from django.utils.translation import gettext as _

from apps.accounts.models import User

TOKEN = re.compile(r"@\[([^\]\n]{1,120})\]\(person:(\d{1,18})\)")
# Older mentions by login ID (letters, digits and @ . + - _), ending before trailing dots.
LOGIN_ID = re.compile(r"(?<![\w@./+\-\[])@([\w.+-]{1,150})")
SUGGESTIONS = 8
CANDIDATES = 40  # name matches checked against the rules, at most
MAX_MENTIONS = 20
_SLOT = "\ue000{}\ue001"  # private-use marks: survive Markdown and the sanitiser as text
_SLOT_PATTERN = re.compile("\ue000(\\d+)\ue001")


def token_for(person) -> str:
    label = " ".join((person.name or _("이름 미등록 사용자")).replace("]", " ").split())
    return f"@[{label}](person:{person.pk})"


def mentioned(text: str) -> tuple[list[int], list[str]]:
    """The person ids and the older login IDs mentioned in ``text`` (at most 20 in all)."""
    ids = list(dict.fromkeys(int(found.group(2)) for found in TOKEN.finditer(text or "")))
    without_tokens = TOKEN.sub(" ", text or "")
    names = [found.group(1).rstrip(".") for found in LOGIN_ID.finditer(without_tokens)]
    names = [name for name in dict.fromkeys(names) if name]
    return ids[:MAX_MENTIONS], names[: max(0, MAX_MENTIONS - len(ids))]


def people_mentioned(texts) -> dict:
    """One query: the people every text mentions, keyed by ``("id", pk)`` and ``("login", id)``."""
    ids, names = set(), set()
    for text in texts:
        found_ids, found_names = mentioned(text)
        ids.update(found_ids)
        names.update(found_names)
    if not ids and not names:
        return {}
    people = {}
    rows = User.objects.filter(Q(pk__in=ids) | Q(username__in=names)).only("pk", "username", "name", "affiliation")
    for person in rows:
        people[("id", person.pk)] = person
        people[("login", person.username)] = person
    return people


def _shown(person) -> str:
    name = person.name or _("이름 미등록 사용자")
    if person.affiliation:
        return format_html(
            '<span class="comment-mention">@{}<span class="comment-meta"> · {}</span></span>', name, person.affiliation
        )
    return format_html('<span class="comment-mention">@{}</span>', name)


def render(text: str, people: dict, render_markdown) -> str:
    """``text`` as safe HTML with each mention shown by name and organisation."""
    slots: list[str] = []

    def slot(html: str) -> str:
        slots.append(html)
        return _SLOT.format(len(slots) - 1)

    def token(found):
        person = people.get(("id", int(found.group(2))))
        return slot(_shown(person)) if person else found.group(1)

    def login_id(found):
        person = people.get(("login", found.group(1).rstrip(".")))
        if person is None:
            return found.group(0)
        return slot(_shown(person)) + found.group(1)[len(found.group(1).rstrip(".")) :]

    text = (text or "").replace("\ue000", "").replace("\ue001", "")
    text = LOGIN_ID.sub(login_id, TOKEN.sub(token, text))
    html = render_markdown(text)
    return _SLOT_PATTERN.sub(lambda found: slots[int(found.group(1))], html)


def candidates(actor, target, visibility: str, query: str) -> list:
    """Up to 8 people whose name (or organisation) starts the typed ``query`` and who may
    see a ``visibility`` comment on ``target`` — nobody else is ever suggested."""
    from .models import TARGET_FIELDS, Comment, target_kind_of

    query = " ".join((query or "").lstrip("@").split())[:60]
    if not query:
        return []
    probe = Comment(author=actor, visibility=visibility, **{TARGET_FIELDS[target_kind_of(target)]: target})
    rows = (
        User.objects.filter(is_active=True)
        .filter(Q(name__icontains=query) | Q(affiliation__icontains=query))
        .exclude(pk=actor.pk)
        .order_by("name", "pk")[:CANDIDATES]
    )
    return [person for person in rows if person.has_perm("comments.view_comment", probe)][:SUGGESTIONS]


def render_text(text: str) -> str:
    """Markdown of one stored text (minutes, a summary) with its mentions shown by name."""
    from apps.core.markdown import render_markdown

    return render(text, people_mentioned([text]), render_markdown)
