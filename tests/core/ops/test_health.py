"""/healthz and /readyz (apps/core/health.py): JSON per check with timing, 200 or 503,
answered for any Host (probes call an address) and never leaking a URL or password."""

import time

import fakeredis
import pytest
from django.db.migrations.executor import MigrationExecutor

from apps.core import beat, health
from config.celery import app as celery_app

PROBE_HOST = {"HTTP_HOST": "10.0.3.7:8000"}  # a pod address, not in ALLOWED_HOSTS


@pytest.fixture(autouse=True)
def fresh_migration_check(monkeypatch):
    monkeypatch.setattr(health, "_migrations_applied", False)


@pytest.fixture
def redis(monkeypatch, settings):
    """A Redis for the checks, with one worker answering pings."""
    settings.REDIS_URL = "redis://127.0.0.1:6379/13"
    client = fakeredis.FakeRedis()
    monkeypatch.setattr(beat, "redis_client", lambda: client)
    monkeypatch.setattr(celery_app.control, "ping", lambda **kwargs: [{"worker@host": {"ok": "pong"}}])
    return client


def readyz(client):
    response = client.get("/readyz", **PROBE_HOST)
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "no-store"
    return response.status_code, response.json()


def test_healthz_answers_any_host_without_dependencies(client):
    # No django_db mark: touching the database would raise here.
    response = client.get("/healthz", **PROBE_HOST)
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_probes_answer_get_only(client):
    assert client.post("/healthz", **PROBE_HOST).status_code == 405


@pytest.mark.django_db
def test_readyz_in_development_checks_the_database_and_skips_redis(client, settings):
    settings.REDIS_URL = ""
    status, body = readyz(client)
    assert status == 200
    assert body["status"] == "ok"
    checks = body["checks"]
    assert list(checks) == ["database", "migrations", "redis", "worker", "beat"]
    assert [checks[name]["status"] for name in checks] == ["ok", "ok", "skipped", "skipped", "skipped"]
    assert all(isinstance(check["ms"], float) for check in checks.values())


@pytest.mark.django_db
def test_readyz_fails_while_a_migration_is_unapplied(client, settings, monkeypatch):
    settings.REDIS_URL = ""
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [("0099_new", False)])
    status, body = readyz(client)
    assert status == 503
    assert body["checks"]["migrations"]["status"] == "fail"
    assert body["checks"]["migrations"]["detail"] == "1 migration(s) not applied"


@pytest.mark.django_db
def test_readyz_ok_with_redis_a_worker_and_a_recent_beat(client, redis):
    redis.set(beat.key("heartbeat"), repr(time.time() - 5))
    status, body = readyz(client)
    assert status == 200, body
    assert {name: check["status"] for name, check in body["checks"].items()} == dict.fromkeys(health.READINESS, "ok")
    assert body["checks"]["beat"]["detail"] == "5s ago"


@pytest.mark.django_db
def test_readyz_fails_when_the_beat_is_silent(client, redis, settings):
    status, body = readyz(client)
    assert (status, body["checks"]["beat"]["detail"]) == (503, "no beat heartbeat yet")

    redis.set(beat.key("heartbeat"), repr(time.time() - settings.BEAT_HEARTBEAT_MAX_AGE - 30))
    status, body = readyz(client)
    assert status == 503
    assert body["checks"]["beat"]["status"] == "fail"
    assert body["checks"]["beat"]["detail"].startswith("beat silent for")


@pytest.mark.django_db
def test_readyz_fails_when_no_worker_answers(client, redis, monkeypatch):
    redis.set(beat.key("heartbeat"), repr(time.time()))
    monkeypatch.setattr(celery_app.control, "ping", lambda **kwargs: [])
    status, body = readyz(client)
    assert status == 503
    assert body["checks"]["worker"]["detail"] == "no Celery worker answered the ping"


@pytest.mark.django_db
def test_readyz_reports_unreachable_redis_without_its_url(client, settings):
    settings.REDIS_URL = "redis://:hunter2@127.0.0.1:1/0"  # nothing listens on port 1
    status, body = readyz(client)
    assert status == 503
    assert (body["checks"]["redis"]["status"], body["checks"]["redis"]["detail"]) == ("fail", "ConnectionError")
    assert "hunter2" not in str(body) and "127.0.0.1" not in str(body)


@pytest.mark.django_db
def test_readyz_checks_only_what_is_asked(client, redis, monkeypatch):
    monkeypatch.setattr(celery_app.control, "ping", lambda **kwargs: [])  # workers down
    response = client.get("/readyz", {"checks": "database,migrations,redis"}, **PROBE_HOST)
    assert response.status_code == 200
    assert list(response.json()["checks"]) == ["database", "migrations", "redis"]
    assert client.get("/readyz", **PROBE_HOST).status_code == 503  # the full check still fails


def test_readyz_refuses_an_unknown_check(client):
    response = client.get("/readyz", {"checks": "database,disk"}, **PROBE_HOST)
    assert response.status_code == 400
    assert response.json()["detail"] == "unknown check(s): disk"
