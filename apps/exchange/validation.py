"""Checking import rows: every problem of every row, in Korean, by row and column.

``RowChecker`` is built once per file (the reference data and the titles already filed,
one query each) and then checks rows one by one, so a 10,000-row file costs a handful of
queries plus the rows themselves. A row that passes here is one ``proposal_create``
accepts: the same model validation runs (``Proposal.full_clean``).
"""

import dataclasses
import datetime
import decimal
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from apps.accounts.models import Role
from apps.accounts.selectors import user_region_ids
from apps.core.hangul import with_particle
from apps.core.text import MESSAGE as CONTROL_CHARACTERS
from apps.core.text import has_control_characters
from apps.organisations.models import Region
from apps.proposals.models import Category, Proposal, Strategy

from .columns import BY_KEY, COLUMNS, EXAMPLE_MARK, NO, YES

MAX_BIGINT = 2**63 - 1
SPLIT = re.compile(r"[,;/\n]+")
SPACES = re.compile(r"\s+")
ERRORS_KEPT = 1000  # more are counted, not stored


def normalise_title(title: str) -> str:
    return SPACES.sub(" ", title).strip().casefold()


@dataclasses.dataclass
class RowResult:
    number: int
    fields: dict  # proposal_create's keyword arguments (region, strategies and the editable fields)
    errors: list[tuple[str, str]]  # (column header, message)

    @property
    def ok(self) -> bool:
        return not self.errors


def _text(value) -> str:
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\x00", "").strip()


class RowChecker:
    """Checks the rows of one file for ``user``."""

    def __init__(self, user):
        self.user = user
        writable = user_region_ids(user, Role.REGIONAL_OFFICIAL, Role.VICE_GOVERNOR)
        self.regions: dict[str, Region] = {}
        # Current regions last: a short name shared with an abolished one (강원 42/51) means today's.
        for region in sorted(Region.objects.select_related("successor"), key=lambda r: (r.is_current, r.code)):
            for name in (region.code, region.name, region.short_name):
                if name:
                    self.regions[name.strip()] = region
        self.writable = {region.pk for region in Region.objects.filter(pk__in=writable).current()}
        self.categories = {}
        for value, label in Category.choices:
            self.categories[value] = value
            self.categories[str(label)] = value
        # Longest names first: a name may itself hold a comma ("소통의 창, 균형발전지원단").
        self.strategy_names = sorted(
            ((name.strip().casefold(), strategy) for strategy in Strategy.objects.all()
             for name in (strategy.name, strategy.code)),
            key=lambda item: -len(item[0]),
        )  # fmt: skip
        self.existing: dict[tuple[int, str], str] = {}
        for region_id, title, reference in Proposal.objects.filter(region_id__in=self.writable).values_list(
            "region_id", "title", "reference"
        ):
            self.existing.setdefault((region_id, normalise_title(title)), reference)
        self.seen: dict[tuple[int, str], int] = {}

    @staticmethod
    def is_example(values: dict) -> bool:
        return _text(values.get("title", "")).startswith(EXAMPLE_MARK)

    def check(self, number: int, values: dict) -> RowResult:
        errors: list[tuple[str, str]] = []
        fields: dict = {}

        def error(key, message):
            errors.append((BY_KEY[key].header, message))

        # The text policy (apps/core/text.py): a cell with a control character is refused,
        # and nothing — no lookup either — reads it further.
        refused = [key for key, raw in values.items() if key in BY_KEY and has_control_characters(raw)]
        for key in refused:
            error(key, str(CONTROL_CHARACTERS))
        values = {key: raw for key, raw in values.items() if key not in refused}
        for column in COLUMNS:
            if column.key in refused:
                continue
            raw = values.get(column.key)
            if raw is None or _text(raw) == "":
                if column.required:
                    error(column.key, _("필수 항목입니다."))
                continue
            if column.key in ("region", "category", "strategies", "budget_estimate", "is_public"):
                continue
            text = _text(raw)
            if column.max_length and len(text) > column.max_length:
                error(
                    column.key,
                    _("%(limit)s자 이내로 적어 주세요(지금 %(length)s자).")
                    % {"limit": f"{column.max_length:,}", "length": f"{len(text):,}"},
                )
                continue
            fields[column.key] = text

        region = self._region(values.get("region"), error)
        if region is not None:
            fields["region"] = region
        self._category(values.get("category"), fields, error)
        fields["strategies"] = self._strategies(values.get("strategies"), error)
        self._budget(values.get("budget_estimate"), fields, error)
        self._public(values.get("is_public"), fields, error)

        if region is not None and "title" in fields:
            key = (region.pk, normalise_title(fields["title"]))
            if key in self.existing:
                error(
                    "title",
                    _("같은 지역에 같은 제목의 과제(%(reference)s)가 이미 있습니다.")
                    % {"reference": self.existing[key]},
                )
            elif key in self.seen:
                error("title", _("%(row)s행과 지역·제목이 같은 중복 행입니다.") % {"row": self.seen[key]})
            else:
                self.seen[key] = number
        if not errors:
            errors += self._model_errors(fields)
        return RowResult(number=number, fields=fields, errors=errors)

    def _region(self, raw, error) -> Region | None:
        if raw is None or _text(raw) == "":
            return None
        region = self.regions.get(_text(raw))
        if region is None:
            error("region", _("알 수 없는 지역입니다: %(value)s") % {"value": _text(raw)[:40]})
            return None
        if not region.is_current:
            successor = region.current_region()
            error(
                "region",
                _("%(region)s 폐지된 지역입니다. %(successor)s 작성해 주세요.")
                % {
                    "region": with_particle(region.name, "은/는"),
                    "successor": with_particle(successor.name, "으로/로"),
                },
            )
            return None
        if region.pk not in self.writable:
            error("region", _("%(region)s의 건의과제를 작성할 권한이 없습니다.") % {"region": region.name})
            return None
        return region

    def _category(self, raw, fields, error):
        if raw is None or _text(raw) == "":
            return
        value = self.categories.get(_text(raw))
        if value is None:
            error("category", _("알 수 없는 분야입니다: %(value)s") % {"value": _text(raw)[:40]})
        else:
            fields["category"] = value

    def _strategies(self, raw, error) -> list[Strategy]:
        if raw is None or _text(raw) == "":
            return []
        found, rest = [], _text(raw).casefold()
        for name, strategy in self.strategy_names:
            if name and name in rest:
                rest = rest.replace(name, ",")
                if strategy not in found:
                    found.append(strategy)
        unknown = [part.strip()[:40] for part in SPLIT.split(rest) if part.strip()]
        if unknown:
            error("strategies", _("알 수 없는 정책 전략입니다: %(values)s") % {"values": ", ".join(unknown)})
        return found

    def _budget(self, raw, fields, error):
        if raw is None or _text(raw) == "":
            return
        if isinstance(raw, bool):
            value = None
        elif isinstance(raw, int):
            value = raw
        elif isinstance(raw, float | decimal.Decimal) and float(raw).is_integer():
            value = int(raw)
        else:
            text = _text(raw).replace(",", "").replace(" ", "")
            value = int(text) if text.isascii() and text.isdigit() else None
        if value is None or value < 0 or value > MAX_BIGINT:
            message = _("0 이상의 정수(백만원 단위)로 적어 주세요: %(value)s") % {"value": _text(raw)[:40]}
            error("budget_estimate", message)
        else:
            fields["budget_estimate"] = value

    def _public(self, raw, fields, error):
        if raw is None or _text(raw) == "":
            fields["is_public"] = True
            return
        if isinstance(raw, bool):
            fields["is_public"] = raw
            return
        text = _text(raw).casefold()
        if text in YES:
            fields["is_public"] = True
        elif text in NO:
            fields["is_public"] = False
        else:
            error("is_public", _("‘예’ 또는 ‘아니오’로 적어 주세요: %(value)s") % {"value": _text(raw)[:20]})

    def _model_errors(self, fields) -> list[tuple[str, str]]:
        """The model's own validation (what ``proposal_create`` will run)."""
        model_fields = {k: v for k, v in fields.items() if k != "strategies"}
        proposal = Proposal(created_by=self.user, **model_fields)
        try:
            # The region was resolved from the reference data above: no per-row FK lookup.
            proposal.full_clean(
                exclude=["reference", "status", "created_by", "region"],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as failure:
            headers = {c.key: c.header for c in COLUMNS}
            return [
                (headers.get(name, ""), message)
                for name, messages in failure.message_dict.items()
                for message in messages
            ]
        return []
