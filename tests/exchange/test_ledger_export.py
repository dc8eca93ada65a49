"""The ledger download: every column a staff member may see, streamed as a workbook a
person can filter and edit; columns and rows by what the viewer may see."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from apps.exchange.ledger.columns import DATA_SHEET
from apps.proposals.models import ProposalStatus as S
from tests.exchange.ledger_support import XLSX, content_of, sheet_rows
from tests.proposals.support import OTHER_DEPARTMENT, Cast, fire, proposal_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    return Cast()


def _download(api_client, user, query=""):
    api_client.force_authenticate(user)
    return api_client.get(f"/api/v1/ledger/?format=xlsx{query}")


def test_tf_downloads_every_visible_proposal_with_the_full_columns(cast, api_client):
    decided = proposal_in(cast, S.DECIDED, '=HYPERLINK("http://evil") 광역철도')
    submitted = proposal_in(cast, S.SUBMITTED, "도심융합특구 지정")
    draft = proposal_in(cast, S.DRAFT, "아직 작성중인 과제")

    response = _download(api_client, cast["tf_staff"])

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert "attachment" in response["Content-Disposition"]
    content = content_of(response)
    keys, rows = sheet_rows(content)
    assert {"id", "version", "reference", "region", "current_region", "status", "due_at", "d_day", "lead_department",
            "support_departments", "outcome", "decision_summary", "decision_reasons", "planned_for", "progress",
            "milestone", "consultations", "cluster", "submitted_at", "decided_at"} <= set(keys)  # fmt: skip
    by_reference = {row["reference"]: row for row in rows}
    assert set(by_reference) == {decided.reference, submitted.reference}  # never another region's draft
    assert draft.reference not in by_reference
    row = by_reference[decided.reference]
    assert row["id"] == decided.pk and row["status"] == "검토완료" and row["outcome"] == "수용"
    assert row["decision_reasons"] == "타당함"  # TF reads internal reasons
    assert row["title"].startswith("=HYPERLINK")  # text, never a formula
    assert by_reference[submitted.reference]["d_day"].startswith("D-")

    sheet = load_workbook(io.BytesIO(content))[DATA_SHEET]
    assert sheet.freeze_panes == "D2"
    assert sheet.auto_filter.ref.startswith("A1:")
    assert sheet.column_dimensions["A"].hidden and sheet.column_dimensions["B"].hidden
    assert sheet.column_dimensions["F"].width == 45
    kinds = {validation.type for validation in sheet.data_validations.dataValidation}
    assert {"list", "whole", "date"} <= kinds
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_internal_columns_only_for_those_who_read_internal_records(cast, api_client, make_member):
    decided = proposal_in(cast, S.DECIDED, "결정된 과제")
    office = make_member("regional_office")

    _keys, rows = sheet_rows(content_of(_download(api_client, office)))
    keys, _rows = sheet_rows(content_of(_download(api_client, office)))
    assert "decision_reasons" not in keys and "consultations" not in keys
    assert [row["reference"] for row in rows] == [decided.reference]  # 강원 is 원주청's

    other = proposal_in(cast, S.ASSIGNED, "다른 부서 과제")
    fire(cast, other, "tf_staff", "reassign", lead_department=OTHER_DEPARTMENT)
    _keys, rows = sheet_rows(content_of(_download(api_client, cast["lead_reviewer"])))
    assert [row["reference"] for row in rows] == [decided.reference]  # not the other department's
    assert rows[0]["decision_reasons"] == "타당함"


def test_filters_of_the_list_apply(cast, api_client):
    gangwon = proposal_in(cast, S.SUBMITTED, "강원 과제")

    _keys, rows = sheet_rows(content_of(_download(api_client, cast["tf_staff"], "&region=26")))
    assert rows == []
    _keys, rows = sheet_rows(content_of(_download(api_client, cast["tf_staff"], "&region=51&status=submitted")))
    assert [row["reference"] for row in rows] == [gangwon.reference]
    assert _download(api_client, cast["tf_staff"], "&year=abc").status_code == 400
    assert api_client.get("/api/v1/ledger/?format=csv").status_code == 400


def test_the_ledger_is_for_the_ministrys_staff(cast, api_client):
    for name in ("official", "vice_governor", "liaison", "advisor"):
        assert _download(api_client, cast[name]).status_code == 403
    api_client.force_authenticate(None)
    assert api_client.get("/api/v1/ledger/").status_code == 401


def test_the_web_page_downloads_with_filters(cast, client):
    proposal_in(cast, S.SUBMITTED, "강원 과제")
    client.force_login(cast["tf_staff"])

    assert client.get(reverse("exchange-ledger")).status_code == 200
    response = client.get(reverse("exchange-ledger-download"), {"region": "51"})
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    _keys, rows = sheet_rows(content_of(response))
    assert len(rows) == 1
    client.force_login(cast["official"])
    assert client.get(reverse("exchange-ledger")).status_code == 403
