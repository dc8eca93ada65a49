"""``bash platform/stack.sh up|status|down`` on PostgreSQL and Redis: the release step, gunicorn,
two workers on split queues and one beat under honcho; /readyz reports every check ok, a
workflow action through the web process is delivered by the notifications worker, and
``down`` leaves none of the processes it started running."""

import json
import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from knox.models import AuthToken

from apps.notifications.models import EmailState, Kind, Notification
from apps.proposals.models import ProposalStatus as S
from tests.environment import child_environment
from tests.integration.test_notifications_delivery import _test_database_url
from tests.notifications.support import NotifyCast
from tests.proposals.support import proposal_in

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ROOT = Path(__file__).resolve().parents[2]
STACK = ["bash", str(ROOT / "platform" / "stack.sh")]
REQUEST_ID = "stack-test-0123456789"


def free_port() -> int:
    # Each pytest-xdist worker searches its own 25 ports: two stacks starting at once on
    # two workers would otherwise both find the same port free and one of them fail.
    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    first = int(os.environ.get("STACK_TEST_PORTS", "18050")) + 25 * worker
    for port in range(first, first + 25):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    pytest.fail("no free port for the stack")


def readyz(port: int) -> dict:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=5) as response:
        return json.load(response)


def tree(pid: int) -> set[int]:
    rows = subprocess.run(["ps", "-eo", "pid=,ppid="], capture_output=True, text=True, check=True).stdout
    parent = {int(p): int(pp) for p, pp in (line.split() for line in rows.splitlines())}
    found, grew = {pid}, True
    while grew:
        below = {p for p, pp in parent.items() if pp in found} - found
        found |= below
        grew = bool(below)
    return found


@pytest.fixture
def stack(tmp_path):
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        pytest.skip("the stack runs the production settings: PostgreSQL only")
    port = free_port()
    env = {
        **child_environment(),
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DATABASE_URL": _test_database_url(),
        "CONN_MAX_AGE": "0",  # the test flushes the tables afterwards
        "PORT": str(port),
        "STACK_DIR": str(tmp_path / "stack"),
        "GUNICORN_WORKERS": "1",
        "COLUMNS": "80",  # as a CI terminal may say: `status` must still show whole command lines
    }
    run = subprocess.run([*STACK, "up"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
    pid = int((tmp_path / "stack" / "honcho.pid").read_text()) if run.returncode == 0 else None
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    started = tree(pid)
    try:
        yield {"port": port, "env": env, "started": started, "log": tmp_path / "stack" / "stack.log"}
    finally:
        subprocess.run([*STACK, "down"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_stack_up_serves_delivers_and_down_leaves_nothing(stack):
    port, env = stack["port"], stack["env"]
    assert {name: check["status"] for name, check in readyz(port)["checks"].items()} == {
        "database": "ok",
        "migrations": "ok",
        "redis": "ok",
        "worker": "ok",
        "beat": "ok",
    }
    status = subprocess.run([*STACK, "status"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert status.returncode == 0
    for process in ("gunicorn", "--queues=notifications", "--queues=exchange,celery", "celery -A config beat"):
        assert process in status.stdout
    assert status.stdout.count("celery -A config beat --loglevel") == 2  # the shell and beat itself: one beat

    cast = NotifyCast()
    proposal = proposal_in(cast, S.SUBMITTED)
    # Production requires TF staff's second factor before their token is honoured.
    TOTPDevice.objects.create(user=cast["tf_staff"], name="authenticator", confirmed=True)
    _instance, token = AuthToken.objects.create(user=cast["tf_staff"])
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/v1/proposals/{proposal.pk}/request_info/",
        data=json.dumps({"note": "예산 근거를 보완해 주세요."}).encode(),
        headers={
            "Authorization": f"Token {token}",
            "Content-Type": "application/json",
            "X-Request-ID": REQUEST_ID,
        },
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        assert response.status == 200

    def rows():
        return list(Notification.objects.filter(kind=Kind.INFO_REQUESTED, proposal=proposal))

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (rows() and all(r.email_state == EmailState.SENT for r in rows())):
        time.sleep(0.5)
    sent = rows()
    assert len(sent) == 2 and all(r.email_state == EmailState.SENT and r.email_attempts == 1 for r in sent), stack[
        "log"
    ].read_text()[-4000:]
    # JSON logs: the web's request line and the worker's task lines carry the request's id.
    lines = [line.split(" | ", 1) for line in stack["log"].read_text().splitlines() if " | {" in line]
    ours = [(process.split()[-1], json.loads(text)) for process, text in lines if REQUEST_ID in text]
    web = [entry for process, entry in ours if process == "web.1" and entry["message"] == "request"]
    assert [(e["path"], e["status"], e["user_id"]) for e in web] == [
        (f"/api/v1/proposals/{proposal.pk}/request_info/", 200, cast["tf_staff"].pk)
    ]
    delivered = [e for process, e in ours if process == "notifications.1" and e.get("task") == "notifications.deliver"]
    assert delivered, "the worker's lines carry the request id"
    assert {e["request_id"] for e in delivered} == {REQUEST_ID}

    # /metrics (multiprocess gunicorn): requests by view, and the worker's runs counted in Redis.
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as response:
        exported = response.read().decode()
    assert "django_http_responses_total_by_status_view_method_total" in exported
    assert 'balance_celery_task_runs_total{state="SUCCESS",task="notifications.deliver"}' in exported

    down = subprocess.run([*STACK, "down"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert down.returncode == 0, down.stdout + down.stderr
    still = [pid for pid in stack["started"] if _alive(pid)]
    assert still == [], f"left running: {still}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A recycled pid belongs to someone else: ours would still be in a zombie-free tree.
    stat = Path(f"/proc/{pid}/stat").read_text().split()
    return stat[2] != "Z"
