"""Structured logs: one JSON object a line, with the request id of the request that caused
it — in the web process and in every Celery task that request queued.

* ``RequestLogMiddleware`` gives each request an id (a well-formed ``X-Request-ID`` from
  the proxy, else a new one), returns it in ``X-Request-ID`` and logs one ``request`` line
  at the end: method, path (never the query string), status, milliseconds, user id and
  role codes (only if the request already read them: no query for the log).
* Celery: ``before_task_publish`` puts the id in the task's headers; ``task_prerun`` binds
  it (with the task's name and id) in the worker, ``task_postrun`` unbinds it.
* ``JsonFormatter`` writes the bound fields and a few known extras. Never names, e-mail
  addresses, IP addresses, tokens or form data: only ids and codes are bound.

Settings: ``LOG_FORMAT`` = ``json`` (production's default) or ``text`` (development).
"""

import contextvars
import datetime
import json
import logging
import re
import time
import uuid

from celery import signals

logger = logging.getLogger("balance.request")
CONTEXT: contextvars.ContextVar[dict] = contextvars.ContextVar("log_context", default={})  # noqa: B039 - never mutated
HEADER = "request_id"
VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
# Extras a log call may pass (``extra={...}``) that reach the JSON line; nothing else does.
EXTRAS = ("method", "path", "status", "ms", "user_id", "roles")
_task_tokens: dict[str, contextvars.Token] = {}


def current_request_id() -> str | None:
    return CONTEXT.get().get("request_id")


class ContextFilter(logging.Filter):
    """Adds the bound fields to every record (``%(request_id)s`` works in text formats)."""

    def filter(self, record):
        context = CONTEXT.get()
        record.request_id = context.get("request_id", "-")
        record.log_context = context
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record):
        line = {
            "ts": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            **getattr(record, "log_context", CONTEXT.get()),
        }
        line.update({name: getattr(record, name) for name in EXTRAS if hasattr(record, name)})
        if record.exc_info:
            line["exc"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if VALID_ID.match(incoming) else uuid.uuid4().hex
        token = CONTEXT.set({"request_id": request_id})
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            logger.info(
                "request",
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "ms": round((time.perf_counter() - started) * 1000, 1),
                    **_who(request),
                },
            )
            return response
        finally:
            CONTEXT.reset(token)


def _who(request) -> dict:
    """User id and role codes, if the request already loaded them (the log adds no query)."""
    user = request.__dict__.get("user")  # django.contrib.auth sets a lazy object; DRF the real user
    wrapped = getattr(user, "_wrapped", user)
    if wrapped is None or not getattr(wrapped, "is_authenticated", False):
        return {}
    memberships = getattr(wrapped, "_active_memberships_cache", None) or []
    return {"user_id": wrapped.pk, "roles": sorted({m.role for m in memberships})}


@signals.before_task_publish.connect
def add_request_id(headers=None, **kwargs):
    request_id = current_request_id()
    if request_id and headers is not None:
        headers.setdefault(HEADER, request_id)


@signals.task_prerun.connect
def bind_task(task_id=None, task=None, **kwargs):
    # A real worker finds the id in the message headers; an in-process (eager) run keeps the
    # request's own context.
    request_id = getattr(task.request, HEADER, None) or current_request_id()
    context = {"task": task.name, "task_id": task_id}
    if request_id:
        context["request_id"] = request_id
    _task_tokens[task_id] = CONTEXT.set(context)


@signals.task_postrun.connect
def unbind_task(task_id=None, **kwargs):
    token = _task_tokens.pop(task_id, None)
    if token is not None:
        CONTEXT.reset(token)
