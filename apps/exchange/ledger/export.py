"""Serving a ledger download: the rows, the file name and the streamed response."""

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

from . import selectors
from .writer import write_ledger

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def ledger_file(user, rows, *, filters_label: str = ""):
    """The workbook of ``rows`` (from ``selectors.ledger_rows``) for ``user``: an open
    temporary file at position 0 and the row count."""
    return write_ledger(
        rows,
        viewer_context=selectors.viewer_context(user),
        sees_internal=selectors.sees_internal(user),
        filters_label=filters_label,
    )


def _chunks(fileobj, size: int = 256 * 1024):
    # Closed when the last chunk is sent, whether or not the server calls ``close()``.
    try:
        while chunk := fileobj.read(size):
            yield chunk
    finally:
        fileobj.close()


def ledger_response(user, rows, *, filters_label: str = "") -> StreamingHttpResponse:
    fileobj, _count = ledger_file(user, rows, filters_label=filters_label)
    length = fileobj.seek(0, 2)
    fileobj.seek(0)
    stamp = timezone.localtime().strftime("%Y%m%d_%H%M")
    response = StreamingHttpResponse(_chunks(fileobj), content_type=XLSX)
    response["Content-Length"] = str(length)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=f"관리대장_{stamp}.xlsx")
    response["Cache-Control"] = "private, no-store"
    return response
