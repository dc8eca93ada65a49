import os
import subprocess
import sys
from pathlib import Path

import pytest
from celery.backends.redis import RedisBackend
from django.core.management import call_command
from django.db import connection

from apps.core.tasks import ping
from tests.environment import child_environment

pytestmark = pytest.mark.integration

TASK_TIMEOUT = 30
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_database_is_postgresql_when_database_url_says_so():
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        pytest.skip("DATABASE_URL is not PostgreSQL")
    assert connection.vendor == "postgresql"
    assert connection.settings_dict["NAME"].startswith("test_")
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        (version,) = cursor.fetchone()
    assert int(version) >= 140000


def test_ping_task_runs_in_the_worker_process_and_returns_through_redis(celery_worker, celery_not_eager):
    token = os.urandom(8).hex()

    result = ping.apply_async(kwargs={"token": token}, queue=celery_worker.queue)
    value = result.get(timeout=TASK_TIMEOUT)

    assert isinstance(result.backend, RedisBackend)
    assert result.state == "SUCCESS"
    assert value["pong"] == token
    assert value["eager"] is False
    assert value["worker"] == celery_worker.hostname
    assert value["pid"] == celery_worker.pid
    assert value["pid"] != os.getpid()
    result.forget()


def test_check_services_sees_the_running_worker(celery_worker, django_db_blocker, capsys):
    with django_db_blocker.unblock():
        call_command("check_services", "--for-tests", "--worker", "--timeout", "10")

    assert celery_worker.hostname in capsys.readouterr().out


def test_check_services_fails_clearly_when_redis_is_unreachable():
    env = child_environment(DJANGO_SETTINGS_MODULE="config.settings.test", REDIS_URL="redis://127.0.0.1:1/15")

    done = subprocess.run(
        [sys.executable, "manage.py", "check_services", "--for-tests", "--timeout", "2"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert done.returncode != 0
    assert "cannot reach the broker (redis://127.0.0.1:1/15)" in done.stderr
    assert "브로커에 연결할 수 없습니다" in done.stderr
