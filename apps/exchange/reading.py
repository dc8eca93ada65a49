"""Reading the rows of an uploaded workbook, streaming (openpyxl ``read_only``), as cell
values — never evaluating anything. One reader for both uploads: the import template
(``IMPORT``, here) and the edited ledger (``ledger.reading.LEDGER``); a ``SheetFormat``
says which sheet, which headers and limits, and the Korean messages.

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
from collections.abc import Callable, Iterator

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
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


@dataclasses.dataclass(frozen=True)
class SheetFormat:
    data_sheet: str  # read this sheet if there is one, else the first
    header_key: Callable  # header text → column key, or None
    header_of: Callable  # column key → its header, for "twice" problems
    missing: Callable  # the keys found → problems (required columns absent)
    mismatch: str  # "%(problems)s …": the header row is not ours
    max_rows: Callable
    max_columns: int
    too_many_rows: str  # "%(rows)s … %(limit)s": the declared dimension is too large
    too_many_columns: str
    keep_blanks: bool = False  # rows keep blank cells as None (a cleared cell means something)


def _missing_required(keys) -> list[str]:
    missing = [header_text(c) for c in COLUMNS if c.required and c.key not in keys]
    return [_("필수 열이 없습니다: %(columns)s.") % {"columns": ", ".join(missing)}] if missing else []


IMPORT = SheetFormat(
    data_sheet=DATA_SHEET,
    header_key=header_key,
    header_of=lambda key: BY_KEY[key].header,
    missing=_missing_required,
    mismatch=gettext_lazy("머리글(1행)이 서식과 다릅니다. %(problems)s 내려받은 서식의 머리글을 그대로 써 주세요."),
    max_rows=max_rows,
    max_columns=MAX_COLUMNS,
    too_many_rows=gettext_lazy(
        "행이 너무 많습니다(%(rows)s행). 한 번에 %(limit)s행까지 올릴 수 있습니다. 빈 행을 지우거나 나누어 주세요."
    ),
    too_many_columns=gettext_lazy("열이 너무 많습니다. 내려받은 서식의 열만 사용해 주세요."),
)


@contextlib.contextmanager
def open_sheet(fileobj, sheet_format: SheetFormat = IMPORT):
    """Yield ``(declared_data_rows, rows)``: the row count the sheet declares and an
    iterator of its non-empty data rows. Raises ``ImportRefused`` for anything that is
    not a readable sheet of the format's columns."""
    try:
        workbook = load_workbook(fileobj, read_only=True, data_only=False, keep_links=False)
    except Exception as error:  # openpyxl raises many kinds (zip, XML, KeyError…) for a broken file
        raise ImportRefused(_("파일이 손상되어 열 수 없습니다. 엑셀에서 다시 저장해 올려 주세요.")) from error
    try:
        name = sheet_format.data_sheet
        sheet = workbook[name] if name in workbook.sheetnames else workbook.worksheets[0]
        declared, limit = max((sheet.max_row or 1) - 1, 0), sheet_format.max_rows()
        if declared > limit:
            raise ImportRefused(sheet_format.too_many_rows % {"rows": f"{declared:,}", "limit": f"{limit:,}"})
        if (sheet.max_column or 0) > sheet_format.max_columns:
            raise ImportRefused(str(sheet_format.too_many_columns))
        keys = _headers(sheet, sheet_format)
        yield declared, _rows(sheet, keys, sheet_format)
    finally:
        workbook.close()


def _check_formula(cell):
    if getattr(cell, "data_type", None) == "f":
        raise ImportRefused(
            _("%(cell)s 셀에 수식이 있습니다. 수식은 읽지 않습니다. 값으로 붙여넣기 한 뒤 다시 올려 주세요.")
            % {"cell": cell.coordinate}
        )


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _headers(sheet, sheet_format: SheetFormat) -> list[str | None]:
    first = next(sheet.iter_rows(min_row=1, max_row=1), ())
    for cell in first:
        _check_formula(cell)
    keys: list[str | None] = []
    problems = []
    for cell in first:
        value = cell.value
        if _blank(value):
            keys.append(None)
            continue
        key = sheet_format.header_key(value)
        if key is None:
            problems.append(
                _("알 수 없는 열 %(header)s 있습니다.") % {"header": with_particle(f"‘{str(value)[:40]}’", "이/가")}
            )
        elif key in keys:
            problems.append(_("‘%(header)s’ 열이 두 번 있습니다.") % {"header": sheet_format.header_of(key)})
        keys.append(key)
    problems += sheet_format.missing(keys)
    if problems:
        raise ImportRefused(sheet_format.mismatch % {"problems": " ".join(problems)})
    while keys and keys[-1] is None:
        keys.pop()
    return keys


def _rows(sheet, keys, sheet_format: SheetFormat) -> Iterator[Row]:
    limit, count = sheet_format.max_rows(), 0
    for cells in sheet.iter_rows(min_row=2, max_col=len(keys)):
        values = {}
        number = None
        for key, cell in zip(keys, cells):
            if getattr(cell, "row", None) is not None:
                number = cell.row
            _check_formula(cell)
            if key is not None and (sheet_format.keep_blanks or not _blank(cell.value)):
                values[key] = cell.value
        if all(_blank(value) for value in values.values()):
            continue
        count += 1
        if count > limit:
            raise ImportRefused(
                _("행이 너무 많습니다. 한 번에 %(limit)s행까지 올릴 수 있습니다.") % {"limit": f"{limit:,}"}
            )
        yield Row(number=number or count + 1, values=values)
