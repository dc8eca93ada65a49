"""Login lockout (django-axes) on the web login, the admin login and the token endpoint;
unlock by the window or by an admin; the access log; the API throttles."""

import datetime

import pytest
import time_machine
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from apps.accounts.lockout import client_ip
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "pass-1234!"
TOKEN_URL = "/api/v1/auth/token/"
LOCKED = "로그인에 5회 연속 실패하여 잠시 잠겼습니다."


def web_login(client, username, password, address="10.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def fail_five_times(client, username, address="10.0.0.1"):
    for _ in range(4):
        assert web_login(client, username, "wrong", address).status_code == 200
    # The fifth failure already answers with the lock.
    assert web_login(client, username, "wrong", address).status_code == 429


def test_right_password_works_after_four_failures(client):
    UserFactory(username="kim")
    for _ in range(4):
        web_login(client, "kim", "wrong")
    assert web_login(client, "kim", PASSWORD).status_code == 302


def test_five_failures_lock_the_username_even_for_the_right_password(client):
    UserFactory(username="kim")
    fail_five_times(client, "kim")

    response = web_login(client, "kim", PASSWORD, address="10.9.9.9")  # another address too

    assert response.status_code == 429
    html = response.content.decode()
    assert LOCKED in html
    assert "이후(15분 뒤)에 다시 시도해 주세요." in html
    assert response["Retry-After"] == "900"
    assert "_auth_user_id" not in client.session


def test_lock_message_names_the_time_it_ends(client):
    UserFactory(username="kim")
    fail_five_times(client, "kim")
    until = timezone.localtime(timezone.now() + datetime.timedelta(minutes=15))

    html = web_login(client, "kim", PASSWORD).content.decode()

    assert f"{until:%H:%M} 이후" in html


def test_five_failures_from_one_address_lock_it_for_other_usernames(client):
    UserFactory(username="kim")
    for name in ["a", "b", "c", "d", "e"]:
        web_login(client, name, "wrong", address="10.0.0.7")

    assert web_login(client, "kim", PASSWORD, address="10.0.0.7").status_code == 429
    assert web_login(client, "kim", PASSWORD, address="10.0.0.8").status_code == 302


def test_lock_ends_after_the_window(client):
    UserFactory(username="kim")
    fail_five_times(client, "kim")
    assert web_login(client, "kim", PASSWORD).status_code == 429

    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=16)):
        assert web_login(client, "kim", PASSWORD).status_code == 302


def test_lock_still_holds_inside_the_window(client):
    UserFactory(username="kim")
    fail_five_times(client, "kim")

    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=14)):
        assert web_login(client, "kim", PASSWORD).status_code == 429


def test_admin_unlocks_with_the_reset_command(client):
    UserFactory(username="kim")
    fail_five_times(client, "kim")

    call_command("axes_reset_username", "kim")
    call_command("axes_reset_ip", "10.0.0.1")

    assert web_login(client, "kim", PASSWORD).status_code == 302


def test_admin_unlocks_by_deleting_the_attempt_in_the_admin(client):
    UserFactory(username="kim")
    operator = UserFactory(username="operator", is_staff=True, is_superuser=True)
    fail_five_times(client, "kim")
    attempt = AccessAttempt.objects.get(username="kim")

    admin_client = type(client)()
    admin_client.force_login(operator)
    url = reverse("admin:axes_accessattempt_delete", args=[attempt.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302

    assert web_login(client, "kim", PASSWORD).status_code == 302


def test_admin_login_locks_too(client):
    UserFactory(username="operator", is_staff=True, is_superuser=True)
    url = reverse("admin:login")
    for _ in range(5):
        client.post(url, {"username": "operator", "password": "wrong"}, REMOTE_ADDR="10.0.0.1")

    response = client.post(url, {"username": "operator", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1")

    assert response.status_code == 429
    assert LOCKED in response.content.decode()


def test_token_endpoint_locks_with_korean_json_and_retry_after():
    UserFactory(username="kim")
    api = APIClient(REMOTE_ADDR="10.0.0.2")
    for _ in range(4):
        assert api.post(TOKEN_URL, {"username": "kim", "password": "wrong"}, format="json").status_code == 400
    assert api.post(TOKEN_URL, {"username": "kim", "password": "wrong"}, format="json").status_code == 429

    response = api.post(TOKEN_URL, {"username": "kim", "password": PASSWORD}, format="json")

    assert response.status_code == 429
    assert response.json()["detail"].startswith(LOCKED)
    assert response["Retry-After"] == "900"


def test_failures_on_the_api_count_for_the_web_login(client):
    UserFactory(username="kim")
    api = APIClient()
    for _ in range(5):
        api.post(TOKEN_URL, {"username": "kim", "password": "wrong"}, format="json")

    assert web_login(client, "kim", PASSWORD).status_code == 429


def test_every_login_success_and_failure_is_logged_with_address_and_agent(client):
    UserFactory(username="kim")
    client.post(
        reverse("login"), {"username": "kim", "password": "wrong"}, REMOTE_ADDR="10.0.0.3", HTTP_USER_AGENT="Agent/1"
    )
    client.post(
        reverse("login"), {"username": "kim", "password": PASSWORD}, REMOTE_ADDR="10.0.0.3", HTTP_USER_AGENT="Agent/1"
    )
    APIClient().post(TOKEN_URL, {"username": "kim", "password": PASSWORD}, format="json", HTTP_USER_AGENT="Agent/2")

    failure = AccessFailureLog.objects.get()
    assert (failure.username, failure.ip_address, failure.user_agent) == ("kim", "10.0.0.3", "Agent/1")
    assert sorted(AccessLog.objects.values_list("username", "user_agent")) == [("kim", "Agent/1"), ("kim", "Agent/2")]


def test_access_log_is_visible_to_admins_only(client):
    UserFactory(username="kim")
    web_login(client, "kim", PASSWORD)
    operator = UserFactory(username="operator", is_staff=True, is_superuser=True)
    clerk = UserFactory(username="clerk", is_staff=True)

    client.force_login(operator)
    assert "kim" in client.get(reverse("admin:axes_accesslog_changelist")).content.decode()
    client.force_login(clerk)
    assert client.get(reverse("admin:axes_accesslog_changelist")).status_code == 403


def test_client_ip_reads_the_address_the_trusted_proxy_appended(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9", REMOTE_ADDR="127.0.0.1")
    assert client_ip(request) == "203.0.113.9"


def test_client_ip_ignores_forwarded_header_without_a_trusted_proxy(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6", REMOTE_ADDR="198.51.100.4")
    assert client_ip(request) == "198.51.100.4"


def test_token_issue_is_throttled_per_address_in_korean(monkeypatch):
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"token": "2/min", "write": "100/min"})
    api = APIClient()
    for _ in range(2):
        api.post(TOKEN_URL, {"username": "x", "password": "y"}, format="json")

    response = api.post(TOKEN_URL, {"username": "x", "password": "y"}, format="json")

    assert response.status_code == 429
    assert response.json()["detail"].startswith("요청이 너무 많습니다.")
    assert int(response["Retry-After"]) > 0


def test_writes_are_throttled_per_person_and_reads_are_not(monkeypatch, make_member):
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"token": "100/min", "write": "1/min"})
    api = APIClient()
    api.force_authenticate(make_member("tf_staff"))
    url = "/api/v1/notifications/999999/read/"

    assert api.post(url).status_code != 429
    assert api.post(url).status_code == 429
    assert api.get("/api/v1/me/").status_code == 200
    assert api.get("/api/v1/me/").status_code == 200
