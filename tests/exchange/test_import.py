import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.exchange import services
from apps.exchange.models import ImportJob
from apps.exchange.safety import ImportRefused
from apps.proposals.models import Proposal, ProposalEvent
from apps.proposals.models import ProposalStatus as S
from apps.similarity.models import ProposalTerm
from tests.exchange.support import row, upload, workbook_bytes
from tests.proposals.support import Cast

pytestmark = pytest.mark.django_db
Status = ImportJob.Status


@pytest.fixture
def cast():
    return Cast()


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Upload (and check) a file as ``actor``, running the queued tasks as a worker would."""

    def upload_and_check(actor, content, name="건의과제.xlsx"):
        with django_capture_on_commit_callbacks(execute=True):
            job = services.import_upload(actor=actor, upload=upload(content, name))
        job.refresh_from_db()
        return job

    def commit(job, actor):
        with django_capture_on_commit_callbacks(execute=True):
            services.import_commit(job=job, actor=actor)
        job.refresh_from_db()
        return job

    upload_and_check.commit = commit
    return upload_and_check


def test_a_valid_500_row_file_imports_as_drafts_of_the_region(cast, run):
    official = cast["official"]
    job = run(official, workbook_bytes([row(n) for n in range(500)]))

    assert job.status == Status.VALID, job.errors
    assert job.total_rows == 500 and len(job.preview) == 20
    assert Proposal.objects.count() == 0  # nothing before the person confirms

    job = run.commit(job, official)

    assert job.status == Status.DONE, job.message
    assert job.created_count == 500
    proposals = Proposal.objects.filter(region=cast.region)
    assert proposals.count() == 500
    assert set(proposals.values_list("status", flat=True)) == {S.DRAFT}
    assert set(proposals.values_list("created_by", flat=True)) == {official.pk}
    assert ProposalEvent.objects.filter(action="create").count() == 500
    first = proposals.get(title="강원 건의과제 00000 광역철도 연장")
    assert first.category == "rail" and first.budget_estimate == 1000 and first.location == "춘천시"
    assert [s.code for s in first.strategies.all()] == ["plan_transport"]
    assert job.first_reference.endswith("-0001") and job.last_reference.endswith("-0500")
    assert ProposalTerm.objects.filter(proposal=first, term="광역철도").exists()
    assert not job.file  # only the hash is kept


def test_errors_in_seven_rows_are_all_reported_and_nothing_is_imported(cast, run):
    rows = [row(n) for n in range(30)]
    rows[1]["title"] = None  # sheet row 3
    rows[3]["region"] = "화성특별시"  # row 5
    rows[6]["category"] = "우주"  # row 8
    rows[8]["budget_estimate"] = "많음"  # row 10
    rows[10]["is_public"] = "글쎄"  # row 12
    rows[13]["summary"] = "가" * 2001  # row 15
    rows[18]["strategies"] = "지역 교통망 확충, 달 탐사"  # row 20

    job = run(cast["official"], workbook_bytes(rows))

    assert job.status == Status.INVALID
    found = {(error["row"], error["column"]) for error in job.errors}
    assert found == {
        (3, "제목"),
        (5, "지역"),
        (8, "분야"),
        (10, "소요 예산(백만원)"),
        (12, "공개 여부"),
        (15, "요약"),
        (20, "정책 전략"),
    }
    messages = {error["row"]: error["message"] for error in job.errors}
    assert messages[3] == "필수 항목입니다."
    assert "화성특별시" in messages[5]
    assert "2,000자" in messages[15]
    assert "달 탐사" in messages[20]
    assert job.error_count == 7
    assert "7개" in job.message
    assert not Proposal.objects.exists()
    with pytest.raises(ValidationError):
        services.import_commit(job=job, actor=cast["official"])


def test_rows_of_another_region_or_an_abolished_one_are_errors(cast, run):
    job = run(cast["official"], workbook_bytes([row(1, region="부산"), row(2, region="광주"), row(3)]))

    assert job.status == Status.INVALID
    messages = {error["row"]: error["message"] for error in job.errors}
    assert "권한이 없습니다" in messages[2]
    assert "폐지된 지역" in messages[3] and "전남광주통합특별시" in messages[3]


def test_duplicate_rows_in_a_file_and_rows_already_filed_are_reported(cast, run):
    from tests.proposals.support import new_draft

    existing = new_draft(cast, "이미 있는 과제")
    rows = [row(1), row(2), row(1, summary="다르게 쓴 요약"), row(3, title="이미 있는 과제")]

    job = run(cast["official"], workbook_bytes(rows))

    messages = {error["row"]: error["message"] for error in job.errors}
    assert set(messages) == {4, 5}
    assert "2행과" in messages[4]
    assert existing.reference in messages[5]


def test_reuploading_an_imported_file_is_refused(cast, run):
    content = workbook_bytes([row(n) for n in range(3)])
    run.commit(run(cast["official"], content), cast["official"])

    with pytest.raises(ImportRefused, match="이미 가져온 파일"):
        run(cast["vice_governor"], content)
    assert Proposal.objects.count() == 3


def test_uploading_the_same_file_twice_before_importing_reuses_the_job(cast, run):
    content = workbook_bytes([row(1)])
    first = run(cast["official"], content)

    assert run(cast["official"], content).pk == first.pk


def test_commit_checks_again_and_imports_nothing_if_the_world_changed(cast, run):
    from tests.proposals.support import new_draft

    job = run(cast["official"], workbook_bytes([row(1), row(2)]))
    new_draft(cast, row(2)["title"])  # someone files the same title meanwhile

    job = run.commit(job, cast["official"])

    assert job.status == Status.INVALID
    assert Proposal.objects.count() == 1


def test_import_is_all_or_nothing(cast, run, monkeypatch):
    from apps.proposals.services import proposal_create

    calls = []

    def failing(**kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise ValidationError({"title": "저장 실패"})
        return proposal_create(**kwargs)

    monkeypatch.setattr(services, "proposal_create", failing)
    job = run(cast["official"], workbook_bytes([row(n) for n in range(5)]))

    job = run.commit(job, cast["official"])

    assert job.status == Status.FAILED
    assert "4행" in job.message  # the third data row is sheet row 4
    assert not Proposal.objects.exists()
    assert not ProposalEvent.objects.exists()


def test_only_region_authors_may_import_and_only_their_own_jobs(cast, run):
    content = workbook_bytes([row(1)])
    for name in ("tf_staff", "lead_reviewer", "liaison", "advisor"):
        with pytest.raises(PermissionDenied):
            services.import_upload(actor=cast[name], upload=upload(content))
    job = run(cast["official"], content)
    with pytest.raises(PermissionDenied):
        services.import_commit(job=job, actor=cast["vice_governor"])
    assert not ImportJob.objects.exclude(pk=job.pk).exists()
