"""``GET /api/v1/notifications/`` and ``POST /api/v1/notifications/{id}/read/``:
the caller's own notifications only; 404 for anyone else's."""

import pytest
import yaml
from knox.models import AuthToken

from apps.notifications.models import Kind, Notification
from tests.factories import member

pytestmark = pytest.mark.django_db

LIST = "/api/v1/notifications/"


def note(user, kind=Kind.DECIDED, title="검토 결과", **fields):
    return Notification.objects.create(
        recipient=user, kind=kind, occasion_key=f"api:{Notification.objects.count()}", title=title,
        url="/proposals/1/", **fields,
    )  # fmt: skip


@pytest.fixture
def official(db):
    return member("regional_official")


@pytest.fixture
def other(db):
    return member("tf_staff")


def test_anonymous_callers_get_401(api_client):
    assert api_client.get(LIST).status_code == 401
    assert api_client.post(f"{LIST}1/read/").status_code == 401


def test_the_list_has_only_the_callers_notifications_paginated(api_client, official, other):
    for index in range(3):
        note(official, title=f"내 알림 {index}")
    note(other, title="남의 알림")
    api_client.force_authenticate(official)
    response = api_client.get(LIST, {"page_size": 2})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 3 and len(body["results"]) == 2 and body["next"]
    first = body["results"][0]
    assert first["title"] == "내 알림 2", "newest first"
    assert set(first) >= {"id", "kind", "kind_display", "title", "body", "url", "proposal", "created_at",
                          "read_at", "is_read"}  # fmt: skip
    assert first["kind_display"] == "검토 결과" and first["is_read"] is False


def test_the_list_filters_unread_and_kind(api_client, official):
    note(official, title="읽음", read_at="2026-01-01T00:00:00Z")
    note(official, title="안 읽음")
    note(official, kind=Kind.ASSIGNED, title="배정")
    api_client.force_authenticate(official)
    unread = {n["title"] for n in api_client.get(LIST, {"unread": "true"}).json()["results"]}
    assert unread == {"안 읽음", "배정"}
    read = {n["title"] for n in api_client.get(LIST, {"unread": "false"}).json()["results"]}
    assert read == {"읽음"}
    assigned = {n["title"] for n in api_client.get(LIST, {"kind": "assigned"}).json()["results"]}
    assert assigned == {"배정"}
    assert api_client.get(LIST, {"kind": "nonsense"}).status_code == 400


def test_marking_ones_own_notification_read(api_client, official):
    item = note(official)
    _instance, token = AuthToken.objects.create(user=official)
    response = api_client.post(f"{LIST}{item.pk}/read/", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 200
    assert response.json()["is_read"] is True and response.json()["id"] == item.pk
    item.refresh_from_db()
    first_read = item.read_at
    assert first_read is not None
    again = api_client.post(f"{LIST}{item.pk}/read/", HTTP_AUTHORIZATION=f"Token {token}")
    assert again.status_code == 200
    item.refresh_from_db()
    assert item.read_at == first_read, "reading twice keeps the first time"


def test_another_persons_notification_is_404_and_untouched(api_client, official, other):
    theirs = note(other)
    api_client.force_authenticate(official)
    response = api_client.post(f"{LIST}{theirs.pk}/read/")
    assert response.status_code == 404
    assert api_client.post(f"{LIST}999999/read/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_read_needs_post(api_client, official):
    item = note(official)
    api_client.force_authenticate(official)
    assert api_client.get(f"{LIST}{item.pk}/read/").status_code == 405


def test_the_schema_documents_both_endpoints(api_client):
    schema = yaml.safe_load(api_client.get("/api/v1/schema/").content)
    listing = schema["paths"]["/api/v1/notifications/"]["get"]
    assert {p["name"] for p in listing["parameters"]} >= {"unread", "kind", "page", "page_size"}
    read = schema["paths"]["/api/v1/notifications/{id}/read/"]["post"]
    assert set(read["responses"]) >= {"200", "401", "404"}
    assert "requestBody" not in read
