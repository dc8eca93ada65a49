"""Workbooks for the import tests, written with openpyxl as a person's Excel would."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from apps.exchange.columns import COLUMNS, DATA_SHEET, header_text

HEADERS = [header_text(column) for column in COLUMNS]


def row(n: int, **overrides) -> dict:
    """A valid row of 강원 (the default Cast region)."""
    values = {
        "title": f"강원 건의과제 {n:05d} 광역철도 연장",
        "summary": f"{n}번째 건의: 동서고속화철도 연계 광역철도를 연장해 주십시오.",
        "region": "강원",
        "category": "철도",
        "strategies": "지역 교통망 확충",
        "requested_action": "기본계획 반영",
        "related_laws": "",
        "budget_estimate": 1000 + n,
        "location": "춘천시",
        "body": "",
        "is_public": "예",
    }
    values.update(overrides)
    return values


def workbook_bytes(rows, *, headers=None, sheet_title=DATA_SHEET, formula_at=None) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title
    headers = headers or HEADERS
    sheet.append(headers)
    keys = [column.key for column in COLUMNS]
    for values in rows:
        sheet.append([values.get(key) for key in keys][: len(headers)])
    if formula_at:
        sheet[formula_at] = "=1+1"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(content: bytes, name: str = "건의과제.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )


def zip_bomb() -> bytes:
    """A ZIP with the parts of an .xlsx whose sheet inflates 1000-fold."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", "0" * 20_000_000)
    return buffer.getvalue()


def not_a_workbook_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    return buffer.getvalue()
