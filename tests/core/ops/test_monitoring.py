"""platform/monitoring: the alert rules and the Grafana dashboard name only metrics the
platform exports, and cover what the issue asks to alert on."""

import json
import re
from pathlib import Path

import django_prometheus.db.metrics  # noqa: F401 - the PostgreSQL backend's metrics (SQLite tests skip it)
import pytest
import yaml
from prometheus_client import REGISTRY

MONITORING = Path(__file__).resolve().parents[3] / "platform" / "monitoring"
METRIC = re.compile(r"\b((?:django|balance)_[a-z0-9_]+)")


def exported(client) -> set[str]:
    body = client.get("/metrics").content.decode()
    names = {line.split("{")[0].split(" ")[0] for line in body.splitlines() if line and not line.startswith("#")}
    names |= {line.split()[2] for line in body.splitlines() if line.startswith("# TYPE ")}  # families without samples
    return names | set(REGISTRY._names_to_collectors)


def rules():
    return yaml.safe_load((MONITORING / "alerts.yml").read_text())["groups"][0]["rules"]


@pytest.mark.django_db
def test_alerts_and_dashboard_name_exported_metrics(client, monkeypatch, settings):
    import fakeredis

    from apps.core import beat

    settings.REDIS_URL = "redis://127.0.0.1:6379/13"
    redis = fakeredis.FakeRedis()
    redis.hset(beat.key("metrics:task_runs"), "core.ping|SUCCESS", 1)
    redis.hset(beat.key("metrics:task_seconds"), "core.ping", 0.1)
    monkeypatch.setattr(beat, "redis_client", lambda: redis)
    client.get("/")
    names = exported(client)
    dashboard = json.loads((MONITORING / "grafana-dashboard.json").read_text())
    expressions = [rule["expr"] for rule in rules()] + [
        target["expr"] for panel in dashboard["panels"] for target in panel["targets"]
    ]
    used = {name for expr in expressions for name in METRIC.findall(expr)}
    assert used, "no metric found"
    assert sorted(used - names) == []


def test_the_alerts_cover_5xx_queue_depth_stuck_notifications_and_a_silent_beat():
    by_name = {rule["alert"]: rule for rule in rules()}
    assert 'status=~"5.."' in by_name["BalanceHigh5xxRate"]["expr"]
    assert "balance_celery_queue_length" in by_name["BalanceCeleryQueueDepth"]["expr"]
    assert "balance_notifications_pending_oldest_seconds > 600" in by_name["BalanceNotificationsPendingTooLong"]["expr"]
    assert "balance_beat_heartbeat_age_seconds" in by_name["BalanceBeatSilent"]["expr"]
    assert all(rule["annotations"]["summary"] for rule in by_name.values())
