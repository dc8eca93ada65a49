"""The ledger as a person edits it: download, change cells in Excel, save."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from apps.exchange.ledger.columns import DATA_SHEET, header_key

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def content_of(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def sheet_rows(content: bytes) -> tuple[list[str], list[dict]]:
    """The ledger's column keys and its rows as {key: value}."""
    sheet = load_workbook(io.BytesIO(content))[DATA_SHEET]
    rows = list(sheet.iter_rows(values_only=True))
    keys = [header_key(value) for value in rows[0]]
    return keys, [dict(zip(keys, row)) for row in rows[1:]]


def edited(content: bytes, edits: dict) -> bytes:
    """``content`` with the cells of ``edits`` ({reference: {column key: value}}) changed."""
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook[DATA_SHEET]
    keys = [header_key(cell.value) for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        reference = row[keys.index("reference")].value
        for key, value in edits.get(reference, {}).items():
            row[keys.index(key)].value = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(content: bytes, name: str = "관리대장.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=XLSX)
