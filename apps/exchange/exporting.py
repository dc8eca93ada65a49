"""A proposal list as an .xlsx file with the columns of the screen (``proposals/_list.html``).

Written with openpyxl's write-only mode, row by row from the queryset's iterator (with
the relations the list preloads), so memory stays flat as lists grow. Every text cell
is written as text: a title that starts with "=" stays a title, never a formula
(spreadsheet formula injection), and without control characters (``apps.core.text``).
"""

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill

from apps.core.text import clean_text

MAX_EXPORT_ROWS = 50_000

HEADERS = (
    ("과제번호", 15),
    ("제목", 50),
    ("정책 전략", 30),
    ("지역", 10),
    ("분야", 12),
    ("상태", 12),
    ("검토결과", 12),
    ("주관부서", 20),
    ("처리기한", 12),
    ("기한", 10),
    ("접수일", 12),
)


def _row(proposal) -> list:
    flag = ""
    if getattr(proposal, "is_overdue", False):
        flag = _("기한 초과")
    elif getattr(proposal, "is_due_soon", False):
        flag = _("기한 임박")
    submitted = timezone.localtime(proposal.submitted_at).date() if proposal.submitted_at else None
    return [
        proposal.reference,
        proposal.title,
        " · ".join(strategy.name for strategy in proposal.strategies.all()),
        proposal.region.short_name or proposal.region.name,
        proposal.get_category_display(),
        proposal.get_status_display(),
        proposal.get_outcome_display() if proposal.outcome else "",
        proposal.lead_department.name if proposal.lead_department_id else _("미배정"),
        proposal.due_at,
        flag,
        submitted,
    ]


def _cell(sheet, value, **style):
    # Rows stored before the text policy may hold control characters openpyxl refuses.
    value = clean_text(value)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the text starts with
    for name, item in style.items():
        setattr(cell, name, item)
    if hasattr(value, "isoformat"):
        cell.number_format = "yyyy-mm-dd"
    return cell


def export_workbook(queryset, *, title: str, filters_label: str = "") -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31] or "건의과제")
    for index, (_header, width) in enumerate(HEADERS, start=1):
        sheet.column_dimensions[chr(64 + index)].width = width
    sheet.freeze_panes = "A2"
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DCE6F2")
    sheet.append([_cell(sheet, header, font=bold, fill=fill) for header, _width in HEADERS])
    count = 0
    for proposal in queryset[: MAX_EXPORT_ROWS + 1].iterator(chunk_size=1000):
        count += 1
        if count > MAX_EXPORT_ROWS:
            note = _("… 최대 %(limit)s건까지만 내려받습니다. 조건을 좁혀 주세요.") % {"limit": f"{MAX_EXPORT_ROWS:,}"}
            sheet.append([_cell(sheet, note)])
            break
        sheet.append([_cell(sheet, value) for value in _row(proposal)])
    sheet.auto_filter.ref = f"A1:{chr(64 + len(HEADERS))}{max(count, 1) + 1}"
    about = workbook.create_sheet(_("내려받기 정보"))
    for line in (
        [_cell(about, _("목록")), _cell(about, title)],
        [_cell(about, _("조건")), _cell(about, filters_label or _("전체"))],
        [_cell(about, _("내려받은 일시")), _cell(about, timezone.localtime().strftime("%Y-%m-%d %H:%M"))],
        [_cell(about, _("건수")), _cell(about, min(count, MAX_EXPORT_ROWS))],
    ):
        about.append(line)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
