"""Structured logs (apps/core/logs.py): one JSON line per record with the request id,
returned as X-Request-ID and carried into the Celery tasks the request queues; user id and
role codes, never names, e-mail addresses, query strings or tokens."""

import json
import logging
from types import SimpleNamespace

import pytest

from apps.core import logs
from apps.core.logs import CONTEXT, JsonFormatter
from tests.environment import child_environment


@pytest.fixture
def request_lines(caplog):
    caplog.set_level(logging.INFO, logger="balance.request")
    return lambda: [json.loads(JsonFormatter().format(r)) for r in caplog.records if r.name == "balance.request"]


@pytest.mark.django_db
def test_each_request_gets_an_id_and_one_json_line(client, request_lines):
    response = client.get("/?q=홍길동&email=a@b.kr")
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32
    (line,) = request_lines()
    assert line["request_id"] == request_id
    assert (line["message"], line["method"], line["path"], line["status"]) == ("request", "GET", "/", 200)
    assert isinstance(line["ms"], float)
    assert "user_id" not in line  # anonymous
    assert "홍길동" not in json.dumps(line, ensure_ascii=False) and "a@b.kr" not in json.dumps(line)


@pytest.mark.django_db
def test_a_signed_in_request_logs_user_id_and_roles_not_personal_data(client, make_member, request_lines):
    person = make_member("tf_staff")
    person.email, person.first_name = "kim@example.go.kr", "김담당"
    person.save()
    client.force_login(person)
    client.get("/proposals/")
    line = request_lines()[-1]
    assert (line["user_id"], line["roles"]) == (person.pk, ["tf_staff"])
    text = json.dumps(line, ensure_ascii=False)
    assert person.username not in text and "kim@example.go.kr" not in text and "김담당" not in text


@pytest.mark.django_db
def test_a_proxy_request_id_is_kept_and_a_malformed_one_replaced(client):
    assert client.get("/", HTTP_X_REQUEST_ID="lb-0123456789abcdef")["X-Request-ID"] == "lb-0123456789abcdef"
    replaced = client.get("/", HTTP_X_REQUEST_ID="<script>alert(1)</script>")["X-Request-ID"]
    assert replaced != "<script>alert(1)</script>" and len(replaced) == 32


def test_the_request_id_goes_into_the_task_headers_and_back_out_in_the_worker():
    token = CONTEXT.set({"request_id": "req-from-web-123"})
    try:
        headers: dict = {}
        logs.add_request_id(headers=headers)
    finally:
        CONTEXT.reset(token)
    assert headers == {"request_id": "req-from-web-123"}

    # In the worker: no request context, the id arrives with the message.
    task = SimpleNamespace(name="notifications.deliver", request=SimpleNamespace(request_id="req-from-web-123"))
    logs.bind_task(task_id="t-1", task=task)
    assert CONTEXT.get() == {"task": "notifications.deliver", "task_id": "t-1", "request_id": "req-from-web-123"}
    record = logging.LogRecord("apps.notifications", logging.INFO, __file__, 1, "sent %s", (3,), None)
    logs.ContextFilter().filter(record)
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == "req-from-web-123" and line["task"] == "notifications.deliver"
    assert line["message"] == "sent 3"
    logs.unbind_task(task_id="t-1")
    assert CONTEXT.get() == {}


def test_a_beat_task_has_no_request_id_and_publishing_outside_a_request_adds_none():
    headers: dict = {}
    logs.add_request_id(headers=headers)
    assert headers == {}
    logs.bind_task(task_id="t-2", task=SimpleNamespace(name="notifications.sweep_pending", request=SimpleNamespace()))
    assert "request_id" not in CONTEXT.get()
    logs.unbind_task(task_id="t-2")


def test_an_in_process_task_keeps_the_request_id():
    """Development runs tasks inside the request: their lines carry the request's id."""
    from celery import signals

    from apps.core.tasks import ping

    seen = []

    def inside(task_id=None, task=None, **kwargs):  # runs after apps.core.logs.bind_task
        seen.append(dict(CONTEXT.get()))

    signals.task_prerun.connect(inside)
    token = CONTEXT.set({"request_id": "req-eager-0001"})
    try:
        assert ping.apply(kwargs={"token": "x"}).get()["pong"] == "x"
        assert CONTEXT.get() == {"request_id": "req-eager-0001"}  # unbound after the task
    finally:
        CONTEXT.reset(token)
        signals.task_prerun.disconnect(inside)
    assert seen == [{"task": "core.ping", "task_id": seen[0]["task_id"], "request_id": "req-eager-0001"}]


def test_production_logs_json_and_workers_use_it():
    import subprocess
    import sys

    env = {
        **child_environment(),
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x" * 50,
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "LOG_FORMAT": "",
    }
    env.pop("LOG_FORMAT")
    probe = (
        "from django.conf import settings as s; "
        "print(s.LOGGING['handlers']['console']['formatter'], s.CELERY_WORKER_HIJACK_ROOT_LOGGER)"
    )
    out = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True).stdout
    assert out.split() == ["json", "False"]
