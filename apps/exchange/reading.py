"""Reading the rows of an import workbook, streaming (openpyxl ``read_only``), as cell
values — never evaluating anything.

The sheet's declared dimension is checked before any row is read, and rows are counted
as they stream, so a sheet of a million rows is refused without being loaded. A formula
in any cell refuses the file: its value would be whatever Excel last computed (or
nothing), and we do not evaluate formulas.

(XML entity attacks: openpyxl parses with the standard library's expat, whose 2.4+
versions — Python 3.11 ships 2.5 — refuse billion-laughs expansion; ``safety`` has
already bounded the inflated size.)
"""

import contextlib
import dataclasses
from collections.abc import Iterator

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from apps.core.hangul import with_particle

from .columns import BY_KEY, COLUMNS, DATA_SHEET, header_key, header_text
from .safety import ImportRefused

MAX_ROWS = 10_000
MAX_COLUMNS = 50


def max_rows() -> int:
    return getattr(settings, "EXCHANGE_MAX_ROWS", MAX_ROWS)


@dataclasses.dataclass
class Row:
    number: int  # the sheet's row number (the header is row 1)
    values: dict[str, object]


@contextlib.contextmanager
def open_sheet(fileobj):
    """Yield ``(declared_data_rows, rows)``: the row count the sheet declares and an
    iterator of its non-empty data rows. Raises ``ImportRefused`` for anything that is
    not a readable sheet of our columns."""
    try:
        workbook = load_workbook(fileobj, read_only=True, data_only=False, keep_links=False)
    except Exception as error:  # openpyxl raises many kinds (zip, XML, KeyError…) for a broken file
        raise ImportRefused(_("파일이 손상되어 열 수 없습니다. 엑셀에서 다시 저장해 올려 주세요.")) from error
    try:
        sheet = workbook[DATA_SHEET] if DATA_SHEET in workbook.sheetnames else workbook.worksheets[0]
        declared_rows, declared_columns = sheet.max_row or 0, sheet.max_column or 0
        if declared_rows - 1 > max_rows():
            raise ImportRefused(
                _(
                    "행이 너무 많습니다(%(rows)s행). 한 번에 %(limit)s행까지 올릴 수 있습니다. "
                    "빈 행을 지우거나 나누어 주세요."
                )
                % {"rows": f"{declared_rows - 1:,}", "limit": f"{max_rows():,}"}
            )
        if declared_columns > MAX_COLUMNS:
            raise ImportRefused(_("열이 너무 많습니다. 내려받은 서식의 열만 사용해 주세요."))
        keys = _headers(sheet)
        yield max(declared_rows - 1, 0), _rows(sheet, keys)
    finally:
        workbook.close()


def _check_formula(cell):
    if getattr(cell, "data_type", None) == "f":
        raise ImportRefused(
            _("%(cell)s 셀에 수식이 있습니다. 수식은 읽지 않습니다. 값으로 붙여넣기 한 뒤 다시 올려 주세요.")
            % {"cell": cell.coordinate}
        )


def _headers(sheet) -> list[str | None]:
    first = next(sheet.iter_rows(min_row=1, max_row=1), ())
    for cell in first:
        _check_formula(cell)
    keys: list[str | None] = []
    problems = []
    for cell in first:
        value = cell.value
        if value is None or (isinstance(value, str) and not value.strip()):
            keys.append(None)
            continue
        key = header_key(value)
        if key is None:
            problems.append(
                _("알 수 없는 열 %(header)s 있습니다.") % {"header": with_particle(f"‘{str(value)[:40]}’", "이/가")}
            )
        elif key in keys:
            problems.append(_("‘%(header)s’ 열이 두 번 있습니다.") % {"header": BY_KEY[key].header})
        keys.append(key)
    missing = [header_text(c) for c in COLUMNS if c.required and c.key not in keys]
    if missing:
        problems.append(_("필수 열이 없습니다: %(columns)s.") % {"columns": ", ".join(missing)})
    if problems:
        raise ImportRefused(
            _("머리글(1행)이 서식과 다릅니다. %(problems)s 내려받은 서식의 머리글을 그대로 써 주세요.")
            % {"problems": " ".join(problems)}
        )
    while keys and keys[-1] is None:
        keys.pop()
    return keys


def _rows(sheet, keys) -> Iterator[Row]:
    limit, count = max_rows(), 0
    for cells in sheet.iter_rows(min_row=2, max_col=len(keys)):
        values = {}
        number = None
        for key, cell in zip(keys, cells):
            if getattr(cell, "row", None) is not None:
                number = cell.row
            _check_formula(cell)
            value = cell.value
            if key is not None and value is not None and not (isinstance(value, str) and not value.strip()):
                values[key] = value
        if not values:
            continue
        count += 1
        if count > limit:
            raise ImportRefused(
                _("행이 너무 많습니다. 한 번에 %(limit)s행까지 올릴 수 있습니다.") % {"limit": f"{limit:,}"}
            )
        yield Row(number=number or count + 1, values=values)
