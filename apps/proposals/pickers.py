"""Choosing a proposal by typing: its reference (2026-51-0007), its id, or words of its
title, with up to 20 suggestions as one types (htmx fills a ``<datalist>``). A form never
renders every proposal as an option; the choice is checked with the selector on submit."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.ids import parse_id
from apps.similarity.search import text_q

from .models import OPEN_STATUSES, Proposal
from .selectors import proposal_list

REFERENCE = re.compile(r"^\d{4}-\d{2}-\d{4}$")
SUGGESTIONS = 20


def open_proposals(user, exclude=None):
    """Proposals still open that ``user`` sees (what another may be merged into), but
    not ``exclude``: the proposal itself, or the ids of a bulk selection."""
    rows = proposal_list(user).prefetch_related(None).filter(status__in=OPEN_STATUSES)
    if exclude is None:
        return rows
    ids = [exclude] if isinstance(exclude, int) else [pk for pk in exclude if pk is not None]
    return rows.exclude(pk__in=ids) if ids else rows


def suggestions(rows, query: str) -> list[tuple[str, str]]:
    """Up to 20 (reference, "reference title") pairs of ``rows`` matching ``query``."""
    query = (query or "").strip()[:100]
    if not query:
        return []
    if REFERENCE.match(query) or query.replace("-", "").isdigit():
        rows = rows.filter(reference__startswith=query)
    else:
        rows = rows.filter(text_q(query))
    picked = rows.order_by("-submitted_at", "-pk").values_list("reference", "title")[:SUGGESTIONS]
    return [(reference, f"{reference} {title}") for reference, title in picked]


class ReferencePicker(forms.TextInput):
    """A text input that asks for suggestions as one types and offers them in a datalist."""

    template_name = "proposals/widgets/reference_picker.html"

    def __init__(self, suggest_url: str = "", attrs=None):
        self.suggest_url = suggest_url
        defaults = {"class": "krds-input", "autocomplete": "off", "placeholder": "2026-51-0007"}
        super().__init__(attrs={**defaults, **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        widget["suggest_url"] = self.suggest_url
        if self.suggest_url and widget["attrs"].get("id"):
            options = f"{widget['attrs']['id']}-options"
            widget["attrs"].update(
                {
                    "list": options,
                    "hx-get": self.suggest_url,
                    "hx-trigger": "input changed delay:300ms",
                    "hx-target": f"#{options}",
                    "hx-swap": "innerHTML",
                }
            )
        return context


class ProposalReferenceField(forms.CharField):
    """A proposal among ``rows`` by its reference or id; cleaned to the proposal."""

    def __init__(self, *args, rows=None, suggest_url: str = "", **kwargs):
        self.rows = rows
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("widget", ReferencePicker(suggest_url) if suggest_url else ReferencePicker())
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        value = value.strip()
        rows = self.rows if self.rows is not None else Proposal.objects.none()
        if REFERENCE.match(value):
            proposal = rows.filter(reference=value).first()
        elif parse_id(value) is not None:
            proposal = rows.filter(pk=parse_id(value)).first()
        else:
            raise ValidationError(_("과제번호(예: 2026-51-0007)를 입력해 주세요."))
        if proposal is None:
            raise ValidationError(self.error_messages.get("not_found") or _("건의과제를 찾을 수 없습니다."))
        return proposal


def merge_target_field(user, exclude=None, **kwargs) -> ProposalReferenceField:
    url = reverse("proposal-merge-targets") + (f"?exclude={exclude.pk}" if exclude is not None else "")
    return ProposalReferenceField(
        rows=open_proposals(user, exclude.pk if exclude is not None else None),
        suggest_url=url,
        help_text=_("과제번호나 제목의 낱말을 입력하면 병합할 수 있는 과제를 최대 20건 보여 줍니다."),
        **kwargs,
    )
