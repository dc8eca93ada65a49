"""Attachments: type checked by content, zip safety, names sanitised, nothing left behind
on failure, and downloads only for those who may see the proposal."""

import io
import unicodedata
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse

from apps.proposals import attachments as attachments_module
from apps.proposals.attachments import attachment_add, sanitise_filename
from apps.proposals.download_views import content_disposition
from apps.proposals.models import Attachment, ProposalEvent
from apps.proposals.models import ProposalStatus as S
from tests.proposals.services import files
from tests.proposals.support import Cast, proposal_in

pytestmark = pytest.mark.django_db

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def cast():
    return Cast()


@pytest.fixture
def proposal(cast):
    return proposal_in(cast, S.SUBMITTED)


def stored_files(media: Path) -> list[Path]:
    return [p for p in media.rglob("*") if p.is_file()]


@pytest.mark.parametrize(
    ("name", "make", "content_type"),
    [
        ("건의서.pdf", files.pdf, "application/pdf"),
        ("위치도.png", files.png, "image/png"),
        ("현장사진.jpg", files.jpeg, "image/jpeg"),
        ("현장사진.JPEG", files.jpeg, "image/jpeg"),
        ("건의서.hwp", files.hwp, "application/x-hwp"),
        ("건의서.hwpx", files.hwpx, "application/hwp+zip"),
        ("사업비.xlsx", files.xlsx, XLSX_TYPE),
        ("사업비.xls", files.xls, "application/vnd.ms-excel"),
        (
            "검토의견.docx",
            files.docx,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "설명자료.pptx",
            files.pptx,
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
        ("참고자료.zip", files.plain_zip, "application/zip"),
    ],
)
def test_attachment_add_accepts_each_allowed_type(cast, proposal, media, name, make, content_type):
    content = make()
    attachment = attachment_add(proposal=proposal, actor=cast["official"], upload=files.upload(name, content))
    attachment.refresh_from_db()
    assert (attachment.original_name, attachment.content_type, attachment.size) == (name, content_type, len(content))
    stored = Path(attachment.file.path)
    assert stored.read_bytes() == content
    # The stored name is random and under the proposal: never the uploader's name.
    assert stored.parent == media / "proposals" / str(proposal.pk)
    assert name.split(".")[0] not in stored.name and "." not in stored.name
    event = ProposalEvent.objects.get(proposal=proposal, action="attach")
    assert event.payload["attachment"] == attachment.pk
    assert event.payload["name"] == name


def test_attachment_add_ignores_the_content_type_the_client_claims(cast, proposal):
    upload = files.upload("사업비.xlsx", files.xlsx(), content_type="text/html")
    attachment = attachment_add(proposal=proposal, actor=cast["official"], upload=upload)
    assert attachment.content_type == XLSX_TYPE


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("건의서.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64),  # a Windows executable
        ("위치도.png", b"<html><script>alert(1)</script></html>"),
        ("현장사진.jpg", b"GIF89a\x01\x00\x01\x00"),
        ("건의서.hwp", files.doc()),  # OLE2, but a Word document
        ("사업비.xls", files.hwp()),  # OLE2, but a HWP document
        ("사업비.xlsx", files.plain_zip()),  # a ZIP without the workbook parts
        ("건의서.hwpx", files.plain_zip()),
        ("참고자료.zip", b"PK\x03\x04 this is not really a zip archive"),
        ("건의서.pdf", b"  %PDF-1.4 preceded by something else"),
    ],
    # Ids from the names and position only: zip bytes carry the time they were made, and
    # pytest-xdist workers must collect identical ids.
    ids=lambda value: value if isinstance(value, str) else "content",
)
def test_attachment_add_refuses_wrong_content_with_right_extension(cast, proposal, media, name, content):
    with pytest.raises(ValidationError) as error:
        attachment_add(proposal=proposal, actor=cast["official"], upload=files.upload(name, content))
    assert "file" in error.value.message_dict
    assert not Attachment.objects.exists()
    assert stored_files(media) == []


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("건의서.pdf", files.png),
        ("현장사진.jpg", files.png),
        ("위치도.png", files.jpeg),
        ("사업비.xlsx", files.docx),
        ("검토의견.docx", files.xlsx),
        ("설명자료.pptx", files.hwpx),
        ("건의서.hwpx", files.pptx),
        ("건의서.hwp", files.xls),
        ("사업비.xls", files.pdf),
        ("참고자료.zip", files.pdf),
    ],
)
def test_attachment_add_refuses_extension_that_disagrees_with_content(cast, proposal, name, make):
    with pytest.raises(ValidationError, match="확장자"):
        attachment_add(proposal=proposal, actor=cast["official"], upload=files.upload(name, make()))
    assert not Attachment.objects.exists()


@pytest.mark.parametrize("name", ["setup.exe", "page.html", "script.js", "README", "archive.tar.gz", "보고서.pdf.exe"])
def test_attachment_add_refuses_types_not_allowed(cast, proposal, name):
    with pytest.raises(ValidationError, match="허용되지 않는 파일 형식"):
        attachment_add(proposal=proposal, actor=cast["official"], upload=files.upload(name, files.pdf()))


def test_attachment_add_refuses_a_file_over_the_limit(cast, proposal, settings, media):
    settings.ATTACHMENT_MAX_BYTES = 1024
    content = files.pdf() + b"%" * 1024
    with pytest.raises(ValidationError, match="너무 큽니다"):
        attachment_add(proposal=proposal, actor=cast["official"], upload=files.upload("큰파일.pdf", content))
    assert stored_files(media) == []


def test_attachment_add_accepts_a_file_exactly_at_the_limit(cast, proposal, settings):
    content = files.pdf()
    settings.ATTACHMENT_MAX_BYTES = len(content)
    attachment_add(proposal=proposal, actor=cast["official"], upload=files.upload("딱맞음.pdf", content))
    assert Attachment.objects.count() == 1


def test_attachment_add_refuses_an_empty_file(cast, proposal):
    with pytest.raises(ValidationError, match="빈 파일"):
        attachment_add(proposal=proposal, actor=cast["official"], upload=files.upload("빈.pdf", b""))


def _zip_of(entries, compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return buffer.getvalue()


def test_attachment_add_refuses_a_zip_bomb(cast, proposal, media):
    bomb = _zip_of([("zeros.bin", b"\x00" * (5 * 1024 * 1024))])
    assert len(bomb) < 64 * 1024  # 5 MB of zeros packs into a few KB: ratio ≫ 100
    with pytest.raises(ValidationError, match="압축 폭탄"):
        attachment_add(proposal=proposal, actor=cast["official"], upload=files.upload("자료.zip", bomb))
    assert stored_files(media) == []


def test_attachment_add_refuses_a_docx_hiding_a_zip_bomb(cast, proposal):
    bomb = _zip_of(
        [
            ("[Content_Types].xml", files.CONTENT_TYPES_XML),
            ("word/document.xml", b"<w:document/>"),
            ("word/media/padding.bin", b"A" * (3 * 1024 * 1024)),
        ]
    )
    with pytest.raises(ValidationError, match="압축 폭탄"):
        attachment_add(proposal=proposal, actor=cast["official"], upload=files.upload("검토의견.docx", bomb))


def test_attachment_add_refuses_a_zip_too_large_once_unpacked(cast, proposal, settings):
    settings.ATTACHMENT_MAX_BYTES = 10_000  # unpacked limit: 20 × 10 KB = 200 KB
    archive = _zip_of([("big.txt", b"\x00" * 300_000)])
    assert len(archive) < 10_000
    with pytest.raises(ValidationError, match="크기가 너무 큽니다"):
        attachment_add(proposal=proposal, actor=cast["official"], upload=files.upload("자료.zip", archive))


def test_attachment_add_refuses_a_zip_with_too_many_entries(cast, proposal):
    archive = _zip_of([(f"사진/{n:04d}.txt", b"x") for n in range(1001)], compression=zipfile.ZIP_STORED)
    with pytest.raises(ValidationError, match="항목이 너무 많습니다"):
        attachment_add(proposal=proposal, actor=cast["official"], upload=files.upload("사진.zip", archive))


@pytest.mark.parametrize(
    "entry", ["../../etc/cron.d/evil", "/etc/passwd", "자료/../../밖.txt", "C:\\Windows\\evil.dll"]
)
def test_attachment_add_refuses_a_zip_with_unsafe_entry_paths(cast, proposal, entry):
    archive = _zip_of([("정상.txt", b"ok"), (entry, b"evil")])
    with pytest.raises(ValidationError, match="허용되지 않는 경로"):
        attachment_add(proposal=proposal, actor=cast["official"], upload=files.upload("자료.zip", archive))


def test_attachment_add_refuses_a_zip_whose_data_does_not_match_its_header(cast, proposal):
    archive = bytearray(_zip_of([("현황.txt", "광역철도 현황 " * 200)]))
    data_start = 30 + len("현황.txt".encode())
    archive[data_start + 5] ^= 0xFF  # corrupt the compressed data; the CRC no longer matches
    with pytest.raises(ValidationError, match="손상"):
        attachment_add(proposal=proposal, actor=cast["official"], upload=files.upload("자료.zip", bytes(archive)))


@pytest.mark.parametrize(
    ("uploaded", "kept"),
    [
        ("../../etc/건의서.pdf", "건의서.pdf"),
        ("C:\\Users\\담당자\\바탕 화면\\건의서.pdf", "건의서.pdf"),
        ("건의\x00서\x1b[31m.pdf", "건의서[31m.pdf"),
        ("건의서\u202efdp.pdf", "건의서fdp.pdf"),  # no right-to-left override tricks
        (unicodedata.normalize("NFD", "한글파일.pdf"), "한글파일.pdf"),  # macOS sends NFD
        ("  .건의서.pdf. ", "건의서.pdf"),
        ("/", "첨부파일"),
    ],
)
def test_sanitise_filename_keeps_a_safe_basename(uploaded, kept):
    assert sanitise_filename(uploaded) == kept


def test_sanitise_filename_cuts_long_names_to_255_keeping_the_extension():
    name = sanitise_filename("가" * 400 + ".pdf")
    assert len(name) == 255 and name.endswith(".pdf")


def test_attachment_add_keeps_the_sanitised_original_name(cast, proposal):
    upload = files.upload("../../../var/www/위치도.png", files.png())
    attachment = attachment_add(proposal=proposal, actor=cast["official"], upload=upload)
    assert attachment.original_name == "위치도.png"
    assert ".." not in attachment.file.name


def test_attachment_add_leaves_nothing_when_the_event_cannot_be_written(cast, proposal, media, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(attachments_module, "record_event", broken)
    with pytest.raises(RuntimeError):
        attachment_add(proposal=proposal, actor=cast["official"], upload=files.upload("건의서.pdf", files.pdf()))
    assert not Attachment.objects.exists()
    assert stored_files(media) == []


@pytest.mark.parametrize("who", ["official", "vice_governor", "tf_staff", "tf_lead"])
def test_attachment_add_allowed_for_region_authors_and_tf(cast, proposal, who):
    attachment_add(proposal=proposal, actor=cast[who], upload=files.upload("건의서.pdf", files.pdf()))
    assert Attachment.objects.count() == 1


def test_attachment_add_allowed_for_the_lead_reviewer(cast):
    proposal = proposal_in(cast, S.IN_REVIEW)
    attachment_add(proposal=proposal, actor=cast["lead_reviewer"], upload=files.upload("검토.pdf", files.pdf()))
    assert Attachment.objects.count() == 1


@pytest.mark.parametrize("who", ["other_official", "other_reviewer", "advisor", "forum_member"])
def test_attachment_add_is_404_for_those_who_may_not_see_the_proposal(cast, proposal, who, media):
    with pytest.raises(Http404):
        attachment_add(proposal=proposal, actor=cast[who], upload=files.upload("건의서.pdf", files.pdf()))
    assert stored_files(media) == []


def test_attachment_add_is_403_for_those_who_may_see_but_not_attach(cast, proposal, media):
    with pytest.raises(PermissionDenied):
        attachment_add(proposal=proposal, actor=cast["liaison"], upload=files.upload("건의서.pdf", files.pdf()))
    assert stored_files(media) == []


# Download ------------------------------------------------------------------------------


@pytest.fixture
def attached(cast, proposal):
    upload = files.upload("광역철도 노선도.pdf", files.pdf())
    return attachment_add(proposal=proposal, actor=cast["official"], upload=upload)


def _url(attachment, proposal_id=None):
    return reverse(
        "proposal-attachment-download",
        kwargs={"proposal_id": proposal_id or attachment.proposal_id, "attachment_id": attachment.pk},
    )


@pytest.mark.urls("tests.proposals.services.download_urls")
@pytest.mark.parametrize("who", ["official", "vice_governor", "liaison", "tf_staff"])
def test_download_serves_the_file_to_the_region_and_tf(client, cast, attached, who):
    client.force_login(cast[who])
    response = client.get(_url(attached))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == files.pdf()
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=UTF-8''%EA%B4%91%EC%97%AD%EC%B2%A0%EB%8F%84%20%EB%85%B8%EC%84%A0%EB%8F%84.pdf" in disposition


@pytest.mark.urls("tests.proposals.services.download_urls")
@pytest.mark.parametrize("who", ["other_official", "other_vice_governor", "other_reviewer", "advisor"])
def test_download_is_404_for_those_who_may_not_see_the_proposal(client, cast, attached, who):
    client.force_login(cast[who])
    assert client.get(_url(attached)).status_code == 404


@pytest.mark.urls("tests.proposals.services.download_urls")
def test_download_redirects_anonymous_visitors_to_login(client, attached):
    response = client.get(_url(attached))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.urls("tests.proposals.services.download_urls")
def test_download_is_404_when_the_attachment_belongs_to_another_proposal(client, cast, attached):
    other = proposal_in(cast, S.SUBMITTED, title="원주 혁신도시 공공기관 2차 이전 건의")
    client.force_login(cast["official"])
    assert client.get(_url(attached, proposal_id=other.pk)).status_code == 404


@pytest.mark.urls("tests.proposals.services.download_urls")
def test_download_is_404_when_the_stored_file_is_gone(client, cast, attached):
    Path(attached.file.path).unlink()
    client.force_login(cast["official"])
    assert client.get(_url(attached)).status_code == 404


def test_content_disposition_has_an_ascii_fallback_and_the_exact_korean_name():
    header = content_disposition("검토 결과(최종).hwp")
    assert header.startswith('attachment; filename="')
    assert header.isascii()
    assert "filename*=UTF-8''%EA%B2%80%ED%86%A0%20%EA%B2%B0%EA%B3%BC%28%EC%B5%9C%EC%A2%85%29.hwp" in header
