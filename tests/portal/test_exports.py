import csv
import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from apps.portal.serializers import EXPORT_COLUMNS, PUBLIC_PROPOSAL_FIELDS
from tests.portal.support import S, decided, proposal_in

pytestmark = pytest.mark.django_db


def download(client, fmt, query=""):
    response = client.get(reverse("portal-export", args=[fmt]) + query)
    assert response.status_code == 200
    assert "attachment;" in response["Content-Disposition"]
    return response, b"".join(response.streaming_content) if response.streaming else response.content


def test_csv_is_streamed_utf8_bom_with_public_columns(client, cast):
    decided(cast, "accepted", title="동해선 광역철도")
    proposal_in(cast, S.DRAFT, title="작성중 과제")

    response, body = download(client, "csv")

    assert response.streaming
    text = body.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == [str(label) for label, _getter in EXPORT_COLUMNS]
    assert len(rows) == 2 and rows[1][1] == "동해선 광역철도"
    assert "작성중 과제" not in text
    assert "소관부서" in rows[0] and "주관부서" not in rows[0]  # the public site's word


def test_downloads_follow_the_filters(client, cast):
    decided(cast, "accepted", title="수용")
    decided(cast, "not_accepted", title="곤란")

    _response, body = download(client, "csv", "?outcome=not_accepted")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert [row[1] for row in rows[1:]] == ["곤란"]


def test_xlsx_has_header_and_rows(client, cast):
    decided(cast, "accepted", title="엑셀 과제")

    _response, body = download(client, "xlsx")

    sheet = load_workbook(io.BytesIO(body), read_only=True).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0][0] == "과제번호" and values[1][1] == "엑셀 과제"


def test_json_uses_the_public_serializer(client, cast):
    decided(cast, "accepted", title="제이슨 과제")

    _response, body = download(client, "json")

    data = json.loads(body)
    assert [row["title"] for row in data["results"]] == ["제이슨 과제"]
    assert set(data["results"][0]) == set(PUBLIC_PROPOSAL_FIELDS)


def test_formula_like_cells_are_neutralised(client, cast):
    proposal_in(cast, S.SUBMITTED, title='=HYPERLINK("http://x")')

    _response, body = download(client, "csv")
    assert "'=HYPERLINK" in body.decode("utf-8-sig")


def test_unknown_format_404_and_bad_filters_400(client):
    assert client.get("/public/proposals/download.pdf").status_code == 404
    assert client.get(reverse("portal-export", args=["csv"]) + "?year=abc").status_code == 400
