"""Scale-out, proven here: two gunicorn instances and two Celery workers on one PostgreSQL
and one Redis. Workflow actions go through both web instances; one worker is killed with
SIGKILL in the middle of delivery. Every action is recorded, and every notification is
e-mailed as one message: late acks leave the dead worker's tasks unacknowledged, the outbox
sweep (beat's job every minute, sent here at once) delivers what it held, and delivery is
idempotent (a row locked, sent and marked in one transaction; a redelivery finds it sent).
SMTP itself is at-least-once: a kill between the server's acceptance and the commit leaves
the row pending, and its resend carries the same Message-ID, so mail systems show it once."""

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from types import SimpleNamespace

import pytest
from knox.models import AuthToken

from apps.notifications.models import EmailState, Notification
from apps.proposals.models import Proposal, ProposalEvent
from apps.proposals.models import ProposalStatus as S
from tests.environment import child_environment
from tests.integration.conftest import ARTIFACTS, ROOT, _log_tail
from tests.integration.test_notifications_delivery import SITE_URL, _test_database_url, delivered
from tests.integration.test_stack import free_port
from tests.notifications.support import NotifyCast
from tests.proposals.support import LEAD_DEPARTMENT, proposal_in

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PROPOSALS = 120  # 120 request_info/assign + 60 start_review = 180 actions through the web
WORKER_CONCURRENCY = 2  # deliveries a worker has in hand at once
START_TIMEOUT = 60
DELIVERY_TIMEOUT = 120


def start(command, env, log_name, stack):
    log = ARTIFACTS / log_name
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
    stack.callback(stop, process)
    return process, log


def stop(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)


def wait_for(check, what, timeout, logs=()):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.5)
    pytest.fail(f"{what} within {timeout}s\n" + "\n".join(_log_tail(log) for log in logs))


@pytest.fixture
def cluster(integration_services, tmp_path):
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        pytest.skip("the processes share the test database: PostgreSQL only")
    from config.celery import app

    queue = f"scale-{uuid.uuid4().hex[:8]}"
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    env = {
        **child_environment(),
        "DJANGO_SETTINGS_MODULE": "tests.integration.scale_settings",
        "DATABASE_URL": _test_database_url(),
        "CONN_MAX_AGE": "0",
        "NOTIFICATIONS_TEST_MAIL_DIR": str(mail_dir),
        "SITE_URL": SITE_URL,
        "SCALE_QUEUE": queue,
        "PYTHONUNBUFFERED": "1",
    }
    with ExitStack() as stack:
        webs, workers = [], []
        for number in (1, 2):
            port = free_port() if number == 1 else free_port_after(webs[0][0])
            gunicorn = [sys.executable, "-m", "gunicorn", "-c", "platform/gunicorn.conf.py"]
            web_env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": "2"}
            process, log = start(gunicorn, web_env, f"scale-web{number}.log", stack)
            webs.append((port, process, log))
            wait_for(lambda p=port: healthy(p), f"web {number} did not answer", START_TIMEOUT, [log])
        for number in (1, 2):
            hostname = f"scale{number}-{queue}@%h"
            celery = [sys.executable, "-m", "celery", "-A", "config", "worker", "-Q", queue, "-n", hostname]
            celery += [f"--concurrency={WORKER_CONCURRENCY}", "--loglevel=INFO", "--without-gossip", "--without-mingle"]
            process, log = start(celery, env, f"scale-worker{number}.log", stack)
            workers.append((process, log))
        names = [f"scale{n}-{queue}@" for n in (1, 2)]
        wait_for(
            lambda: {name for r in app.control.ping(timeout=0.5) for name in r if name.startswith(tuple(names))}
            and len({n for r in app.control.ping(timeout=0.5) for n in r if n.startswith(tuple(names))}) == 2,
            "both workers did not answer",
            START_TIMEOUT,
            [log for _, log in workers],
        )
        yield {"webs": webs, "workers": workers, "mail_dir": mail_dir, "queue": queue, "app": app}
        # Leave no list or binding behind in Redis.
        from kombu import Exchange, Queue

        with app.connection_for_write() as connection:
            bound = Queue(queue, Exchange(queue, "direct"), routing_key=queue)(connection.default_channel)
            bound.declare()
            bound.delete()


def free_port_after(taken: int) -> int:
    os.environ.setdefault("STACK_TEST_PORTS", "18050")
    previous = os.environ["STACK_TEST_PORTS"]
    os.environ["STACK_TEST_PORTS"] = str(taken + 1)
    try:
        return free_port()
    finally:
        os.environ["STACK_TEST_PORTS"] = previous


def healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def test_two_webs_and_two_workers_lose_nothing_and_send_nothing_twice_when_a_worker_dies(cluster, celery_not_eager):
    cast = NotifyCast()
    proposals = [proposal_in(cast, S.SUBMITTED, title=f"강원 과제 {n}") for n in range(PROPOSALS)]
    tokens = {name: AuthToken.objects.create(user=cast[name])[1] for name in ("tf_staff", "lead_reviewer")}
    before = set(Notification.objects.values_list("pk", flat=True))
    # Rows of the set-up still pending: the sweep below may rightly e-mail them too.
    pending_before = {
        (row.recipient.email, " ".join(row.title.split()))
        for row in Notification.objects.filter(email_state=EmailState.PENDING).select_related("recipient")
    }
    ports = [port for port, _, _ in cluster["webs"]]

    def act(job):
        index, proposal, actor, action, data = job
        request = urllib.request.Request(
            f"http://127.0.0.1:{ports[index % 2]}/api/v1/proposals/{proposal.pk}/{action}/",
            data=json.dumps(data).encode(),
            headers={"Authorization": f"Token {tokens[actor]}", "Content-Type": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - 127.0.0.1
                return response.status, action, proposal.pk, ""
        except urllib.error.HTTPError as error:
            return error.code, action, proposal.pk, error.read()[:300]

    first = [
        (n, p, "tf_staff", "request_info", {"note": "근거 보완"})
        if n % 2
        else (n, p, "tf_staff", "assign", {"lead_department": LEAD_DEPARTMENT})
        for n, p in enumerate(proposals)
    ]
    second = [(n, p, "lead_reviewer", "start_review", {}) for n, p in enumerate(proposals) if n % 2 == 0]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(act, first[: PROPOSALS // 2]))
        # Mid-delivery: the first worker and its pool processes die at once, no warm shutdown.
        victim, victim_log = cluster["workers"][0]
        os.killpg(victim.pid, signal.SIGKILL)
        victim.wait(timeout=10)
        results += list(pool.map(act, first[PROPOSALS // 2 :]))
        results += list(pool.map(act, second))
    assert "succeeded" in victim_log.read_text(), "the killed worker had taken its share before it died"
    failed = [r for r in results if r[0] != 200]
    assert failed == [], failed[:5]

    # No action lost: every proposal is where its actions took it, with one event each.
    statuses = Counter(Proposal.objects.filter(pk__in=[p.pk for p in proposals]).values_list("status", flat=True))
    assert statuses == {S.INFO_REQUESTED: PROPOSALS // 2, S.IN_REVIEW: PROPOSALS // 2}
    for action in ("request_info", "assign", "start_review"):
        assert ProposalEvent.objects.filter(proposal__in=proposals, action=action).count() == PROPOSALS // 2

    # The outbox sweep (beat sends it every minute) picks up what the dead worker held.
    cluster["app"].send_task("notifications.sweep_pending", kwargs={"older_than_seconds": 0}, queue=cluster["queue"])
    ours = Notification.objects.exclude(pk__in=before).exclude(email_state__in=[EmailState.DIGEST, EmailState.SKIPPED])
    survivor_log = cluster["workers"][1][1]

    def all_sent():
        return ours.exists() and not ours.exclude(email_state=EmailState.SENT).exists()

    def sweep_until_sent():
        if all_sent():
            return True
        cluster["app"].send_task(
            "notifications.sweep_pending", kwargs={"older_than_seconds": 0}, queue=cluster["queue"]
        )
        return False

    wait_for(sweep_until_sent, "not every notification was sent", DELIVERY_TIMEOUT, [survivor_log, victim_log])
    rows = list(ours)
    assert len(rows) >= PROPOSALS  # at least one recipient per action
    assert all(row.email_attempts == 1 for row in rows), [r.pk for r in rows if r.email_attempts != 1][:5]

    written = delivered(SimpleNamespace(mail_dir=cluster["mail_dir"]))
    mails = Counter((mail["to"], mail["subject"]) for mail in written)
    # Each notification is one message: one Message-ID whatever happened to its worker.
    ids = {}
    for mail in written:
        ids.setdefault((mail["to"], mail["subject"]), set()).add(mail["message_id"])
    assert all(len(found) == 1 for found in ids.values()), "one notification, two different messages"
    # A second copy exists only where the kill fell between the mail server accepting a
    # message and its row being marked sent (the row stayed pending, the sweep sent it
    # again, under the same Message-ID): at most what the dead worker had in hand.
    twice = {key: n for key, n in mails.items() if n > 1}
    assert all(n == 2 for n in twice.values()) and len(twice) <= WORKER_CONCURRENCY, twice
    sent = {(to, " ".join(subject.split()).split("] ", 1)[1]) for to, subject in mails}
    expected = {(row.recipient.email, " ".join(row.title.split())) for row in rows}
    assert expected - sent == set(), "never e-mailed"
    assert sent - expected - pending_before == set(), "e-mailed without a pending notification row"
