"""Session lifetime: idle timeout (30 minutes), absolute lifetime (12 hours), a new session
key at sign-in, and the idle warning on every signed-in page."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

BACKGROUND = {"HTTP_X_SESSION_BACKGROUND": "1"}


@pytest.fixture
def signed_in(client):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.force_login(UserFactory(username="kim"))
    return client, start


def at(start, minutes):
    return time_machine.travel(start + datetime.timedelta(minutes=minutes), tick=False)


def me(client):
    return client.get(reverse("account-me"))


def test_session_ends_after_thirty_idle_minutes_with_a_korean_message(signed_in):
    client, start = signed_in
    with at(start, 31):
        response = client.get(reverse("account-me"), follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("login"))
    assert "30분 동안 사용하지 않아 안전을 위해 로그아웃했습니다." in response.content.decode()


def test_session_lives_inside_the_idle_window(signed_in):
    client, start = signed_in
    with at(start, 29):
        assert me(client).status_code == 200


def test_activity_keeps_the_session_alive(signed_in):
    client, start = signed_in
    with at(start, 20):
        assert me(client).status_code == 200
    with at(start, 45):
        assert me(client).status_code == 200


def test_background_polls_are_not_activity(signed_in):
    client, start = signed_in
    with at(start, 20):
        client.get(reverse("notification-badge"), **BACKGROUND)
    with at(start, 31):
        assert me(client).status_code == 302


def test_keepalive_is_activity(signed_in):
    client, start = signed_in
    with at(start, 20):
        assert client.get(reverse("account-keepalive")).status_code == 204
    with at(start, 45):
        assert me(client).status_code == 200


def test_session_ends_twelve_hours_after_sign_in_despite_activity(signed_in):
    client, start = signed_in
    for minutes in range(20, 12 * 60, 20):
        with at(start, minutes):
            assert me(client).status_code == 200, minutes
    with at(start, 12 * 60 + 1):
        response = client.get(reverse("account-me"), follow=True)
    assert "로그인한 지 12시간이 지나 안전을 위해 로그아웃했습니다." in response.content.decode()


def test_sign_in_gives_a_new_session_key(client):
    UserFactory(username="kim")
    client.get(reverse("login"))
    client.session.save()
    before = client.session.session_key

    client.post(reverse("login"), {"username": "kim", "password": "pass-1234!"})

    assert client.session.session_key != before


def test_signed_in_pages_carry_the_idle_warning(signed_in):
    client, start = signed_in
    with at(start, 1):
        html = me(client).content.decode()
    assert 'id="session-timeout"' in html
    assert 'data-idle="1800"' in html
    assert "js/session-timeout.js" in html


def test_public_pages_for_anonymous_visitors_have_no_warning(client):
    assert 'id="session-timeout"' not in client.get(reverse("home")).content.decode()


def test_notification_badge_polls_as_background(signed_in):
    client, start = signed_in
    with at(start, 1):
        html = me(client).content.decode()
    assert """hx-headers='{"X-Session-Background": "1"}'""" in html
