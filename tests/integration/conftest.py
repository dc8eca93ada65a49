"""Integration tests: PostgreSQL, a real Redis broker and a real Celery worker process.

Without REDIS_URL (and CI unset) they are skipped, so a developer's plain ``pytest``
works on SQLite. With CI=true or REDIS_URL set they must run: unreachable services
FAIL the run, because a skip would hide exactly what these tests are here to catch.
scripts/test.sh runs them in its PostgreSQL + Redis pass (CI=true or --services).
"""

import os
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from kombu import Exchange, Queue

from tests.environment import child_environment

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "integration"
WORKER_START_TIMEOUT = 30.0


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


@dataclass(frozen=True)
class Worker:
    pid: int
    hostname: str
    queue: str
    log: Path


@pytest.fixture(scope="session", autouse=True)
def integration_services(django_db_blocker):
    """Skip without services outside CI; otherwise fail loudly if they do not answer."""
    redis_url = os.environ.get("REDIS_URL", "")
    database_url = os.environ.get("DATABASE_URL", "")
    if not redis_url:
        if in_ci():
            pytest.fail("CI=true이지만 REDIS_URL이 없습니다 / CI=true but REDIS_URL is not set (see scripts/test.sh)")
        pytest.skip("REDIS_URL 미설정: 통합 테스트 생략 / REDIS_URL not set (run scripts/test.sh --services)")
    if in_ci() and not database_url.startswith(("postgres://", "postgresql://")):
        pytest.fail("CI=true에서는 PostgreSQL이 필요합니다 / CI=true needs DATABASE_URL=postgres://... ")
    with django_db_blocker.unblock():
        try:
            call_command("check_services", "--for-tests", "--timeout", "5")
        except CommandError as error:
            pytest.fail(f"통합 테스트 서비스에 연결할 수 없습니다 / integration services unreachable:\n{error}")


def _log_tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no worker log)"


@contextmanager
def started_worker(*, name: str, env: dict[str, str]):
    """A real ``celery worker`` subprocess consuming a queue of its own, as a ``Worker``
    once it answers a control ping; stopped, and its queue deleted, on exit.

    Each pytest-xdist worker gets its own queue, so a task is only ever taken by the
    worker process started here (and can be told apart from the test process).
    """
    from config.celery import app

    worker_id = os.environ.get("PYTEST_XDIST_WORKER", "main")
    suffix = f"{worker_id}-{uuid.uuid4().hex[:8]}"
    queue = f"{name}-{suffix}"
    hostname = f"{name}-{suffix}@{socket.gethostname()}"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = ARTIFACTS / f"celery-{name}-worker-{worker_id}.log"
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "config",
        "worker",
        "--pool=solo",
        "--concurrency=1",
        "-Q",
        queue,
        "-n",
        hostname,
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        "--loglevel=INFO",
    ]
    env = child_environment(CELERY_TASK_ALWAYS_EAGER="false", PYTHONUNBUFFERED="1", **env)
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + WORKER_START_TIMEOUT
        while True:
            if process.poll() is not None:
                pytest.fail(f"Celery 워커가 종료됨 / celery worker exited ({process.returncode}):\n{_log_tail(log)}")
            if app.control.ping(destination=[hostname], timeout=0.5):
                break
            if time.monotonic() > deadline:
                pytest.fail(
                    f"Celery 워커가 {WORKER_START_TIMEOUT:.0f}초 안에 응답하지 않음 / "
                    f"celery worker did not answer within {WORKER_START_TIMEOUT:.0f}s:\n{_log_tail(log)}"
                )
        yield Worker(pid=process.pid, hostname=hostname, queue=queue, log=log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        # The queue was made for this run only: leave no list or binding behind in Redis.
        # (Declared first: kombu's Redis transport only deletes bindings this channel knows.)
        with app.connection_for_write() as connection:
            bound = Queue(queue, Exchange(queue, "direct"), routing_key=queue)(connection.default_channel)
            bound.declare()
            bound.delete()


@pytest.fixture(scope="session")
def celery_worker(integration_services):
    """A worker on the test settings, consuming the broker for real."""
    with started_worker(name="integration", env={"DJANGO_SETTINGS_MODULE": "config.settings.test"}) as worker:
        yield worker


@pytest.fixture
def celery_not_eager():
    """The test process's Celery app publishes to the broker instead of running tasks inline."""
    from config.celery import app

    # The app reads Django settings with the CELERY_ namespace: the prefixed key is the one that counts.
    key = f"{app.namespace}_TASK_ALWAYS_EAGER" if app.namespace else "task_always_eager"
    previous = app.conf.task_always_eager
    app.conf[key] = False
    assert app.conf.task_always_eager is False
    yield app
    app.conf[key] = previous
