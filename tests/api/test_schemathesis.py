"""Schemathesis over the whole API schema, as five kinds of user (issue 13, item 6).

Every operation, every check schemathesis has, examples bounded (``SCHEMATHESIS_EXAMPLES``,
default 3 per operation and user) so the run stays within a few minutes: the API answers
no 500, and every answer — status, content type, body, headers — is one its schema
documents."""

import os
from pathlib import Path

import pytest
import schemathesis
from django.core import signals
from django.core.cache import cache
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from knox.models import AuthToken
from schemathesis.config import SchemathesisConfig

from config.wsgi import application
from tests.factories import member

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "3"))
ROLES = [None, "regional_official", "dept_reviewer", "tf_staff", "admin"]

# The only exceptions to "valid input is accepted" are named there, with why.
CONFIG = SchemathesisConfig.from_path(str(Path(__file__).resolve().parents[2] / "schemathesis.toml"))
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application, config=CONFIG)


@pytest.fixture(params=ROLES, ids=lambda role: role or "anonymous")
def auth_headers(request, db):
    if request.param is None:
        return {}
    _instance, token = AuthToken.objects.create(user=member(request.param))
    return {"Authorization": f"Token {token}"}


@pytest.fixture(autouse=True)
def connection_kept_open():
    """The WSGI handler closes old connections when a request starts and ends; inside the
    test's transaction that closes PostgreSQL's connection under it (SQLite's in-memory
    one never closes). Django's own test client unhooks them the same way."""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_its_schema(case, auth_headers):
    # Hypothesis sends far more requests a minute than a person could; the throttles that
    # would answer 429 are tested on their own (tests/accounts/views/test_lockout.py).
    cache.clear()
    case.call_and_validate(headers=auth_headers)
