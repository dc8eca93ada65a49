"""How a timeline entry's payload reads on a page: labelled rows, values in Korean."""

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _

from apps.organisations.models import PartnerOrganisation

from .models import Outcome, Proposal
from .registry import PAYLOAD_LABELS


def _field_label(name: str) -> str:
    try:
        return str(Proposal._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def _value(key, value, organisations: dict) -> str:
    if key == "outcome" and value in Outcome.values:
        return str(Outcome(value).label)
    if key == "organisation":
        return organisations.get(value, value)
    if key == "fields":
        return ", ".join(_field_label(name) for name in value)
    if key == "is_public":
        return _("공개") if value else _("비공개")
    if key == "progress":
        return f"{value}%"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


def payload_rows(action: str, payload: dict, organisations: dict | None = None) -> list[tuple[str, str]]:
    """A payload (already cut to the viewer) as labelled rows; keys that only identify
    something (ids) have no label and no row."""
    rows = []
    for key, value in payload.items():
        if key not in PAYLOAD_LABELS or value in (None, "", []):
            continue
        # A consultation's date is the reply deadline, not the proposal's.
        label = _("회신 기한") if (action, key) == ("consult", "due_at") else PAYLOAD_LABELS[key]
        rows.append((str(label), _value(key, value, organisations or {})))
    return rows


def detail_rows(entries) -> list[dict]:
    """The template rows of a timeline (``timeline.timeline_for``'s entries): each with its
    label, the labelled payload values the viewer may read, and the note if readable."""
    organisations = {}
    if any("organisation" in item.payload for item in entries):
        organisations = dict(PartnerOrganisation.objects.values_list("code", "name"))
    rows = []
    for item in entries:
        details = payload_rows(item.action, item.payload, organisations)
        rows.append(
            {
                "event": item.event,
                "label": item.label,
                "details": details,
                "note": item.note or "",
                "note_hidden": item.note_hidden,
                "payload": item.payload,
            }
        )
    return rows
