"""Prometheus metrics at ``/metrics``, for the addresses in ``METRICS_ALLOWED_IPS`` only.

* Requests, latency, responses by view and status, exceptions, database queries and
  errors: django-prometheus (its middleware and database backends, settings.py).
* Cache gets, hits and misses: ``MeteredRedisCache`` (Django's Redis cache, counted).
* Computed at each scrape by ``PlatformCollector``: Celery queue depth per queue (Redis
  list lengths), the beat heartbeat's age, and task runs, failures and run time per task
  — counted in Redis by every worker (signals below), so one scrape of any web process
  sees the whole cluster — plus the gauges apps register with ``register`` (pending and
  failed notifications and the oldest pending one; overdue proposals).

Under gunicorn with several workers set ``PROMETHEUS_MULTIPROC_DIR`` (platform/stack.sh
does): each process writes its counters there and a scrape adds them up.
"""

import ipaddress
import logging
import os
import time

from celery import signals
from django.conf import settings
from django.core.cache.backends.redis import RedisCache
from django.http import HttpResponse, HttpResponseForbidden
from django_prometheus.cache.metrics import django_cache_get_total, django_cache_hits_total, django_cache_misses_total
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest, multiprocess
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily

from . import beat

logger = logging.getLogger(__name__)
_collectors: list = []
_started: dict[str, float] = {}
# kombu's Redis transport keeps a queue's priorities 3, 6 and 9 in lists of their own.
PRIORITY_SUFFIXES = ("", "\x06\x163", "\x06\x166", "\x06\x169")


def register(collect):
    """``collect()`` yields metric families (``GaugeMetricFamily``…) at each scrape."""
    if collect not in _collectors:
        _collectors.append(collect)
    return collect


class PlatformCollector:
    def collect(self):
        for collect in [*_collectors, _celery_metrics]:
            try:
                yield from collect()
            except Exception as error:  # a scrape reports what it can; the rest shows as absent
                logger.warning("metrics: %s failed: %s", getattr(collect, "__name__", collect), type(error).__name__)


def _celery_metrics():
    client = beat.redis_client()
    if client is None:
        return
    depth = GaugeMetricFamily("balance_celery_queue_length", "Tasks waiting in a Celery queue", labels=["queue"])
    for queue in settings.CELERY_TASK_QUEUES:
        with client.pipeline() as pipe:
            for suffix in PRIORITY_SUFFIXES:
                pipe.llen(queue.name + suffix)
            depth.add_metric([queue.name], sum(pipe.execute()))
    yield depth
    age = beat.heartbeat_age(client)
    yield GaugeMetricFamily(
        "balance_beat_heartbeat_age_seconds", "Seconds since the leading beat ticked", value=-1 if age is None else age
    )
    runs = CounterMetricFamily("balance_celery_task_runs", "Celery tasks run, by final state", labels=["task", "state"])
    for field, count in client.hgetall(beat.key("metrics:task_runs")).items():
        task, state = field.decode().rsplit("|", 1)
        runs.add_metric([task, state], int(count))
    yield runs
    seconds = CounterMetricFamily("balance_celery_task_seconds", "Seconds spent running a task", labels=["task"])
    for task, total in client.hgetall(beat.key("metrics:task_seconds")).items():
        seconds.add_metric([task.decode()], float(total))
    yield seconds


@signals.task_prerun.connect
def _task_started(task_id=None, task=None, **kwargs):
    if not task.request.is_eager:
        _started[task_id] = time.monotonic()


@signals.task_postrun.connect
def _task_finished(task_id=None, task=None, state=None, **kwargs):
    started = _started.pop(task_id, None)
    if started is None:
        return
    client = beat.redis_client()
    if client is None:
        return
    try:
        with client.pipeline(transaction=False) as pipe:
            pipe.hincrby(beat.key("metrics:task_runs"), f"{task.name}|{state or 'UNKNOWN'}", 1)
            pipe.hincrbyfloat(beat.key("metrics:task_seconds"), task.name, time.monotonic() - started)
            pipe.execute()
    except Exception as error:  # metrics never fail a task
        logger.warning("task metrics not recorded: %s", type(error).__name__)


class MeteredRedisCache(RedisCache):
    """Django's Redis cache, counting gets, hits and misses for Prometheus."""

    def get(self, key, default=None, version=None):
        django_cache_get_total.labels(backend="redis").inc()
        missing = object()
        value = super().get(key, missing, version)
        if value is missing:
            django_cache_misses_total.labels(backend="redis").inc()
            return default
        django_cache_hits_total.labels(backend="redis").inc()
        return value


def _allowed(request) -> bool:
    networks = [ipaddress.ip_network(net, strict=False) for net in settings.METRICS_ALLOWED_IPS]
    # Through a proxy, the original client must be allowed too, not just the proxy.
    forwarded = [a.strip() for a in request.headers.get("X-Forwarded-For", "").split(",") if a.strip()]
    for address in [request.META.get("REMOTE_ADDR", ""), *forwarded]:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        if not any(ip in network for network in networks):
            return False
    return True


def metrics_view(request):
    if not _allowed(request):
        return HttpResponseForbidden("metrics: address not allowed\n", content_type="text/plain")
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        registry.register(PlatformCollector())
    else:
        registry = REGISTRY
    return HttpResponse(generate_latest(registry), content_type=CONTENT_TYPE_LATEST)


if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    REGISTRY.register(PlatformCollector())
