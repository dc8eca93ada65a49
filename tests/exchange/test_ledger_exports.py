"""The ledger written by a worker: asked for with the list's filters, progress shown
while it is written, a private file its owner — and only its owner — downloads from the
job list, deleted after its keeping period."""

import datetime

import pytest
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from apps.exchange import tasks
from apps.exchange.models import LedgerExport
from apps.proposals.models import ProposalStatus as S
from tests.exchange.ledger_support import XLSX, content_of, sheet_rows
from tests.proposals.support import Cast, proposal_in

pytestmark = pytest.mark.django_db
Status = LedgerExport.Status


@pytest.fixture
def cast():
    return Cast()


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def ask(django_capture_on_commit_callbacks):
    """Ask for the ledger on the web page; the queued task runs as a worker's would."""

    def ask(user, **filters):
        client = _client(user)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("exchange-ledger-exports"), filters)
        assert response.status_code == 302, response.content
        return client, LedgerExport.objects.get(pk=response.url.rstrip("/").rsplit("/", 1)[-1])

    return ask


def test_staff_ask_for_the_filtered_ledger_and_download_it_from_the_job_page(cast, ask):
    gangwon = proposal_in(cast, S.SUBMITTED, "강원 과제")
    proposal_in(cast, S.DECIDED, "결정된 과제")

    client, job = ask(cast["tf_staff"], region="51", status="submitted")

    assert job.status == Status.DONE and job.total_rows == job.processed_rows == 1
    assert job.filters == {"region": ["51"], "status": ["submitted"]}
    assert job.expires_at > timezone.now() + datetime.timedelta(days=6)
    page = client.get(reverse("exchange-ledger-export", args=[job.pk])).content.decode()
    file_url = reverse("exchange-ledger-export-file", args=[job.pk])
    assert file_url in page  # done: the link, and no more polling
    assert reverse("exchange-ledger-export-status", args=[job.pk]) not in page
    assert job.file.name not in page  # never the stored name, never a /media/ address
    listing = client.get(reverse("exchange-ledger")).content.decode()
    assert f"#{job.pk}" in listing and file_url in listing

    response = client.get(file_url)
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    assert "attachment" in response["Content-Disposition"] and "no-store" in response["Cache-Control"]
    _keys, rows = sheet_rows(content_of(response))
    assert [row["reference"] for row in rows] == [gangwon.reference]


def test_the_form_offers_regions_and_departments_by_name_and_all_means_no_filter(cast, ask):
    page = _client(cast["tf_staff"]).get(reverse("exchange-ledger")).content.decode()
    assert '<select name="region"' in page and ">강원특별자치도</option>" in page
    assert '<select name="department"' in page and "국토정책과" in page
    proposal_in(cast, S.SUBMITTED, "강원 과제")
    _unused, job = ask(cast["tf_staff"], region="", department="", status="", year="", q="")
    assert job.status == Status.DONE and job.filters == {} and job.total_rows >= 1


def test_the_job_page_shows_rows_written_while_the_worker_writes(cast):
    job = LedgerExport.objects.create(
        created_by=cast["tf_staff"], status=Status.WRITING, total_rows=4000, processed_rows=1500
    )
    client = _client(cast["tf_staff"])

    fragment = client.get(reverse("exchange-ledger-export-status", args=[job.pk])).content.decode()

    assert "1,500 / 4,000행" in fragment
    assert 'hx-trigger="every 1s"' in fragment  # keeps polling while it runs
    assert reverse("exchange-ledger-export-file", args=[job.pk]) not in fragment
    assert client.get(reverse("exchange-ledger-export-file", args=[job.pk])).status_code == 404


def test_only_the_person_who_asked_downloads_the_file(cast, ask, make_member):
    proposal_in(cast, S.SUBMITTED, "강원 과제")
    owner, job = ask(cast["tf_staff"])
    colleague = _client(make_member("tf_staff"))
    urls = [
        reverse(name, args=[job.pk])
        for name in ("exchange-ledger-export", "exchange-ledger-export-status", "exchange-ledger-export-file")
    ]

    for url in urls:
        answer = owner.get(url)
        assert answer.status_code == 200
        content_of(answer)  # read to the end (closes the file)
        assert colleague.get(url).status_code == 404
    assert f"#{job.pk}" not in colleague.get(reverse("exchange-ledger")).content.decode()
    assert colleague.post(reverse("exchange-ledger-export-delete", args=[job.pk])).status_code == 404
    official = _client(cast["official"])
    assert official.get(urls[2]).status_code == 403
    assert official.post(reverse("exchange-ledger-exports")).status_code == 403
    assert LedgerExport.objects.filter(pk=job.pk).exists()


def test_files_are_deleted_after_their_keeping_period(cast, ask):
    proposal_in(cast, S.SUBMITTED, "강원 과제")
    client, job = ask(cast["tf_staff"])
    stored = job.file.name
    assert default_storage.exists(stored)

    LedgerExport.objects.filter(pk=job.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.db.transaction.on_commit", lambda callback, *args, **kwargs: callback())
        assert tasks.expire_exports() == 1

    job.refresh_from_db()
    assert job.status == Status.EXPIRED and not job.file
    assert not default_storage.exists(stored)
    assert client.get(reverse("exchange-ledger-export-file", args=[job.pk])).status_code == 404
    assert "기간 지나 삭제됨" in client.get(reverse("exchange-ledger")).content.decode()


def test_an_overdue_file_is_not_served_even_before_the_hourly_sweep(cast, ask):
    proposal_in(cast, S.SUBMITTED, "강원 과제")
    client, job = ask(cast["tf_staff"])
    LedgerExport.objects.filter(pk=job.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))

    assert client.get(reverse("exchange-ledger-export-file", args=[job.pk])).status_code == 404
    job.refresh_from_db()
    assert job.status == Status.EXPIRED


def test_bad_filters_are_refused_before_anything_is_queued(cast, ask):
    client = _client(cast["tf_staff"])
    response = client.post(reverse("exchange-ledger-exports"), {"year": "abc"})
    assert response.status_code == 302 and response.url == reverse("exchange-ledger")
    assert not LedgerExport.objects.exists()


def test_the_api_queues_reports_progress_and_serves_the_file_to_its_owner(
    cast, api_client, make_member, django_capture_on_commit_callbacks
):
    gangwon = proposal_in(cast, S.SUBMITTED, "강원 과제")
    api_client.force_authenticate(cast["tf_staff"])

    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.post("/api/v1/ledger/exports/?region=51")
    assert response.status_code == 202, response.content
    body = api_client.get(f"/api/v1/ledger/exports/{response.json()['id']}/").json()
    assert body["status"] == "done" and body["processed_rows"] == body["total_rows"] == 1
    assert body["percent"] == 100 and body["filters"] == {"region": ["51"]}
    assert "/api/v1/ledger/exports/" in body["download_url"] and "/media/" not in body["download_url"]
    downloaded = api_client.get(body["download_url"])
    assert downloaded.status_code == 200 and downloaded["Content-Type"] == XLSX
    assert [row["reference"] for row in sheet_rows(content_of(downloaded))[1]] == [gangwon.reference]
    assert [job["id"] for job in api_client.get("/api/v1/ledger/exports/").json()] == [body["id"]]

    api_client.force_authenticate(make_member("tf_staff"))
    assert api_client.get(f"/api/v1/ledger/exports/{body['id']}/").status_code == 404
    assert api_client.get(body["download_url"]).status_code == 404
    assert api_client.get("/api/v1/ledger/exports/").json() == []
    api_client.force_authenticate(cast["official"])
    assert api_client.post("/api/v1/ledger/exports/").status_code == 403
    api_client.force_authenticate(cast["tf_staff"])
    assert api_client.post("/api/v1/ledger/exports/?year=abc").status_code == 400


def test_asking_twice_while_it_is_written_gives_the_same_job(cast, api_client):
    api_client.force_authenticate(cast["tf_staff"])
    first = api_client.post("/api/v1/ledger/exports/?region=51").json()  # queued: the worker has not run
    again = api_client.post("/api/v1/ledger/exports/?region=51").json()
    other = api_client.post("/api/v1/ledger/exports/?region=42").json()

    assert first["status"] == "queued" and again["id"] == first["id"] and other["id"] != first["id"]


def test_a_job_whose_worker_vanished_is_not_handed_out_again_and_is_marked_failed(cast, api_client):
    api_client.force_authenticate(cast["tf_staff"])
    first = api_client.post("/api/v1/ledger/exports/?region=51").json()
    LedgerExport.objects.filter(pk=first["id"]).update(updated_at=timezone.now() - datetime.timedelta(minutes=20))

    again = api_client.post("/api/v1/ledger/exports/?region=51").json()
    assert again["id"] != first["id"]

    LedgerExport.objects.filter(pk=first["id"]).update(updated_at=timezone.now() - datetime.timedelta(hours=2))
    tasks.expire_exports()
    assert LedgerExport.objects.get(pk=first["id"]).status == Status.FAILED
    assert LedgerExport.objects.get(pk=again["id"]).status == Status.QUEUED
