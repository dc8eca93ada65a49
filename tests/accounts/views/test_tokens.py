"""API token lifecycle (django-rest-knox): hashed, expiring by idleness and age, revoked by
DELETE, by the "로그인 기기와 토큰" page, by logging out everywhere, by a password change
and by deactivation."""

import datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/auth/token/"
ME_URL = "/api/v1/me/"
PASSWORD = "pass-1234!"


def issue(username="kim") -> str:
    response = APIClient().post(TOKEN_URL, {"username": username, "password": PASSWORD}, format="json")
    assert response.status_code == 200
    return response.json()["token"]


def me_status(token: str) -> int:
    return APIClient().get(ME_URL, HTTP_AUTHORIZATION=f"Token {token}").status_code


@pytest.fixture
def kim():
    return UserFactory(username="kim")


def test_token_is_stored_only_as_a_digest(kim):
    token = issue()
    assert not AuthToken.objects.filter(digest=token).exists()
    assert not AuthToken.objects.filter(token_key=token).exists()


def test_token_expires_after_eight_idle_hours(kim):
    used, idle = issue(), issue()
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=7, minutes=50)):
        assert me_status(used) == 200
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=8, minutes=10)):
        assert me_status(idle) == 401
        assert me_status(used) == 200  # its last use was 20 minutes ago


def test_use_keeps_a_token_alive_but_not_past_thirty_days(kim):
    token = issue()
    start = timezone.now()
    # Used every 6 hours: each use pushes the expiry 8 hours on, up to 30 days after issue.
    for hours in range(6, 30 * 24, 6):
        with time_machine.travel(start + datetime.timedelta(hours=hours)):
            assert me_status(token) == 200, hours
    with time_machine.travel(start + datetime.timedelta(days=30, minutes=1)):
        assert me_status(token) == 401


def test_delete_revokes_the_callers_token_only(kim):
    token, other = issue(), issue()
    client = APIClient()

    response = client.delete(TOKEN_URL, HTTP_AUTHORIZATION=f"Token {token}")

    assert response.status_code == 204
    assert me_status(token) == 401
    assert me_status(other) == 200


def test_delete_without_a_token_is_401(kim):
    assert APIClient().delete(TOKEN_URL).status_code == 401


def test_an_expired_token_in_the_header_does_not_stop_a_new_issue(kim):
    response = APIClient().post(
        TOKEN_URL, {"username": "kim", "password": PASSWORD}, format="json", HTTP_AUTHORIZATION="Token " + "a" * 64
    )
    assert response.status_code == 200


def test_password_change_revokes_every_token(kim):
    token = issue()
    kim.set_password("another-Pass-987")
    kim.save()
    assert me_status(token) == 401


def test_saving_without_a_password_change_keeps_tokens(kim):
    token = issue()
    kim.name = "김새이름"
    kim.save()
    assert me_status(token) == 200


def test_deactivation_revokes_every_token(kim):
    token = issue()
    kim.is_active = False
    kim.save()
    assert not AuthToken.objects.filter(user=kim).exists()
    assert me_status(token) == 401


def test_security_page_lists_own_live_tokens_only(kim):
    issue()
    UserFactory(username="lee")
    other = issue("lee")
    client = Client()
    client.force_login(kim)

    html = client.get(reverse("account-security")).content.decode()

    assert AuthToken.objects.get(user=kim).token_key[:8] in html
    assert other[:8] not in html


def test_security_page_needs_a_login():
    response = Client().get(reverse("account-security"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_security_page_revokes_a_token(kim):
    token = issue()
    client = Client()
    client.force_login(kim)

    client.post(reverse("account-token-revoke", args=[token[:15]]))

    assert me_status(token) == 401


def test_nobody_revokes_another_persons_token(kim):
    token = issue()
    intruder = Client()
    intruder.force_login(UserFactory(username="lee"))

    intruder.post(reverse("account-token-revoke", args=[token[:15]]))

    assert me_status(token) == 200


def test_logout_everywhere_ends_every_session_and_token(kim):
    token = issue()
    here, elsewhere = Client(), Client()
    here.force_login(kim)
    elsewhere.force_login(kim)

    response = here.post(reverse("account-logout-everywhere"))

    assert response.status_code == 302
    assert me_status(token) == 401
    assert here.get(reverse("account-me")).status_code == 302
    assert elsewhere.get(reverse("account-me")).status_code == 302
    # Signing in again works and is not ended by the old epoch.
    again = Client()
    again.force_login(get_user_model().objects.get(pk=kim.pk))
    assert again.get(reverse("account-me")).status_code == 200


def test_logout_everywhere_is_post_only(kim):
    client = Client()
    client.force_login(kim)
    assert client.get(reverse("account-logout-everywhere")).status_code == 405
    assert client.get(reverse("account-me")).status_code == 200
