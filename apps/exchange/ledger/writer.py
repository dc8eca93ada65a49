"""The ledger as a streamed .xlsx: openpyxl's write-only mode appends each row to a
temporary file as it is read from the database (``iterator`` in chunks, relations
prefetched per chunk), so 100,000 rows never sit in memory (bench/README.md).

The sheet has a frozen header row, filters, widths, drop-down lists for the columns a
person may change, and the hidden ID and version columns the bulk update reads back.
Every text cell is text (a title starting with "=" is never a formula) and passes the
text policy (``clean_text``).
"""

import tempfile

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from apps.core.text import clean_text
from apps.organisations.models import Department
from apps.proposals.models import Outcome

from .columns import DATA_SHEET, LEAD, TF, columns_for, header_text

LISTS_SHEET = "목록"
CHUNK = 2000
HEADER_FILL = PatternFill("solid", fgColor="DCE6F2")
EDITABLE_FILL = {TF: PatternFill("solid", fgColor="FFF2CC"), LEAD: PatternFill("solid", fgColor="E2EFDA")}
BOLD = Font(bold=True)
# Data validation covers this many rows below the header: an edited ledger never grows
# past the rows it was downloaded with, plus room for a template.
VALIDATED_ROWS = 200_000


def _lists() -> dict[str, list[str]]:
    return {
        "departments": list(Department.objects.filter(is_active=True).order_by("code").values_list("code", flat=True)),
        "outcomes": [str(label) for _value, label in Outcome.choices],
    }


def _cell(sheet, value, **style):
    if isinstance(value, Promise):  # choice labels are lazy translations
        value = str(value)
    value = clean_text(value)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the text starts with
    elif hasattr(value, "isoformat"):
        cell.number_format = "yyyy-mm-dd"
    for name, item in style.items():
        setattr(cell, name, item)
    return cell


def _validations(sheet, columns, list_ranges) -> None:
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        area = f"{letter}2:{letter}{VALIDATED_ROWS + 1}"
        if column.choices == "progress":
            validation = DataValidation(type="whole", operator="between", formula1="0", formula2="100")
        elif column.choices in list_ranges:
            validation = DataValidation(type="list", formula1=f"={list_ranges[column.choices]}", allow_blank=True)
        elif column.key in ("due_at", "planned_for"):
            validation = DataValidation(type="date", operator="greaterThan", formula1="36526")  # after 2000-01-01
        else:
            continue
        validation.allow_blank = True
        validation.showErrorMessage = True
        validation.errorTitle = _("허용되지 않는 값")
        validation.error = _("목록의 값이나 올바른 형식으로 적어 주세요.")
        validation.add(area)
        sheet.data_validations.append(validation)  # write-only sheets have no add_data_validation


def write_ledger(rows, *, viewer_context: dict, sees_internal: bool, filters_label: str = "", destination=None):
    """Write ``rows`` (proposals, annotated ``reads_internal``) to ``destination`` (a file
    opened for binary writing; a temporary file by default, returned at position 0).
    ``viewer_context`` is what column getters read (``today``, ``current_region``…)."""
    columns = columns_for(sees_internal)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(DATA_SHEET)
    lists_sheet = workbook.create_sheet(LISTS_SHEET)
    about = workbook.create_sheet(_("내려받기 정보"))

    for index, column in enumerate(columns, start=1):
        dimension = sheet.column_dimensions[get_column_letter(index)]
        dimension.width = column.width
        dimension.hidden = column.hidden
    sheet.freeze_panes = "D2"  # the header row and the hidden id/version + reference stay in view
    sheet.append(
        [_cell(sheet, header_text(c), font=BOLD, fill=EDITABLE_FILL.get(c.editor, HEADER_FILL)) for c in columns]
    )

    lists = _lists()
    list_ranges = {}
    longest = max(len(values) for values in lists.values())
    for position in range(longest):
        lists_sheet.append(
            [_cell(lists_sheet, values[position] if position < len(values) else None) for values in lists.values()]
        )
    for index, (name, values) in enumerate(lists.items(), start=1):
        letter = get_column_letter(index)
        list_ranges[name] = f"'{LISTS_SHEET}'!${letter}$1:${letter}${max(len(values), 1)}"
    lists_sheet.sheet_state = "hidden"
    _validations(sheet, columns, list_ranges)

    internal_keys = {column.key for column in columns if column.internal}
    count = 0
    for proposal in rows.iterator(chunk_size=CHUNK):
        count += 1
        reads_internal = getattr(proposal, "reads_internal", False)
        sheet.append(
            [
                _cell(
                    sheet,
                    None
                    if column.key in internal_keys and not reads_internal
                    else column.value(proposal, viewer_context),
                )
                for column in columns
            ]
        )
        on_row = viewer_context.get("on_row")
        if on_row is not None:
            on_row(count)
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"

    for label, value in (
        (_("목록"), _("관리대장")),
        (_("조건"), filters_label or _("전체")),
        (_("내려받은 일시"), timezone.localtime().strftime("%Y-%m-%d %H:%M")),
        (_("건수"), count),
        (_("수정 방법"), _("[TF]·[주관부서] 표시 열만 바꿀 수 있습니다. ID·버전 열(숨김)은 지우거나 바꾸지 마세요.")),
    ):
        about.append([_cell(about, label, font=BOLD), _cell(about, value)])

    if destination is None:
        # Handed to the response, which closes it once streamed.
        destination = tempfile.TemporaryFile()  # noqa: SIM115
    workbook.save(destination)
    destination.seek(0)
    return destination, count
