"""Notifications end to end: PostgreSQL, the Redis broker and a real Celery worker process.

The worker is started here (not the session's ``celery_worker``) because it must use the
test database (``test_<name>``, shared through a committed transaction) and write its
e-mails to files this process can read. Tasks reach it through a queue of its own.
"""

import os
import re
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.db import connection
from rest_framework.test import APIClient

from apps.core.tasks import ping
from apps.notifications import tasks
from apps.notifications.models import EmailState, Kind, Notification
from apps.proposals.models import ProposalStatus as S
from tests.integration.conftest import _log_tail, started_worker
from tests.notifications.support import NotifyCast
from tests.proposals.support import fire, proposal_in

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TASK_TIMEOUT = 60
DEAD_BROKER = "redis://127.0.0.1:1/15"
SITE_URL = "https://balance.test.go.kr"


@dataclass(frozen=True)
class MailWorker:
    pid: int
    hostname: str
    queue: str
    mail_dir: Path
    log: Path


def _test_database_url() -> str:
    """DATABASE_URL with the test database's name: what this process is using now."""
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path="/" + connection.settings_dict["NAME"]))


@pytest.fixture(scope="module")
def mail_worker(integration_services, django_db_setup, django_db_blocker, tmp_path_factory):
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        pytest.skip("the worker shares the test database: PostgreSQL only")
    with django_db_blocker.unblock():
        database_url = _test_database_url()
    mail_dir = tmp_path_factory.mktemp("worker-mail")
    env = {
        "DJANGO_SETTINGS_MODULE": "tests.notifications.worker_settings",
        "DATABASE_URL": database_url,
        "CONN_MAX_AGE": "0",  # hold no connection between tasks: the test flushes the tables
        "NOTIFICATIONS_TEST_MAIL_DIR": str(mail_dir),
        "SITE_URL": SITE_URL,
    }
    with started_worker(name="notifications", env=env) as worker:
        yield MailWorker(
            pid=worker.pid, hostname=worker.hostname, queue=worker.queue, mail_dir=mail_dir, log=worker.log
        )


@pytest.fixture
def routed(mail_worker, celery_not_eager, settings):
    """This process publishes every task to the mail worker's queue; its mailbox starts empty."""
    app = celery_not_eager
    key = f"{app.namespace}_TASK_DEFAULT_QUEUE"
    previous = app.conf.task_default_queue
    app.conf[key] = mail_worker.queue
    settings.SITE_URL = SITE_URL
    for leftover in mail_worker.mail_dir.iterdir():
        leftover.unlink()
    yield mail_worker
    app.conf[key] = previous


def drain(worker: MailWorker) -> None:
    """Wait until the worker has run everything queued so far: one solo worker takes its
    queue in order, so when a ping sent now comes back, the tasks before it are done."""
    result = ping.apply_async(kwargs={"token": uuid.uuid4().hex}, queue=worker.queue)
    try:
        result.get(timeout=TASK_TIMEOUT)
    except Exception:
        pytest.fail(f"worker did not drain its queue:\n{_log_tail(worker.log)}")
    finally:
        result.forget()


def delivered(worker: MailWorker) -> list[dict]:
    """Every e-mail the worker wrote: recipient, subject (decoded) and plain text."""
    import email
    from email.policy import default

    messages = []
    for path in sorted(worker.mail_dir.iterdir()):
        for chunk in re.split(rb"\n-{79}\n", path.read_bytes()):
            if chunk.strip():
                message = email.message_from_bytes(chunk.lstrip(), policy=default)
                text = message.get_body(preferencelist=("plain",)).get_content()
                messages.append(
                    {
                        "to": message["To"],
                        "subject": str(message["Subject"]),
                        "text": text,
                        "message_id": message["Message-ID"],
                    }
                )
    return messages


@contextmanager
def broker_down(app):
    """Point this process's Celery at a port where nothing listens (the broker is down)."""
    key = f"{app.namespace}_BROKER_URL"
    previous = app.conf.broker_url

    def reconnect(url):
        app.conf[key] = url
        app._pool = None  # the pools hold connections to the old URL
        app.amqp._producer_pool = None

    reconnect(DEAD_BROKER)
    try:
        yield
    finally:
        reconnect(previous)


def test_a_workflow_event_through_the_api_reaches_people_through_the_worker(routed):
    cast = NotifyCast()
    proposal = proposal_in(cast, S.SUBMITTED)
    drain(routed)
    client = APIClient()
    client.force_authenticate(cast["tf_staff"])

    response = client.post(f"/api/v1/proposals/{proposal.pk}/request_info/", {"note": "예산 근거를 보완해 주세요."})
    assert response.status_code == 200, response.content
    drain(routed)

    rows = Notification.objects.filter(kind=Kind.INFO_REQUESTED, proposal=proposal)
    assert {cast.names[r.recipient_id] for r in rows} == {"official", "vice_governor"}
    assert all(r.email_state == EmailState.SENT and r.email_attempts == 1 and r.sent_at for r in rows)
    mails = [m for m in delivered(routed) if "보완 요청" in m["subject"]]
    assert sorted(m["to"] for m in mails) == sorted(cast[name].email for name in ("official", "vice_governor"))
    assert all(f"{SITE_URL}/proposals/{proposal.pk}/" in m["text"] for m in mails)
    assert all("예산 근거를 보완해 주세요." in m["text"] for m in mails)
    # In-app: the official sees it in their centre.
    client.force_authenticate(cast["official"])
    titles = [n["title"] for n in client.get("/api/v1/notifications/", {"unread": "true"}).json()["results"]]
    assert any("보완 요청" in title for title in titles)


def test_a_broker_outage_loses_no_notification_and_sends_none_twice(routed, celery_not_eager):
    cast = NotifyCast()
    with broker_down(celery_not_eager):
        # Every request succeeds while the broker is unreachable.
        proposals = [proposal_in(cast, S.SUBMITTED, title=f"강원 과제 {n}") for n in range(3)]
        for proposal in proposals:
            fire(cast, proposal, "tf_staff", "request_info", note="보완")
    immediate = Notification.objects.exclude(email_state__in=[EmailState.DIGEST, EmailState.SKIPPED])
    expected = immediate.count()
    assert expected >= 9  # per proposal: endorsement requested (1) + information requested (2)
    assert set(immediate.values_list("email_state", flat=True)) == {EmailState.PENDING}
    drain(routed)
    assert delivered(routed) == [], "nothing could be queued, nothing was sent"

    # The broker is back: the sweep runs (twice, at once), and late duplicates of the
    # lost messages arrive too. Each notification is still e-mailed exactly once.
    ids = list(immediate.values_list("pk", flat=True))
    tasks.sweep_pending.apply_async(kwargs={"older_than_seconds": 0})
    tasks.sweep_pending.apply_async(kwargs={"older_than_seconds": 0})
    for pk in ids:
        tasks.deliver.delay(notification_id=pk)
    drain(routed)

    rows = Notification.objects.filter(pk__in=ids)
    assert set(rows.values_list("email_state", flat=True)) == {EmailState.SENT}
    assert set(rows.values_list("email_attempts", flat=True)) == {1}
    mails = delivered(routed)
    assert len(mails) == expected
    sent = sorted((m["to"], m["subject"]) for m in mails)
    assert len(set(sent)) == len(sent), "no notification was e-mailed twice"
