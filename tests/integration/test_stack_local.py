"""``platform/stack.sh up`` with neither DATABASE_URL nor REDIS_URL: it starts a PostgreSQL
cluster (initdb, pg_ctl) and a Redis of its own when their programs exist, the stack comes
up on them with every readiness check ok, and ``down`` stops them with the rest."""

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.environment import child_environment
from tests.integration.test_stack import ROOT, STACK, _alive, free_port, readyz, tree

pytestmark = pytest.mark.integration

NEEDED = ("initdb", "pg_ctl", "redis-server", "redis-cli")


def is_free(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


def ports_in_a_row() -> int:
    """A free port with the next two free too (PostgreSQL on PORT+1, Redis on PORT+2)."""
    first = free_port()
    for port in range(first, first + 20):
        if all(is_free(p) for p in (port, port + 1, port + 2)):
            return port
    pytest.fail("no three free ports in a row for the stack")


def test_stack_starts_and_stops_its_own_postgres_and_redis_when_none_is_given():
    missing = [program for program in NEEDED if shutil.which(program) is None]
    if missing:
        pytest.skip(f"not installed here: {', '.join(missing)}")
    if os.getuid() == 0:
        pwd.getpwnam("postgres")  # as root the cluster runs as postgres: it must exist
    state = Path(tempfile.mkdtemp(prefix="balance-stack-", dir="/tmp"))
    state.chmod(0o755)
    port = ports_in_a_row()
    env = child_environment(without={"DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND"})
    env |= {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "PORT": str(port),
        "STACK_DIR": str(state),
        "GUNICORN_WORKERS": "1",
    }
    started: set[int] = set()
    try:
        up = subprocess.run([*STACK, "up"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=400)
        assert up.returncode == 0, up.stdout[-3000:] + up.stderr[-3000:]
        assert f"starting PostgreSQL on 127.0.0.1:{port + 1}" in up.stdout
        assert f"starting Redis on 127.0.0.1:{port + 2}" in up.stdout
        assert {name: check["status"] for name, check in readyz(port)["checks"].items()} == dict.fromkeys(
            ("database", "migrations", "redis", "worker", "beat"), "ok"
        )
        postgres = int((state / "local" / "postgres" / "postmaster.pid").read_text().split()[0])
        redis = int((state / "local" / "redis.pid").read_text())
        started = tree(int((state / "honcho.pid").read_text())) | tree(postgres) | {redis}
        status = subprocess.run([*STACK, "status"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=30)
        assert f"PostgreSQL (started here): pid {postgres}" in status.stdout
        assert f"Redis (started here): pid {redis}" in status.stdout
    finally:
        down = subprocess.run([*STACK, "down"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
        shutil.rmtree(state, ignore_errors=True)
    assert down.returncode == 0, down.stdout + down.stderr
    assert started and [pid for pid in started if _alive(pid)] == []
