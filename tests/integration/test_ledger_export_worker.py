"""A ledger export job end to end: PostgreSQL, the Redis broker and a real Celery worker
process writing the file that the person who asked then downloads through the API.

The worker is started here (as in test_notifications_delivery) because it must use the
test database (``test_<name>``, shared through committed transactions) and the same
MEDIA_ROOT as this process. Tasks reach it through a queue of its own.
"""

import os
import time
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings as django_settings
from django.db import connection
from rest_framework.test import APIClient

from apps.exchange.models import LedgerExport
from apps.proposals.models import ProposalStatus as S
from tests.exchange.ledger_support import XLSX, content_of, sheet_rows
from tests.integration.conftest import _log_tail, started_worker
from tests.proposals.support import Cast, proposal_in

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TASK_TIMEOUT = 90


def _test_database_url() -> str:
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path="/" + connection.settings_dict["NAME"]))


@pytest.fixture(scope="module")
def export_worker(integration_services, django_db_setup, django_db_blocker):
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        pytest.skip("the worker shares the test database: PostgreSQL only")
    with django_db_blocker.unblock():
        database_url = _test_database_url()
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url,
        "CONN_MAX_AGE": "0",  # hold no connection between tasks: the test flushes the tables
        "TEST_MEDIA_ROOT": str(django_settings.MEDIA_ROOT),
    }
    with started_worker(name="exports", env=env) as worker:
        yield worker


@pytest.fixture
def routed(export_worker, celery_not_eager):
    app = celery_not_eager
    key = f"{app.namespace}_TASK_DEFAULT_QUEUE"
    previous = app.conf.task_default_queue
    app.conf[key] = export_worker.queue
    yield export_worker
    app.conf[key] = previous


def test_an_export_job_is_written_by_the_worker_and_downloaded_by_its_owner(routed):
    cast = Cast()
    submitted = [proposal_in(cast, S.SUBMITTED, f"강원 과제 {index}") for index in range(3)]
    client = APIClient()
    client.force_authenticate(cast["tf_staff"])

    response = client.post("/api/v1/ledger/exports/?region=51")
    assert response.status_code == 202, response.content
    job_id = response.json()["id"]
    deadline = time.monotonic() + TASK_TIMEOUT
    while (body := client.get(f"/api/v1/ledger/exports/{job_id}/").json())["status"] in ("queued", "writing"):
        if time.monotonic() > deadline:
            pytest.fail(f"the worker did not write the ledger in {TASK_TIMEOUT}s:\n{_log_tail(routed.log)}")
        time.sleep(0.3)

    assert body["status"] == "done", (body, _log_tail(routed.log))
    assert body["processed_rows"] == body["total_rows"] == 3
    downloaded = client.get(body["download_url"])
    assert downloaded.status_code == 200 and downloaded["Content-Type"] == XLSX
    _keys, rows = sheet_rows(content_of(downloaded))
    assert sorted(row["reference"] for row in rows) == sorted(p.reference for p in submitted)
    assert "exchange.export_ledger" in routed.log.read_text(errors="replace")  # the worker ran it

    client.force_authenticate(cast["lead_reviewer"])
    assert client.get(body["download_url"]).status_code == 404
    LedgerExport.objects.get(pk=job_id).file.delete(save=False)
