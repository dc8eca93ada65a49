"""Races answered as conflicts everywhere, not only in proposal actions (issue 13, item 3):
a write that loses a deadlock or a serialization failure is a 409 with a Korean message,
and nothing of it stays written (``apps.core.conflicts``). Posting a comment stands for
any write outside the proposal actions, which have their own test. On PostgreSQL the
database itself raises the error (its real SQLSTATE through psycopg); on SQLite, which
serialises writers, the same wrapped error is raised by hand."""

import pytest
from django.db import OperationalError, connection, transaction

from apps.comments import services as comment_services
from apps.comments.models import Comment
from apps.core.conflicts import DEADLOCK_DETECTED, MESSAGE, SERIALIZATION_FAILURE, is_lock_conflict
from tests.comments.support import public_proposal

pytestmark = pytest.mark.django_db

CONDITIONS = {DEADLOCK_DETECTED: "deadlock_detected", SERIALIZATION_FAILURE: "serialization_failure"}


class _DriverError(Exception):
    def __init__(self, sqlstate):
        super().__init__(sqlstate)
        self.sqlstate = sqlstate


def lose_a_race(sqlstate: str) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"DO $$ BEGIN RAISE EXCEPTION 'lost' USING ERRCODE = '{CONDITIONS[sqlstate]}'; END $$")
    raise OperationalError("lost") from _DriverError(sqlstate)


@pytest.fixture(params=sorted(CONDITIONS))
def racing_comments(request, monkeypatch):
    """comment_post writes its comment, then loses a race in the same transaction."""
    real = comment_services.comment_post

    def comment_post(**kwargs):
        with transaction.atomic():
            real(**kwargs)
            lose_a_race(request.param)

    monkeypatch.setattr(comment_services, "comment_post", comment_post)
    return request.param


def test_only_deadlocks_and_serialization_failures_are_conflicts():
    assert is_lock_conflict(OperationalError("x").with_traceback(None)) is False
    for code in CONDITIONS:
        error = OperationalError("x")
        error.__cause__ = _DriverError(code)
        assert is_lock_conflict(error)
    other = OperationalError("disk full")
    other.__cause__ = _DriverError("53100")
    assert not is_lock_conflict(other)
    assert not is_lock_conflict(ValueError())


def test_a_page_write_that_loses_a_race_is_409_and_leaves_nothing(login, cast, racing_comments):
    proposal = public_proposal(cast)

    response = login("official").post(f"/comments/proposal/{proposal.pk}/", {"body": "동시에 쓴 의견"})

    assert response.status_code == 409
    assert str(MESSAGE) in response.content.decode()
    assert not Comment.objects.filter(body="동시에 쓴 의견").exists()


def test_an_api_write_that_loses_a_race_is_409_in_korean_and_leaves_nothing(api_client, cast, racing_comments):
    proposal = public_proposal(cast)
    api_client.force_authenticate(cast.people["official"])

    response = api_client.post(
        f"/api/v1/proposals/{proposal.pk}/comments/", {"body": "동시에 쓴 의견", "visibility": "public"}, format="json"
    )

    assert response.status_code == 409
    assert response.json() == {"detail": str(MESSAGE)}
    assert not Comment.objects.filter(body="동시에 쓴 의견").exists()


def test_every_write_documents_the_conflict():
    from drf_spectacular.generators import SchemaGenerator

    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    writes = [(path, method, op) for path, ops in paths.items() for method, op in ops.items() if method != "get"]
    assert writes
    assert all("409" in op["responses"] for _path, _method, op in writes)
