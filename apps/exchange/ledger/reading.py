"""Reading an edited ledger back: ``exchange.reading`` (streaming, formulas refused, the
same checks as the import) with the ledger's sheet, headers and limits. The hidden ID and
version columns must be there: they say which proposal each row is and as of when; a
cleared cell stays in the row (as None) — clearing a value is a change."""

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..reading import SheetFormat, open_sheet
from .columns import BY_KEY, DATA_SHEET, header_key

MAX_ROWS = 20_000
MAX_COLUMNS = 60


def max_rows() -> int:
    return getattr(settings, "LEDGER_MAX_ROWS", MAX_ROWS)


def _missing_hidden(keys) -> list[str]:
    missing = [BY_KEY[key].header for key in ("id", "version", "reference") if key not in keys]
    if not missing:
        return []
    return [
        _("내려받은 관리대장의 %(columns)s 열이 없습니다(숨김 열을 지우지 마세요).") % {"columns": ", ".join(missing)}
    ]


LEDGER = SheetFormat(
    data_sheet=DATA_SHEET,
    header_key=header_key,
    header_of=lambda key: BY_KEY[key].header,
    missing=_missing_hidden,
    mismatch=gettext_lazy("머리글(1행)이 관리대장과 다릅니다. %(problems)s 관리대장을 새로 내려받아 고쳐 주세요."),
    max_rows=max_rows,
    max_columns=MAX_COLUMNS,
    too_many_rows=gettext_lazy(
        "행이 너무 많습니다(%(rows)s행). 한 번에 %(limit)s행까지 올릴 수 있습니다. 조건을 좁혀 내려받아 주세요."
    ),
    too_many_columns=gettext_lazy("열이 너무 많습니다. 내려받은 관리대장의 열만 사용해 주세요."),
    keep_blanks=True,
)


def open_ledger(fileobj):
    """``(declared_rows, rows)`` of the ledger sheet (a context manager); ``ImportRefused``
    for a file that is not an edited ledger."""
    return open_sheet(fileobj, LEDGER)
