"""Open data downloads of any filtered public list: CSV, XLSX, JSON — public fields only.

Same filters as the public list (``?region=12&outcome=accepted&q=철도``). CSV and JSON
are streamed (rows are read in chunks of ``CHUNK`` with their strategies and departments
prefetched per chunk), so a download of every proposal never holds them all in memory.
XLSX cannot be streamed by openpyxl; it is written in write-only mode into memory.

CSV is UTF-8 with a byte order mark, so that spreadsheet programs read Korean correctly.
Every column comes from ``serializers.EXPORT_COLUMNS`` / ``PublicProposalSerializer``.
"""

import csv
import io
import json

from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from apps.core.text import clean_text

from . import caching, selectors
from .serializers import EXPORT_COLUMNS, PublicProposalSerializer
from .views import clean_params

CHUNK = 500
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
}
# Spreadsheet programs run a cell starting with these as a formula: prefix a quote.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class _Echo:
    def write(self, value):
        return value


def _safe_cell(value):
    # Rows stored before the text policy may hold control characters (openpyxl refuses them).
    value = clean_text(value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _rows(queryset):
    for proposal in queryset.iterator(chunk_size=CHUNK):
        yield [_safe_cell(getter(proposal)) for _label, getter in EXPORT_COLUMNS]


def _filename(fmt: str) -> str:
    return f"balance-public-proposals-{timezone.localdate():%Y%m%d}.{fmt}"


def _csv(queryset) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff" + writer.writerow([str(label) for label, _getter in EXPORT_COLUMNS])
        for row in _rows(queryset):
            yield writer.writerow(row)

    return StreamingHttpResponse(lines(), content_type=FORMATS["csv"])


def _xlsx(queryset) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("공개 건의과제"))
    header = []
    for label, _getter in EXPORT_COLUMNS:
        cell = WriteOnlyCell(sheet, value=str(label))
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for row in _rows(queryset):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return HttpResponse(buffer.getvalue(), content_type=FORMATS["xlsx"])


def _json(queryset, request) -> StreamingHttpResponse:
    def chunks():
        yield f'{{"generated_at": {json.dumps(timezone.now().isoformat())}, "results": ['
        first = True
        for proposal in queryset.iterator(chunk_size=CHUNK):
            data = PublicProposalSerializer(proposal, context={"request": request}).data
            yield ("" if first else ",") + clean_text(json.dumps(data, ensure_ascii=False, default=str))
            first = False
        yield "]}"

    return StreamingHttpResponse(chunks(), content_type=FORMATS["json"])


@require_safe
@caching.public_http
def export(request, fmt: str):
    if fmt not in FORMATS:
        raise Http404
    queryset, filterset = selectors.filter_public(clean_params(request.GET))
    if not filterset.is_valid():
        return JsonResponse({"detail": _("검색 조건이 올바르지 않습니다."), "errors": filterset.errors}, status=400)
    if fmt == "csv":
        response = _csv(queryset)
    elif fmt == "xlsx":
        response = _xlsx(queryset)
    else:
        response = _json(queryset, request)
    response["Content-Disposition"] = f'attachment; filename="{_filename(fmt)}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
