"""Reading and checking the rows of a history file (.xlsx or .csv, Korean headers).

A region abolished since (광주 29, 전남 46) is accepted for a proposal received before its
end (``Region.valid_to``); after that date the row must name the successor.
"""

import csv
import dataclasses
import datetime
import re

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from apps.core.hangul import with_particle
from apps.core.text import MESSAGE as CONTROL_CHARACTERS
from apps.core.text import has_control_characters
from apps.organisations.models import Department, Region
from apps.proposals.models import Category, Outcome, Proposal, ProposalStatus

from ..safety import ImportRefused

S = ProposalStatus
REFERENCE = re.compile(r"^(\d{4})-(\d{2})-(\d{4})$")
HEADERS = {
    "과제번호": "reference",
    "지역": "region",
    "제목": "title",
    "요약": "summary",
    "분야": "category",
    "상태": "status",
    "접수일": "submitted_at",
    "배정일": "assigned_at",
    "결정일": "decided_at",
    "완료일": "completed_at",
    "주관부서": "lead_department",
    "검토결과": "outcome",
    "검토결과 요지": "decision_summary",
    "추진 예정일": "planned_for",
    "추진률": "progress",
    "이관 부처": "referred_ministry",
    "공개 여부": "is_public",
}
REQUIRED = ("region", "title", "summary", "category", "status", "submitted_at")
# The states a handled 건의 can have ended in (or stand in) once received.
STATUSES = {str(label): value for value, label in S.choices if value not in (S.DRAFT, S.AWAITING_ENDORSEMENT)}
CATEGORIES = {str(label): value for value, label in Category.choices}
OUTCOMES = {str(label): value for value, label in Outcome.choices}
DECIDED = (S.DECIDED, S.IN_PROGRESS, S.COMPLETED, S.RECONSIDERATION)
ASSIGNED = (S.ASSIGNED, S.IN_REVIEW, *DECIDED)
MAX_ROWS = 50_000


@dataclasses.dataclass
class HistoryRow:
    number: int
    fields: dict
    errors: list  # [(header, message)]


def _normal(header) -> str:
    return re.sub(r"\s+", " ", str(header or "").replace("*", "")).strip()


def read_rows(path: str):
    """Yield ``(number, {key: value})`` for each non-empty row of the file at ``path``."""
    if path.lower().endswith(".csv"):
        with open(path, encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
    else:
        try:
            workbook = load_workbook(path, read_only=True, data_only=False)
        except Exception as error:  # openpyxl raises many kinds for a broken file
            raise ImportRefused(_("파일을 열 수 없습니다. .xlsx나 UTF-8 .csv로 저장해 주세요.")) from error
        rows = []
        for cells in workbook.worksheets[0].iter_rows():
            for cell in cells:
                if getattr(cell, "data_type", None) == "f":
                    workbook.close()
                    raise ImportRefused(
                        _("%(cell)s 셀에 수식이 있습니다. 값으로 붙여넣기 한 뒤 다시 가져와 주세요.")
                        % {"cell": cell.coordinate}
                    )
            rows.append([cell.value for cell in cells])
        workbook.close()
    if not rows:
        raise ImportRefused(_("빈 파일입니다."))
    keys = [HEADERS.get(_normal(header)) for header in rows[0]]
    unknown = [_normal(h) for h, k in zip(rows[0], keys) if k is None and _normal(h)]
    missing = [h for h, k in HEADERS.items() if k in REQUIRED and k not in keys]
    if unknown or missing:
        raise ImportRefused(
            _("머리글(1행)이 서식과 다릅니다. 모르는 열: %(unknown)s / 없는 필수 열: %(missing)s")
            % {"unknown": ", ".join(unknown) or "-", "missing": ", ".join(missing) or "-"}
        )
    if len(rows) - 1 > MAX_ROWS:
        raise ImportRefused(_("한 번에 %(limit)s행까지 가져올 수 있습니다.") % {"limit": f"{MAX_ROWS:,}"})
    for number, row in enumerate(rows[1:], start=2):
        values = {k: v for k, v in zip(keys, row) if k and v not in (None, "")}
        if values:
            yield number, values


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip() if value is not None else ""


def _date(value) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    parts = re.split(r"[-./]", _text(value))
    try:
        return datetime.date(*map(int, parts)) if len(parts) == 3 else None
    except ValueError:
        return None


class HistoryChecker:
    """Checks the rows of one file: reference data loaded once, references kept unique."""

    def __init__(self):
        self.today = timezone.localdate()
        self.regions = {}
        for region in Region.objects.all():
            for key in (region.code, region.name, region.short_name):
                self.regions[key] = region
        self.departments = {d.code: d for d in Department.objects.all()} | {d.name: d for d in Department.objects.all()}
        self.seen: set[str] = set()

    def check(self, number: int, values: dict) -> HistoryRow:
        errors, fields = [], {}

        def error(key, message):
            header = next(h for h, k in HEADERS.items() if k == key)
            errors.append((header, str(message)))

        for key in REQUIRED:
            if key not in values:
                error(key, _("비어 있습니다."))
        for key, value in values.items():
            if isinstance(value, str) and has_control_characters(value):
                error(key, CONTROL_CHARACTERS)
        region = self.regions.get(_text(values.get("region")))
        if "region" in values and region is None:
            error("region", _("알 수 없는 지역입니다(코드나 이름으로 적어 주세요)."))
        dates = {}
        for key in ("submitted_at", "assigned_at", "decided_at", "completed_at", "planned_for"):
            if key in values:
                dates[key] = _date(values[key])
                if dates[key] is None:
                    error(key, _("날짜는 2023-03-15처럼 적어 주세요."))
                elif key != "planned_for" and dates[key] > self.today:
                    error(key, _("앞으로의 날짜는 과거 건의가 아닙니다."))
        submitted = dates.get("submitted_at")
        if region and submitted and not region.is_valid_on(submitted):
            successor = region.current_region()
            error(
                "region",
                _("%(region)s %(end)s에 폐지되었습니다. 그 뒤에 접수된 건의는 %(successor)s 적어 주세요.")
                % {
                    "region": with_particle(region.name, "은/는"),
                    "end": region.valid_to,
                    "successor": with_particle(successor.name, "으로/로"),
                }
                if region.valid_to and submitted > region.valid_to
                else _("%(region)s %(start)s부터 있는 지역입니다.")
                % {"region": with_particle(region.name, "은/는"), "start": region.valid_from},
            )
        order = [dates.get(k) for k in ("submitted_at", "assigned_at", "decided_at", "completed_at")]
        known = [d for d in order if d]
        if known != sorted(known):
            error("assigned_at", _("접수일 ≤ 배정일 ≤ 결정일 ≤ 완료일 순서여야 합니다."))
        status = STATUSES.get(_text(values.get("status")))
        if "status" in values and status is None:
            error("status", _("상태는 %(choices)s 가운데 하나여야 합니다.") % {"choices": ", ".join(STATUSES)})
        category = CATEGORIES.get(_text(values.get("category")))
        if "category" in values and category is None:
            error("category", _("분야는 %(choices)s 가운데 하나여야 합니다.") % {"choices": ", ".join(CATEGORIES)})
        outcome = OUTCOMES.get(_text(values.get("outcome")), "") if "outcome" in values else ""
        if "outcome" in values and not outcome:
            error("outcome", _("검토결과는 %(choices)s 가운데 하나여야 합니다.") % {"choices": ", ".join(OUTCOMES)})
        lead = self.departments.get(_text(values.get("lead_department"))) if "lead_department" in values else None
        if "lead_department" in values and lead is None:
            error("lead_department", _("알 수 없는 부서입니다."))
        if status in ASSIGNED and lead is None and "lead_department" not in values:
            error("lead_department", _("배정 이후 상태는 주관부서가 필요합니다."))
        if status in DECIDED:
            if not outcome and "outcome" not in values:
                error("outcome", _("결정된 건의는 검토결과가 필요합니다."))
            if not dates.get("decided_at") and "decided_at" not in values:
                error("decided_at", _("결정된 건의는 결정일이 필요합니다."))
        if (
            status in (S.IN_PROGRESS, S.COMPLETED)
            and outcome
            and outcome not in (Outcome.ACCEPTED, Outcome.PARTIALLY_ACCEPTED)
        ):
            error("outcome", _("추진중·완료는 수용·일부수용 건의만 될 수 있습니다."))
        if status == S.COMPLETED and not dates.get("completed_at") and "completed_at" not in values:
            error("completed_at", _("완료된 건의는 완료일이 필요합니다."))
        if status == S.REFERRED and not _text(values.get("referred_ministry")):
            error("referred_ministry", _("이관된 건의는 이관 부처가 필요합니다."))
        progress = 0
        if "progress" in values:
            try:
                progress = int(float(_text(values["progress"]).removesuffix("%")))
            except ValueError:
                progress = -1
            if not 0 <= progress <= 100:
                error("progress", _("추진률은 0~100 사이의 정수여야 합니다."))
        reference = _text(values.get("reference"))
        if reference:
            match = REFERENCE.match(reference)
            if not match:
                error("reference", _("과제번호는 2023-29-0001처럼 연도-지역코드-일련번호여야 합니다."))
            elif region and match.group(2) != region.code:
                error("reference", _("과제번호의 지역코드가 지역(%(code)s)과 다릅니다.") % {"code": region.code})
            elif reference in self.seen:
                error("reference", _("파일 안에 같은 과제번호가 두 번 있습니다."))
            self.seen.add(reference)
        public = _text(values.get("is_public", "예")).lower() not in (
            "아니오",
            "아니요",
            "비공개",
            "n",
            "no",
            "false",
            "0",
        )
        fields = {
            "reference": reference,
            "region": region,
            "title": _text(values.get("title"))[:200],
            "summary": _text(values.get("summary")),
            "category": category,
            "status": status,
            "lead_department": lead,
            "outcome": outcome,
            "decision_summary": _text(values.get("decision_summary")),
            "planned_for": dates.get("planned_for"),
            "progress": progress if status in (S.IN_PROGRESS, S.COMPLETED) else 0,
            "referred_ministry": _text(values.get("referred_ministry"))[:100],
            "is_public": public,
            **{k: dates.get(k) for k in ("submitted_at", "assigned_at", "decided_at", "completed_at")},
        }
        if len(_text(values.get("title"))) > 200:
            error("title", _("제목은 200자 이내여야 합니다."))
        if len(fields["summary"]) > 2000:
            error("summary", _("요약은 2,000자 이내여야 합니다."))
        return HistoryRow(number, fields, errors)


def existing_references(references: list[str]) -> set[str]:
    found = set()
    for start in range(0, len(references), 1000):
        found |= set(
            Proposal.objects.filter(reference__in=references[start : start + 1000]).values_list("reference", flat=True)
        )
    return found
