"""Optional ClamAV scan of uploads (issue 13, item 4; ``apps/core/virusscan.py``): with
``CLAMD_SOCKET`` set, an attachment clamd finds a virus in is refused with a Korean field
error and nothing is stored; clamd unreachable or answering an error refuses it too;
without the setting nothing is sent anywhere."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.proposals.models import Attachment
from tests.core.fake_clamd import EICAR, FakeClamd

from .test_attachments import PDF_BYTES, media_root, upload  # noqa: F401 (media_root: autouse fixture)

pytestmark = pytest.mark.django_db

INFECTED_PDF = PDF_BYTES + EICAR + b"\n"
CLAMD_TCP_PORT = 8127  # this session's port range


def pdf(content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("사업계획서.pdf", content, content_type="application/pdf")


@pytest.fixture
def clamd():
    return FakeClamd()


def test_without_clamd_socket_nothing_is_scanned(client_for, people, flow, clamd, settings):
    settings.CLAMD_SOCKET = ""
    with clamd.running():
        response = upload(client_for(people.official()), flow.make(), pdf(INFECTED_PDF))

    assert response.status_code == 201
    assert clamd.scanned == []


def test_a_clean_file_is_scanned_whole_then_stored(client_for, people, flow, clamd, settings):
    with clamd.running() as address:
        settings.CLAMD_SOCKET = address
        response = upload(client_for(people.official()), flow.make(), pdf(PDF_BYTES))

    assert response.status_code == 201
    assert clamd.scanned == [PDF_BYTES]


@pytest.mark.parametrize("tcp", [False, True], ids=["unix-socket", "host-port"])
def test_a_file_clamd_finds_a_virus_in_is_refused_in_korean(client_for, people, flow, clamd, settings, tcp):
    with clamd.running(CLAMD_TCP_PORT if tcp else None) as address:
        settings.CLAMD_SOCKET = address
        response = upload(client_for(people.official()), flow.make(), pdf(INFECTED_PDF))

    assert response.status_code == 400
    message = "바이러스 검사에서 악성 코드(Eicar-Test-Signature)가 발견되어 올릴 수 없습니다."
    assert response.json() == {"file": [message]}
    assert not Attachment.objects.exists()


def test_a_scan_that_fails_refuses_the_file(client_for, people, flow, settings):
    clamd = FakeClamd(verdict=lambda data: b"INSTREAM size limit exceeded. ERROR")
    with clamd.running() as address:
        settings.CLAMD_SOCKET = address
        errored = upload(client_for(people.official()), flow.make(), pdf(PDF_BYTES))
    settings.CLAMD_SOCKET = "/nonexistent/clamd.sock"
    unreachable = upload(client_for(people.official()), flow.make(), pdf(PDF_BYTES))

    message = "바이러스 검사를 하지 못해 파일을 받지 않았습니다. 잠시 후 다시 올려 주세요."
    for response in (errored, unreachable):
        assert response.status_code == 400
        assert response.json()["file"] == [message]
    assert not Attachment.objects.exists()
