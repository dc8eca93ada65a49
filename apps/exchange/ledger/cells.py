"""The editable cells of a ledger row, read back: each as the value a proposal holds,
so a cell "changed" only when its meaning changed (a date typed as text, codes in
another order, a trailing space are not changes). Bad input is a Korean message."""

import datetime
import re

from django.utils.translation import gettext as _

from apps.core.text import MESSAGE as CONTROL_CHARACTERS
from apps.core.text import has_control_characters
from apps.proposals.models import Outcome

from .columns import BY_KEY

SPLIT = re.compile(r"[,;、\n]+")
DATE_SEPARATORS = re.compile(r"[./]")
OUTCOMES = {str(label): value for value, label in Outcome.choices} | {value: value for value in Outcome.values}


class CellError(ValueError):
    pass


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if has_control_characters(text):
        raise CellError(str(CONTROL_CHARACTERS))
    return text


def _date(value):
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = DATE_SEPARATORS.sub("-", _text(value))
    try:
        parts = [int(part) for part in text.split("-")]
        return datetime.date(*parts) if len(parts) == 3 else _bad_date()
    except ValueError:
        return _bad_date()


def _bad_date():
    raise CellError(_("날짜는 2027-06-30처럼 적어 주세요."))


def _codes(value) -> tuple[str, ...]:
    return tuple(sorted({part.strip() for part in SPLIT.split(_text(value)) if part.strip()}))


def _outcome(value) -> str:
    text = _text(value)
    if text and text not in OUTCOMES:
        raise CellError(
            _("검토결과는 목록(%(choices)s)에서 골라 주세요.")
            % {"choices": ", ".join(str(label) for _v, label in Outcome.choices)}
        )
    return OUTCOMES.get(text, "")


def _progress(value) -> int:
    if value in (None, ""):
        return 0
    try:
        number = float(_text(value).removesuffix("%"))
    except ValueError:
        number = -1.0
    if not number.is_integer() or not 0 <= number <= 100:
        raise CellError(_("추진률은 0~100 사이의 정수여야 합니다."))
    return int(number)


PARSERS = {
    "lead_department": _text,
    "support_departments": _codes,
    "due_at": _date,
    "outcome": _outcome,
    "decision_summary": _text,
    "decision_reasons": _text,
    "planned_for": _date,
    "progress": _progress,
    "milestone": _text,
}


def current(proposal, key: str, context: dict):
    """What the proposal holds now, in the form ``parse`` gives a cell."""
    if key == "support_departments":
        return tuple(sorted(d.code for d in proposal.support_departments.all()))
    if key == "lead_department":
        return proposal.lead_department.code if proposal.lead_department_id else ""
    if key == "milestone":
        return BY_KEY["milestone"].value(proposal, context)
    return getattr(proposal, key) if key != "progress" else int(proposal.progress or 0)


def parse(key: str, value):
    return PARSERS[key](value)


def shown(value) -> str:
    """A value as the diff preview shows it."""
    if value is None:
        return ""
    if isinstance(value, tuple | list):
        return ", ".join(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if value in OUTCOMES.values() and value:
        return str(Outcome(value).label)
    return str(value)
