import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from apps.exchange.models import ImportJob
from apps.proposals.models import Proposal
from apps.proposals.models import ProposalStatus as S
from tests.exchange.support import row, upload, workbook_bytes
from tests.proposals.support import Cast, new_draft, proposal_in
from tests.similarity.support import draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    return Cast()


def _client(user):
    client = Client()
    client.force_login(user)
    return client


# --- import pages ---------------------------------------------------------------------


def test_import_pages_are_for_region_authors_only(cast):
    assert _client(cast["official"]).get(reverse("exchange-import-list")).status_code == 200
    assert _client(cast["vice_governor"]).get(reverse("exchange-import-template")).status_code == 200
    for name in ("tf_staff", "lead_reviewer", "liaison"):
        client = _client(cast[name])
        assert client.get(reverse("exchange-import-template")).status_code == 403
        assert client.post(reverse("exchange-import-list")).status_code in (302, 403)
    # The ministry's staff are let into /exchange/ for what they may do there: the ledger.
    for name in ("tf_staff", "lead_reviewer"):
        response = _client(cast[name]).get(reverse("exchange-import-list"))
        assert response.status_code == 302 and response["Location"] == reverse("exchange-ledger")
    assert _client(cast["liaison"]).get(reverse("exchange-import-list")).status_code == 403
    anonymous = Client().get(reverse("exchange-import-list"))
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]


def test_template_download_is_an_xlsx_attachment(cast):
    response = _client(cast["official"]).get(reverse("exchange-import-template"))

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    assert load_workbook(io.BytesIO(response.content)).sheetnames[0] == "건의과제"


def test_upload_check_preview_import_from_the_pages(cast, django_capture_on_commit_callbacks):
    client = _client(cast["official"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("exchange-import-list"), {"file": upload(workbook_bytes([row(n) for n in range(3)]))}
        )
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("exchange-import-detail", args=[job.pk])

    page = client.get(response["Location"]).content.decode()
    assert "미리보기" in page and row(0)["title"] in page
    assert reverse("exchange-import-commit", args=[job.pk]) in page
    assert reverse("exchange-import-status", args=[job.pk]) not in page  # checked: nothing to poll

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("exchange-import-commit", args=[job.pk]))
    assert Proposal.objects.filter(status=S.DRAFT, region=cast.region).count() == 3
    assert (
        "3건을 작성중 상태로 가져왔습니다"
        in client.get(reverse("exchange-import-detail", args=[job.pk])).content.decode()
    )
    listing = client.get(reverse("exchange-import-list")).content.decode()
    assert "가져오기 완료" in listing


def test_a_running_job_polls_its_status_and_others_may_not_see_it(cast):
    client = _client(cast["official"])
    client.post(reverse("exchange-import-list"), {"file": upload(workbook_bytes([row(1)]))})
    job = ImportJob.objects.get()  # the check is queued after commit: still waiting
    assert job.status == ImportJob.Status.QUEUED

    fragment = client.get(reverse("exchange-import-status", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in fragment and "<progress" in fragment

    other = _client(cast["vice_governor"])
    assert other.get(reverse("exchange-import-detail", args=[job.pk])).status_code == 404
    assert other.post(reverse("exchange-import-commit", args=[job.pk])).status_code == 404


def test_a_refused_file_shows_the_reason_on_the_form(cast):
    client = _client(cast["official"])

    response = client.post(reverse("exchange-import-list"), {"file": upload(b"a,b\n1,2\n", "목록.xlsx")})

    assert response.status_code == 400
    assert "엑셀 통합 문서(.xlsx)가 아닙니다" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_errors_are_listed_by_row_and_column(cast, django_capture_on_commit_callbacks):
    client = _client(cast["official"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("exchange-import-list"), {"file": upload(workbook_bytes([row(1, category="우주")]))})
    job = ImportJob.objects.get()

    page = client.get(reverse("exchange-import-detail", args=[job.pk])).content.decode()

    assert 'id="import-errors"' in page and "알 수 없는 분야입니다: 우주" in page
    assert client.post(reverse("exchange-import-commit", args=[job.pk])).status_code == 409
    assert client.post(reverse("exchange-import-delete", args=[job.pk])).status_code == 302
    assert not ImportJob.objects.exists()


# --- export ---------------------------------------------------------------------------


def _rows(response):
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    return [[cell.value for cell in line] for line in sheet.iter_rows()]


def test_export_is_the_visible_list_with_the_screen_columns(cast):
    mine = new_draft(cast, "우리 지역 초안")
    submitted = proposal_in(cast, S.SUBMITTED, "강원 접수 과제")
    busan = draft("26", "부산 초안")
    client = _client(cast["official"])

    response = client.get(reverse("exchange-export-proposals"))

    rows = _rows(response)
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert rows[0] == [
        "과제번호",
        "제목",
        "정책 전략",
        "지역",
        "분야",
        "상태",
        "검토결과",
        "주관부서",
        "처리기한",
        "기한",
        "접수일",
    ]
    references = {line[0] for line in rows[1:]}
    assert references == {mine.reference, submitted.reference}
    assert busan.reference not in references
    # The same rows as the list page shows to this person.
    page = client.get(reverse("proposal-list")).content.decode()
    assert all(reference in page for reference in references)


def test_export_follows_the_filters_and_the_queue(cast):
    new_draft(cast, "초안")
    submitted = proposal_in(cast, S.SUBMITTED, "접수된 과제")
    assigned = proposal_in(cast, S.ASSIGNED, "배정된 과제")
    official, tf = _client(cast["official"]), _client(cast["tf_staff"])

    filtered = _rows(official.get(reverse("exchange-export-proposals"), {"status": "submitted"}))
    assert [line[0] for line in filtered[1:]] == [submitted.reference]

    triage = _rows(tf.get(reverse("exchange-export-proposals"), {"queue": "proposal-triage"}))
    assert [line[0] for line in triage[1:]] == [submitted.reference]  # the queue's default: 접수

    inbox = _rows(_client(cast["lead_reviewer"]).get(reverse("exchange-export-proposals"), {"queue": "proposal-inbox"}))
    assert [line[0] for line in inbox[1:]] == [assigned.reference]
    assert inbox[1][7] == "녹색도시과"


def test_export_refuses_queues_the_person_has_no_part_in(cast):
    assert (
        _client(cast["lead_reviewer"])
        .get(reverse("exchange-export-proposals"), {"queue": "proposal-triage"})
        .status_code
        == 403
    )
    assert (
        _client(cast["tf_staff"]).get(reverse("exchange-export-proposals"), {"queue": "proposal-mine"}).status_code
        == 403
    )
    assert Client().get(reverse("exchange-export-proposals")).status_code == 302


def test_exported_text_is_never_a_formula(cast):
    new_draft(cast, '=HYPERLINK("http://example.com","클릭")')

    response = _client(cast["official"]).get(reverse("exchange-export-proposals"))

    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert sheet["B2"].data_type == "s"
    assert sheet["B2"].value.startswith("=HYPERLINK")


def test_list_pages_link_to_the_export_with_their_filters(cast):
    html = _client(cast["tf_staff"]).get(reverse("proposal-triage"), {"status": "assigned"}).content.decode()

    assert f"{reverse('exchange-export-proposals')}?queue=proposal-triage&amp;status=assigned" in html
