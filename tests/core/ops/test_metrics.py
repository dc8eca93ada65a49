"""/metrics (apps/core/metrics.py): Prometheus text for allowed addresses only, with the
request counters of django-prometheus, Celery queue depth, task runs and run time counted
in Redis by the workers, the beat's heartbeat, pending/failed notifications and overdue
proposals."""

import datetime
from types import SimpleNamespace

import fakeredis
import pytest
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from apps.core import beat, metrics
from apps.notifications.models import EmailState, Kind, Notification
from apps.proposals.models import Proposal
from apps.proposals.models import ProposalStatus as S
from tests.notifications.support import NotifyCast
from tests.proposals.support import proposal_in


def scrape(client, **headers) -> dict:
    response = client.get("/metrics", **headers)
    assert response.status_code == 200, response.content
    samples = {}
    for family in text_string_to_metric_families(response.content.decode()):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return samples


def value(samples, name, **labels):
    return samples.get((name, tuple(sorted(labels.items()))))


@pytest.fixture
def redis(monkeypatch, settings):
    settings.REDIS_URL = "redis://127.0.0.1:6379/13"
    client = fakeredis.FakeRedis()
    monkeypatch.setattr(beat, "redis_client", lambda: client)
    return client


@pytest.mark.django_db
def test_metrics_count_requests_by_view(client):
    client.get("/")
    samples = scrape(client)
    by_view = [
        v
        for (name, labels), v in samples.items()
        if name == "django_http_responses_total_by_status_view_method_total" and ("view", "home") in labels
    ]
    assert by_view and sum(by_view) >= 1
    assert any(name.startswith("django_http_requests_latency_seconds_by_view_method") for name, _ in samples)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("remote", "forwarded"),
    [("10.1.2.3", None), ("127.0.0.1", "203.0.113.9"), ("127.0.0.1", "not-an-ip")],
)
def test_metrics_refuse_other_addresses_and_proxied_outsiders(client, remote, forwarded):
    headers = {"REMOTE_ADDR": remote}
    if forwarded:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    response = client.get("/metrics", **headers)
    assert response.status_code == 403
    assert b"django_http" not in response.content


@pytest.mark.django_db
def test_metrics_answer_a_configured_network(client, settings):
    settings.METRICS_ALLOWED_IPS = ["10.0.0.0/8"]
    assert client.get("/metrics", REMOTE_ADDR="10.1.2.3").status_code == 200
    assert client.get("/metrics").status_code == 403  # 127.0.0.1 is no longer listed


@pytest.mark.django_db
def test_metrics_show_queue_depth_task_runs_and_the_beat(client, redis):
    redis.rpush("notifications", b"a", b"b")
    redis.rpush("notifications\x06\x163", b"c")
    redis.set(beat.key("heartbeat"), repr(timezone.now().timestamp() - 7))
    worker_task = SimpleNamespace(name="notifications.deliver", request=SimpleNamespace(is_eager=False))
    for task_id, state in (("t1", "SUCCESS"), ("t2", "SUCCESS"), ("t3", "FAILURE")):
        metrics._task_started(task_id=task_id, task=worker_task)
        metrics._task_finished(task_id=task_id, task=worker_task, state=state)
    eager_task = SimpleNamespace(name="core.ping", request=SimpleNamespace(is_eager=True))
    metrics._task_started(task_id="t4", task=eager_task)
    metrics._task_finished(task_id="t4", task=eager_task, state="SUCCESS")

    samples = scrape(client)
    assert value(samples, "balance_celery_queue_length", queue="notifications") == 3
    assert value(samples, "balance_celery_queue_length", queue="exchange") == 0
    assert value(samples, "balance_beat_heartbeat_age_seconds") == pytest.approx(7, abs=2)
    runs = "balance_celery_task_runs_total"
    assert value(samples, runs, task="notifications.deliver", state="SUCCESS") == 2
    assert value(samples, runs, task="notifications.deliver", state="FAILURE") == 1
    assert value(samples, runs, task="core.ping", state="SUCCESS") is None  # in-process runs are not worker runs
    assert value(samples, "balance_celery_task_seconds_total", task="notifications.deliver") >= 0


@pytest.mark.django_db
def test_metrics_without_redis_leave_the_celery_families_out(client, settings):
    settings.REDIS_URL = ""
    samples = scrape(client)
    assert not any(name.startswith("balance_celery") for name, _ in samples)
    assert value(samples, "balance_notifications", state="pending") is not None


@pytest.mark.django_db
def test_metrics_show_pending_and_failed_notifications_and_overdue_proposals(client):
    cast = NotifyCast()
    proposal = proposal_in(cast, S.SUBMITTED)
    Notification.objects.all().delete()
    make = dict(recipient=cast["official"], kind=Kind.INFO_REQUESTED, proposal=proposal, title="t")
    old = Notification.objects.create(**make, occasion_key="a", email_state=EmailState.PENDING)
    Notification.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=12))
    Notification.objects.create(**make, occasion_key="b", email_state=EmailState.PENDING)
    Notification.objects.create(**make, occasion_key="c", email_state=EmailState.FAILED)
    Notification.objects.create(**make, occasion_key="d", email_state=EmailState.SENT)
    samples = scrape(client)
    assert value(samples, "balance_notifications", state="pending") == 2
    assert value(samples, "balance_notifications", state="failed") == 1
    assert value(samples, "balance_notifications_pending_oldest_seconds") == pytest.approx(12 * 60, abs=30)
    assert value(samples, "balance_proposals_overdue", status=S.SUBMITTED) is None

    Proposal.objects.filter(pk=proposal.pk).update(due_at=timezone.localdate() - datetime.timedelta(days=3))
    assert value(scrape(client), "balance_proposals_overdue", status=S.SUBMITTED) == 1  # its clock runs


def test_the_metered_cache_counts_hits_and_misses():
    from django_prometheus.cache.metrics import django_cache_hits_total, django_cache_misses_total

    cache = metrics.MeteredRedisCache("redis://127.0.0.1:6379/13", {})
    stored = {cache.make_and_validate_key("here"): "value"}
    cache.__dict__["_cache"] = SimpleNamespace(get=lambda key, default: stored.get(key, default))
    hits, misses = (django_cache_hits_total.labels(backend="redis"), django_cache_misses_total.labels(backend="redis"))
    before = (hits._value.get(), misses._value.get())
    assert cache.get("here") == "value"
    assert cache.get("gone", "fallback") == "fallback"
    assert (hits._value.get(), misses._value.get()) == (before[0] + 1, before[1] + 1)
