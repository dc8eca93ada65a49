"""Every kind of file that is not a clean workbook of our columns gets a clear Korean
error and changes nothing."""

import io
import re

import pytest
from django.test import override_settings
from openpyxl import load_workbook

from apps.exchange import services
from apps.exchange.columns import DATA_SHEET, GUIDE_SHEET, LISTS_SHEET
from apps.exchange.models import ImportJob
from apps.exchange.safety import ImportRefused
from apps.exchange.template import build_template
from apps.proposals.models import Proposal
from tests.exchange.support import HEADERS, not_a_workbook_zip, row, upload, workbook_bytes, zip_bomb
from tests.proposals.support import Cast

pytestmark = pytest.mark.django_db
Status = ImportJob.Status


@pytest.fixture
def official():
    return Cast()["official"]


@pytest.fixture
def check(official, django_capture_on_commit_callbacks):
    def run(content, name="건의과제.xlsx"):
        with django_capture_on_commit_callbacks(execute=True):
            job = services.import_upload(actor=official, upload=upload(content, name))
        job.refresh_from_db()
        return job

    return run


REFUSED_UPFRONT = {
    "csv renamed": ("제목,요약\n광역철도,연장\n".encode(), "엑셀 통합 문서(.xlsx)가 아닙니다"),
    "pdf renamed": (b"%PDF-1.7\n1 0 obj<<>>endobj\n", "엑셀 통합 문서(.xlsx)가 아닙니다"),
    "password-protected (OLE2) or .xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "암호로 보호된 파일"),
    "corrupt zip": (b"PK\x03\x04" + b"\x00garbage" * 20, "손상"),
    "zip that is not a workbook": (not_a_workbook_zip(), "엑셀 통합 문서(.xlsx)가 아닙니다"),
    "zip bomb": (zip_bomb(), "압축 폭탄"),
}


@pytest.mark.parametrize("case", REFUSED_UPFRONT, ids=list(REFUSED_UPFRONT))
def test_files_that_are_not_sane_xlsx_are_refused_before_anything_is_stored(case, check):
    content, message = REFUSED_UPFRONT[case]

    with pytest.raises(ImportRefused, match=re.escape(message)):
        check(content)

    assert not ImportJob.objects.exists()
    assert not Proposal.objects.exists()


def test_other_extensions_are_refused(check):
    with pytest.raises(ImportRefused, match=r"\.xlsx"):
        check(workbook_bytes([row(1)]), name="건의과제.csv")


@override_settings(EXCHANGE_MAX_UPLOAD_BYTES=1024)
def test_files_over_the_size_limit_are_refused(check):
    with pytest.raises(ImportRefused, match="너무 큽니다"):
        check(workbook_bytes([row(n) for n in range(50)]))


CHECK_FAILURES = {
    "wrong headers": (workbook_bytes([row(1)], headers=["제목", "내용", "지역", "분야"]), "머리글"),
    "missing a required column": (workbook_bytes([row(1)], headers=HEADERS[:2]), "필수 열이 없습니다"),
    "formula in a cell": (workbook_bytes([row(1), row(2)], formula_at="B3"), "B3 셀에 수식"),
    "only the header": (workbook_bytes([]), "가져올 행이 없습니다"),
}


@pytest.mark.parametrize("case", CHECK_FAILURES, ids=list(CHECK_FAILURES))
def test_workbooks_with_a_file_level_problem_fail_with_the_reason(case, check):
    content, message = CHECK_FAILURES[case]

    job = check(content)

    assert job.status == Status.FAILED
    assert message in job.message
    assert not Proposal.objects.exists()


@override_settings(EXCHANGE_MAX_ROWS=50)
def test_a_sheet_declaring_too_many_rows_is_refused_before_its_rows_are_read(check, monkeypatch):
    from apps.exchange import reading

    read = []
    monkeypatch.setattr(reading, "_rows", lambda sheet, keys: read.append(1) or iter(()))

    job = check(workbook_bytes([row(n) for n in range(60)]))

    assert job.status == Status.FAILED
    assert "행이 너무 많습니다" in job.message and "60행" in job.message
    assert read == []


@override_settings(EXCHANGE_MAX_ROWS=50)
def test_rows_beyond_the_limit_are_refused_even_without_a_dimension(check, monkeypatch):
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    monkeypatch.setattr(ReadOnlyWorksheet, "max_row", property(lambda self: None))

    job = check(workbook_bytes([row(n) for n in range(60)]))

    assert job.status == Status.FAILED
    assert "행이 너무 많습니다" in job.message


def test_template_has_korean_headers_lists_an_example_and_a_guide(official):
    workbook = load_workbook(io.BytesIO(build_template(official)))

    assert workbook.sheetnames == [DATA_SHEET, LISTS_SHEET, GUIDE_SHEET]
    sheet = workbook[DATA_SHEET]
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert sheet["A2"].value.startswith("(예시)")
    assert workbook[LISTS_SHEET].sheet_state == "hidden"
    regions = [cell.value for cell in workbook[LISTS_SHEET]["A"][1:] if cell.value]
    assert regions == ["강원"]  # the official's own region only
    lists = {str(v.sqref)[0]: v.formula1 for v in sheet.data_validations.dataValidation}
    assert set(lists) == {"C", "D", "E", "K"}  # 지역, 분야, 정책 전략, 공개 여부
    assert lists["C"].startswith("='목록'!$A$2")


def test_the_template_filled_in_round_trips(official, check):
    workbook = load_workbook(io.BytesIO(build_template(official)))
    sheet = workbook[DATA_SHEET]
    for n in range(3):
        values = row(n)
        sheet.append([values[key] for key in ("title", "summary", "region", "category", "strategies",
                                              "requested_action", "related_laws", "budget_estimate",
                                              "location", "body", "is_public")])  # fmt: skip
    buffer = io.BytesIO()
    workbook.save(buffer)

    job = check(buffer.getvalue())

    assert job.status == Status.VALID, job.errors or job.message
    assert job.total_rows == 3  # the example row is skipped


def test_the_untouched_template_has_nothing_to_import(official, check):
    job = check(build_template(official))

    assert job.status == Status.FAILED
    assert "가져올 행이 없습니다" in job.message


def test_a_workbook_clamd_finds_a_virus_in_is_refused(check, settings):
    # ClamAV (apps/core/virusscan.py), when CLAMD_SOCKET is set: the ledger import too.
    from tests.core.fake_clamd import FakeClamd

    clamd = FakeClamd(verdict=lambda data: b"stream: Xlsx.Downloader.Macro FOUND")
    with clamd.running() as address:
        settings.CLAMD_SOCKET = address
        with pytest.raises(ImportRefused, match=r"Xlsx\.Downloader\.Macro"):
            check(workbook_bytes([row(1)]))

    assert not ImportJob.objects.exists()
    assert len(clamd.scanned) == 1 and clamd.scanned[0].startswith(b"PK")
