"""Attaching a file from the proposal page and the link to download it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.proposals.models import ProposalStatus as S
from tests.proposals.support import proposal_in

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_official_attaches_a_pdf_and_sees_the_download_link(login, cast):
    proposal = proposal_in(cast, S.DRAFT)
    client = login("official")

    response = client.post(
        reverse("proposal-attach", args=[proposal.pk]),
        {"file": SimpleUploadedFile("사업계획서.pdf", PDF, content_type="application/pdf")},
    )

    assert response.status_code == 302
    attachment = proposal.attachments.get()
    html = client.get(reverse("proposal-detail", args=[proposal.pk])).content.decode()
    assert reverse("proposal-attachment-download", args=[proposal.pk, attachment.pk]) in html
    assert "사업계획서.pdf" in html
    assert "첨부파일 등록" in html  # the timeline event


def test_refused_file_shows_the_reason(login, cast):
    proposal = proposal_in(cast, S.DRAFT)

    response = login("official").post(
        reverse("proposal-attach", args=[proposal.pk]),
        {"file": SimpleUploadedFile("악성.pdf", b"MZ\x90\x00", content_type="application/pdf")},
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "파일 내용이 확장자(.pdf)와 맞지 않습니다." in html
    assert 'aria-invalid="true"' in html
    assert not proposal.attachments.exists()


def test_upload_without_file_and_by_others(login, cast):
    proposal = proposal_in(cast, S.SUBMITTED)

    assert login("official").post(reverse("proposal-attach", args=[proposal.pk])).status_code == 400
    assert login("lead_reviewer").post(reverse("proposal-attach", args=[proposal.pk])).status_code == 404
    assert login("liaison").post(reverse("proposal-attach", args=[proposal.pk])).status_code == 403
