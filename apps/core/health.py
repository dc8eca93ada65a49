"""Liveness (``/healthz``) and readiness (``/readyz``) for load balancers, probes and
``platform/stack.sh``.

Answered by ``HealthCheckMiddleware``, first in ``MIDDLEWARE``: before host validation
(a probe calls the pod's or server's address, not a name in ALLOWED_HOSTS), sessions,
locale or authentication, so polling them every few seconds costs a few milliseconds.

``/healthz`` checks nothing outside the process: it answers, so the process is alive.
``/readyz`` checks what a request or a notification needs, each with its status and
time: the database answers, every migration is applied, Redis answers, a Celery worker
answers a control ping, and the beat's heartbeat (apps/core/beat.py) is recent. Without
``REDIS_URL`` (development: tasks in-process, no worker, no beat) the last three are
``skipped``. 200 when nothing failed, 503 otherwise. Details name the failure's kind,
never a URL, password or person.
"""

import json
import time

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpResponse

from . import beat

PATHS = ("/healthz", "/readyz")
WORKER_PING_TIMEOUT = 1.0
_migrations_applied = False  # once true it stays true for this process's code


class Skipped(Exception):
    """The check does not apply here (development without Redis)."""


def check_database() -> str:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
    return connections[DEFAULT_DB_ALIAS].vendor


def check_migrations() -> str:
    global _migrations_applied
    if not _migrations_applied:
        from django.db.migrations.executor import MigrationExecutor

        connection = connections[DEFAULT_DB_ALIAS]
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if plan:
            raise RuntimeError(f"{len(plan)} migration(s) not applied")
        _migrations_applied = True
    return "all applied"


def _redis():
    client = beat.redis_client()
    if client is None:
        raise Skipped("no REDIS_URL: tasks run in-process")
    return client


def check_redis() -> str:
    _redis().ping()
    return "pong"


def check_worker() -> str:
    _redis()
    from config.celery import app

    replies = app.control.ping(timeout=WORKER_PING_TIMEOUT, limit=1)
    if not replies:
        raise RuntimeError("no Celery worker answered the ping")
    return f"{len(replies)} answered"


def check_beat() -> str:
    age = beat.heartbeat_age(_redis())
    if age is None:
        raise RuntimeError("no beat heartbeat yet")
    if age > settings.BEAT_HEARTBEAT_MAX_AGE:
        raise RuntimeError(f"beat silent for {age:.0f}s")
    return f"{age:.0f}s ago"


READINESS = {
    "database": check_database,
    "migrations": check_migrations,
    "redis": check_redis,
    "worker": check_worker,
    "beat": check_beat,
}


def run_checks(checks: dict) -> dict:
    results = {}
    for name, check in checks.items():
        started = time.perf_counter()
        try:
            result = {"status": "ok", "detail": check()}
        except Skipped as reason:
            result = {"status": "skipped", "detail": str(reason)}
        except Exception as error:  # a probe reports every failure, it never raises
            message = str(error) if isinstance(error, RuntimeError) else type(error).__name__
            result = {"status": "fail", "detail": message}
        result["ms"] = round((time.perf_counter() - started) * 1000, 1)
        results[name] = result
    return results


def readiness(only: str = "") -> tuple[int, dict]:
    """All checks, or those named in ``only`` (comma-separated, e.g. ``?checks=database,redis``:
    a web pod's readiness must not fail because the workers are down)."""
    names = [name for name in only.split(",") if name] or list(READINESS)
    unknown = sorted(set(names) - set(READINESS))
    if unknown:
        return 400, {"status": "fail", "detail": f"unknown check(s): {', '.join(unknown)}"}
    checks = run_checks({name: READINESS[name] for name in names})
    ok = all(check["status"] != "fail" for check in checks.values())
    return (200 if ok else 503), {"status": "ok" if ok else "fail", "checks": checks}


def _json(status: int, body: dict) -> HttpResponse:
    response = HttpResponse(json.dumps(body), status=status, content_type="application/json")
    response["Cache-Control"] = "no-store"
    return response


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path not in PATHS:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            return _json(405, {"status": "fail", "detail": "GET only"})
        if request.path == "/healthz":
            return _json(200, {"status": "ok"})
        return _json(*readiness(request.GET.get("checks", "")))
