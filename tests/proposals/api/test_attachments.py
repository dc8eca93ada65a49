"""GET/POST ``proposals/{id}/attachments/``: multipart ``file``, checked by
``attachments.attachment_add``; listing for whoever may see the proposal."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.proposals.models import Attachment, ProposalEvent
from apps.proposals.models import ProposalStatus as S

from .conftest import BUSAN

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def url(proposal) -> str:
    return f"/api/v1/proposals/{proposal.pk}/attachments/"


def pdf(name="사업계획서.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def upload(client, proposal, file):
    return client.post(url(proposal), {"file": file}, format="multipart")


def test_region_attaches_a_pdf_to_its_draft(client_for, people, flow):
    draft = flow.make()
    response = upload(client_for(people.official()), draft, pdf())
    assert response.status_code == 201, response.content
    data = response.json()
    assert set(data) == {"id", "original_name", "content_type", "size", "uploaded_by", "created_at", "download_url"}
    assert (data["original_name"], data["content_type"], data["size"]) == (
        "사업계획서.pdf",
        "application/pdf",
        len(PDF_BYTES),
    )
    assert data["uploaded_by"] == people.official().name
    assert Attachment.objects.get().proposal == draft
    assert ProposalEvent.objects.filter(proposal=draft, action="attach").count() == 1


def test_list_shows_attachments_to_everyone_who_sees_the_proposal(client_for, people, flow):
    proposal = flow.make(S.ASSIGNED)
    assert upload(client_for(people.tf), proposal, pdf("a.pdf")).status_code == 201
    assert upload(client_for(people.reviewer), proposal, pdf("b.pdf")).status_code == 201
    for user in (people.official(), people.liaison, people.tf, people.reviewer):
        response = client_for(user).get(url(proposal))
        assert response.status_code == 200
        data = response.json()
        assert data["count"] == 2
        assert [row["original_name"] for row in data["results"]] == ["a.pdf", "b.pdf"]


def test_attach_by_someone_who_sees_but_may_not_is_403(client_for, people, flow):
    response = upload(client_for(people.liaison), flow.make(), pdf())
    assert response.status_code == 403
    assert not Attachment.objects.exists()


def test_attachments_of_another_regions_draft_are_404(client_for, people, flow):
    busan_draft = flow.make(region=BUSAN)
    client = client_for(people.official())
    assert client.get(url(busan_draft)).status_code == 404
    assert upload(client, busan_draft, pdf()).status_code == 404
    assert not Attachment.objects.exists()


@pytest.mark.parametrize(
    "file",
    [
        SimpleUploadedFile("virus.pdf", b"MZ\x90\x00not a pdf", content_type="application/pdf"),
        SimpleUploadedFile("script.exe", PDF_BYTES, content_type="application/octet-stream"),
        SimpleUploadedFile("empty.pdf", b"", content_type="application/pdf"),
    ],
)
def test_bad_files_are_400_in_korean(client_for, people, flow, file):
    response = upload(client_for(people.official()), flow.make(), file)
    assert response.status_code == 400
    assert list(response.json()) == ["file"]
    assert not Attachment.objects.exists()


def test_missing_file_is_400(client_for, people, flow):
    response = client_for(people.official()).post(url(flow.make()), {}, format="multipart")
    assert response.status_code == 400
    assert list(response.json()) == ["file"]


def test_file_as_a_plain_field_is_400(client_for, people, flow):
    response = client_for(people.official()).post(url(flow.make()), {"file": "not a file"}, format="multipart")
    assert response.status_code == 400


def test_json_body_is_415(client_for, people, flow):
    response = client_for(people.official()).post(url(flow.make()), {"file": "x"}, format="json")
    assert response.status_code == 415


def test_attachments_anonymous_is_401(api_client, flow):
    assert api_client.get(url(flow.make())).status_code == 401
