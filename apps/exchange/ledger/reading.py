"""Reading an edited ledger back, streaming (openpyxl ``read_only``), as cell values —
formulas refused as in the import (``exchange.reading``). The hidden ID and version
columns must be there: they say which proposal each row is and as of when."""

import contextlib
from collections.abc import Iterator

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from apps.core.hangul import with_particle

from ..reading import Row, _check_formula
from ..safety import ImportRefused
from .columns import BY_KEY, DATA_SHEET, header_key

MAX_ROWS = 20_000
MAX_COLUMNS = 60


def max_rows() -> int:
    return getattr(settings, "LEDGER_MAX_ROWS", MAX_ROWS)


@contextlib.contextmanager
def open_ledger(fileobj):
    """Yield ``(declared_rows, rows)`` of the ledger sheet; ``ImportRefused`` for a file
    that is not an edited ledger."""
    try:
        workbook = load_workbook(fileobj, read_only=True, data_only=False, keep_links=False)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise ImportRefused(_("파일이 손상되어 열 수 없습니다. 엑셀에서 다시 저장해 올려 주세요.")) from error
    try:
        sheet = workbook[DATA_SHEET] if DATA_SHEET in workbook.sheetnames else workbook.worksheets[0]
        declared = max((sheet.max_row or 1) - 1, 0)
        if declared > max_rows():
            raise ImportRefused(
                _(
                    "행이 너무 많습니다(%(rows)s행). 한 번에 %(limit)s행까지 올릴 "
                    "수 있습니다. 조건을 좁혀 내려받아 주세요."
                )
                % {"rows": f"{declared:,}", "limit": f"{max_rows():,}"}
            )
        if (sheet.max_column or 0) > MAX_COLUMNS:
            raise ImportRefused(_("열이 너무 많습니다. 내려받은 관리대장의 열만 사용해 주세요."))
        keys = _headers(sheet)
        yield declared, _rows(sheet, keys)
    finally:
        workbook.close()


def _headers(sheet) -> list[str | None]:
    first = next(sheet.iter_rows(min_row=1, max_row=1), ())
    keys: list[str | None] = []
    problems = []
    for cell in first:
        _check_formula(cell)
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
    missing = [BY_KEY[key].header for key in ("id", "version", "reference") if key not in keys]
    if missing:
        problems.append(
            _("내려받은 관리대장의 %(columns)s 열이 없습니다(숨김 열을 지우지 마세요).")
            % {"columns": ", ".join(missing)}
        )
    if problems:
        raise ImportRefused(
            _("머리글(1행)이 관리대장과 다릅니다. %(problems)s 관리대장을 새로 내려받아 고쳐 주세요.")
            % {"problems": " ".join(problems)}
        )
    while keys and keys[-1] is None:
        keys.pop()
    return keys


def _rows(sheet, keys) -> Iterator[Row]:
    limit, count = max_rows(), 0
    for cells in sheet.iter_rows(min_row=2, max_col=len(keys)):
        values, number = {}, None
        for key, cell in zip(keys, cells):
            if getattr(cell, "row", None) is not None:
                number = cell.row
            _check_formula(cell)
            if key is not None:
                values[key] = cell.value
        if all(value is None or (isinstance(value, str) and not value.strip()) for value in values.values()):
            continue
        count += 1
        if count > limit:
            raise ImportRefused(
                _("행이 너무 많습니다. 한 번에 %(limit)s행까지 올릴 수 있습니다.") % {"limit": f"{limit:,}"}
            )
        yield Row(number=number or count + 1, values=values)
