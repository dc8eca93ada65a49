"""Bulk update from the ledger: download, edit the columns of one's role, upload, see the
diff, apply — through the registry's rules, services, events and notifications."""

import datetime

import pytest
from django.urls import reverse

from apps.exchange.models import LedgerUpdate
from apps.notifications.models import Notification
from apps.proposals.models import Proposal, ProposalEvent
from apps.proposals.models import ProposalStatus as S
from apps.proposals.services import proposal_fire
from tests.exchange.ledger_support import content_of, edited, upload
from tests.proposals.support import LEAD_DEPARTMENT, OTHER_DEPARTMENT, Cast, fire, proposal_in

pytestmark = pytest.mark.django_db
Status = LedgerUpdate.Status
PLANNED = datetime.date(2027, 9, 30)


@pytest.fixture
def cast():
    return Cast()


@pytest.fixture
def ledger(api_client, django_capture_on_commit_callbacks):
    """Download, upload and apply as a person would, the queued tasks run as a worker's."""

    class Ledger:
        def download(self, user, query=""):
            api_client.force_authenticate(user)
            return content_of(api_client.get(f"/api/v1/ledger/?format=xlsx{query}"))

        def upload(self, user, content):
            api_client.force_authenticate(user)
            with django_capture_on_commit_callbacks(execute=True):
                response = api_client.post("/api/v1/ledger/updates/", {"file": upload(content)}, format="multipart")
            assert response.status_code == 201, response.content
            return api_client.get(f"/api/v1/ledger/updates/{response.json()['id']}/").json()

        def apply(self, user, job_id):
            api_client.force_authenticate(user)
            with django_capture_on_commit_callbacks(execute=True):
                response = api_client.post(f"/api/v1/ledger/updates/{job_id}/apply/")
            return response

    return Ledger()


def test_tf_round_trip_assigns_50_proposals(cast, ledger):
    proposals = [proposal_in(cast, S.SUBMITTED, f"광역철도 연장 건의 {n:02d}") for n in range(50)]
    tf = cast["tf_staff"]
    content = ledger.download(tf)
    edits = {
        p.reference: {"lead_department": LEAD_DEPARTMENT, "support_departments": OTHER_DEPARTMENT} for p in proposals
    }

    job = ledger.upload(tf, edited(content, edits))

    assert job["status"] == Status.READY, job
    assert len(job["rows"]) == 50 and all(not row["errors"] for row in job["rows"])
    first = next(row for row in job["rows"] if row["reference"] == proposals[0].reference)
    assert {"column": "lead_department", "header": "주관부서", "before": "", "after": LEAD_DEPARTMENT} in first[
        "changes"
    ]
    assert Proposal.objects.filter(status=S.ASSIGNED).count() == 0  # nothing before applying

    response = ledger.apply(tf, job["id"])

    assert response.status_code == 202, response.content
    assert LedgerUpdate.objects.get(pk=job["id"]).status == Status.APPLIED
    assigned = Proposal.objects.filter(pk__in=[p.pk for p in proposals])
    assert set(assigned.values_list("status", flat=True)) == {S.ASSIGNED}
    assert set(assigned.values_list("lead_department__code", flat=True)) == {LEAD_DEPARTMENT}
    assert [d.code for d in assigned[0].support_departments.all()] == [OTHER_DEPARTMENT]
    events = ProposalEvent.objects.filter(action="assign", actor=tf)
    assert events.count() == 50 and all(e.payload["lead_department"] == LEAD_DEPARTMENT for e in events)
    # The department hears of each assignment, as when assigned on the web.
    reviewer = cast["lead_reviewer"]
    assert Notification.objects.filter(recipient=reviewer, kind="assigned").count() == 50


def test_reviewer_decides_10_and_is_refused_2_rows_it_may_not_change(cast, ledger):
    own = [proposal_in(cast, S.IN_REVIEW if n % 2 else S.ASSIGNED, f"도로 확장 {n}") for n in range(10)]
    supported = []
    for n in range(2):
        proposal = proposal_in(cast, S.SUBMITTED, f"협조만 하는 과제 {n}")
        supported.append(
            fire(
                cast,
                proposal,
                "tf_staff",
                "assign",
                lead_department=OTHER_DEPARTMENT,
                support_departments=[LEAD_DEPARTMENT],
            )
        )
    reviewer = cast["lead_reviewer"]
    decision = {
        "outcome": "수용",
        "decision_summary": "내년 예산에 반영해 추진합니다.",
        "decision_reasons": "사업 타당성 확인",
        "planned_for": PLANNED,
    }
    edits = {p.reference: decision for p in [*own, *supported]}

    job = ledger.upload(reviewer, edited(ledger.download(reviewer), edits))

    assert job["status"] == Status.READY
    refused = {row["reference"]: row for row in job["rows"] if row["errors"]}
    assert set(refused) == {p.reference for p in supported}
    message = refused[supported[0].reference]["errors"][0]
    assert "바꿀 권한이 없습니다" in message and "주관부서 담당자" in message
    assert "(을)를" not in message

    assert ledger.apply(reviewer, job["id"]).status_code == 202

    for proposal in own:
        proposal.refresh_from_db()
        assert proposal.status == S.DECIDED and proposal.outcome == "accepted"
        assert proposal.planned_for == PLANNED and proposal.decision_reasons == "사업 타당성 확인"
    for proposal in supported:
        before = proposal.updated_at
        proposal.refresh_from_db()
        assert proposal.status == S.ASSIGNED and proposal.outcome == "" and proposal.updated_at == before
    assert ProposalEvent.objects.filter(action="decide", actor=reviewer).count() == 10
    assert Notification.objects.filter(kind="decided").exists()


def test_input_the_action_refuses_is_a_korean_row_error(cast, ledger):
    proposal = proposal_in(cast, S.IN_REVIEW)
    reviewer = cast["lead_reviewer"]
    content = edited(ledger.download(reviewer), {proposal.reference: {"outcome": "수용", "decision_reasons": "좋음"}})

    job = ledger.upload(reviewer, content)

    assert job["status"] == Status.NOTHING
    assert job["rows"][0]["errors"] == ["‘추진 예정일’: 수용 과제는 추진 예정일이 필요합니다."]
    content = edited(ledger.download(reviewer), {proposal.reference: {"progress": "많이", "outcome": "최고"}})
    errors = ledger.upload(reviewer, content)["rows"][0]["errors"]
    assert any(e.startswith("‘검토결과’: 검토결과는 목록") for e in errors)
    assert "‘추진률(%)’: 추진률은 0~100 사이의 정수여야 합니다." in errors


def test_a_row_changed_since_the_download_is_a_conflict_never_overwritten(cast, ledger):
    proposal = proposal_in(cast, S.SUBMITTED)
    tf = cast["tf_staff"]
    content = ledger.download(tf)
    # Someone assigns it on the web meanwhile.
    proposal_fire(proposal=proposal, actor=cast["tf_staff"], action="assign", lead_department=OTHER_DEPARTMENT)

    job = ledger.upload(tf, edited(content, {proposal.reference: {"lead_department": LEAD_DEPARTMENT}}))

    row = job["rows"][0]
    assert row["conflict"] is True and "충돌" in row["errors"][0]
    assert job["status"] == Status.NOTHING
    proposal.refresh_from_db()
    assert proposal.lead_department.code == OTHER_DEPARTMENT


def test_apply_answers_409_when_a_row_changed_after_the_check(cast, ledger):
    first, second = proposal_in(cast, S.SUBMITTED, "첫째"), proposal_in(cast, S.SUBMITTED, "둘째")
    tf = cast["tf_staff"]
    edits = {p.reference: {"lead_department": LEAD_DEPARTMENT} for p in (first, second)}
    job = ledger.upload(tf, edited(ledger.download(tf), edits))
    assert job["status"] == Status.READY
    proposal_fire(proposal=second, actor=tf, action="request_info", note="예산 근거 보완")

    response = ledger.apply(tf, job["id"])

    assert response.status_code == 409
    assert second.reference in response.json()["detail"]
    first.refresh_from_db()
    assert first.status == S.SUBMITTED and first.lead_department is None  # nothing applied
    assert LedgerUpdate.objects.get(pk=job["id"]).status == Status.CONFLICT


def test_unchanged_rows_do_nothing(cast, ledger):
    proposal_in(cast, S.SUBMITTED)
    tf = cast["tf_staff"]

    job = ledger.upload(tf, ledger.download(tf))

    assert job["status"] == Status.NOTHING and job["rows"] == []
    assert ledger.apply(tf, job["id"]).status_code == 409


def test_progress_of_an_accepted_proposal_updates_the_followup(cast, ledger):
    proposal = proposal_in(cast, S.IN_PROGRESS)
    reviewer = cast["lead_reviewer"]
    content = edited(ledger.download(reviewer), {proposal.reference: {"progress": 40, "milestone": "기본계획 착수"}})

    job = ledger.upload(reviewer, content)
    assert ledger.apply(reviewer, job["id"]).status_code == 202

    proposal.refresh_from_db()
    assert proposal.progress == 40
    event = ProposalEvent.objects.get(proposal=proposal, action="update_followup")
    assert event.payload == {"progress": 40, "milestone": "기본계획 착수"}


def test_who_may_upload_and_whose_jobs_they_see(cast, ledger, api_client):
    api_client.force_authenticate(cast["official"])
    assert api_client.post("/api/v1/ledger/updates/", {}, format="multipart").status_code == 403
    api_client.force_authenticate(cast["admin"])
    assert api_client.get("/api/v1/ledger/updates/").status_code == 403
    tf = cast["tf_staff"]
    job = ledger.upload(tf, ledger.download(tf))
    api_client.force_authenticate(cast["lead_reviewer"])
    assert api_client.get(f"/api/v1/ledger/updates/{job['id']}/").status_code == 404
    assert api_client.post(f"/api/v1/ledger/updates/{job['id']}/apply/").status_code == 404


def test_a_file_that_is_not_a_ledger_is_refused_in_korean(cast, api_client):
    api_client.force_authenticate(cast["tf_staff"])
    response = api_client.post(
        "/api/v1/ledger/updates/", {"file": upload(b"not,a,workbook\n", "x.xlsx")}, format="multipart"
    )
    assert response.status_code == 400
    assert "엑셀 통합 문서" in response.json()["file"][0]


def test_the_web_pages_show_the_diff_and_apply(cast, ledger, client, django_capture_on_commit_callbacks):
    proposal = proposal_in(cast, S.SUBMITTED)
    tf = cast["tf_staff"]
    content = edited(ledger.download(tf), {proposal.reference: {"lead_department": LEAD_DEPARTMENT}})
    client.force_login(tf)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("exchange-ledger"), {"file": upload(content)})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "바뀌는 과제 1개" in page and LEAD_DEPARTMENT in page and "반영하기" in page
    job = LedgerUpdate.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("exchange-ledger-update-apply", args=[job.pk]))
    proposal.refresh_from_db()
    assert proposal.status == S.ASSIGNED
    assert "반영 완료" in client.get(reverse("exchange-ledger")).content.decode()
