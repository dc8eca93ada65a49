"""Passwords: Django's validators in add_member, the admin and the self-service pages;
change and reset by a time-limited e-mailed link, in Korean."""

import datetime
import re

import pytest
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connections
from django.urls import reverse
from knox.models import AuthToken

from apps.accounts.management.commands.add_member import Command as AddMember
from apps.accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

STRONG = "Hanbit-river-2026"


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("1234", "이 비밀번호는 너무 짧습니다. 최소 10자 이상이어야 합니다."),
        ("password123", "너무 흔히 사용되는 비밀번호입니다."),
        ("4938271650", "비밀번호가 전부 숫자로 되어 있습니다."),
        ("gildong-hong", "너무 유사합니다."),
    ],
)
def test_add_member_refuses_a_weak_password_in_korean(password, message):
    with pytest.raises(CommandError) as refused:
        call_command("add_member", "gildong-hong", "--role", "tf_staff", "--password", password)
    assert message in str(refused.value)
    assert not User.objects.filter(username="gildong-hong").exists()


def test_add_member_refusal_exits_non_zero(monkeypatch, capsys):
    # As manage.py runs it; the command's closing of connections would end the test's transaction.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    argv = ["manage.py", "add_member", "weak", "--role", "tf_staff", "--password", "1234"]

    with pytest.raises(SystemExit) as exited:
        AddMember().run_from_argv(argv)

    assert exited.value.code != 0
    assert "너무 짧습니다" in capsys.readouterr().err


def test_add_member_accepts_a_strong_password():
    call_command("add_member", "gildong", "--role", "tf_staff", "--password", STRONG)
    assert User.objects.get(username="gildong").check_password(STRONG)


def test_admin_refuses_a_weak_password(client):
    operator = UserFactory(username="operator", is_staff=True, is_superuser=True)
    target = UserFactory(username="kim")
    client.force_login(operator)
    url = reverse("admin:auth_user_password_change", args=[target.pk])

    response = client.post(url, {"password1": "12345678", "password2": "12345678", "usable_password": "true"})

    assert response.status_code == 200
    assert "너무 짧습니다" in response.content.decode()
    target.refresh_from_db()
    assert target.check_password("pass-1234!")


def test_admin_sets_a_strong_password(client):
    operator = UserFactory(username="operator", is_staff=True, is_superuser=True)
    target = UserFactory(username="kim")
    client.force_login(operator)
    url = reverse("admin:auth_user_password_change", args=[target.pk])

    client.post(url, {"password1": STRONG, "password2": STRONG, "usable_password": "true"})

    target.refresh_from_db()
    assert target.check_password(STRONG)


def change(client, old, new):
    return client.post(reverse("password_change"), {"old_password": old, "new_password1": new, "new_password2": new})


def test_password_change_page_needs_a_login(client):
    assert client.get(reverse("password_change")).status_code == 302


def test_password_change_refuses_a_weak_password_in_korean(client):
    user = UserFactory(username="kim")
    client.force_login(user)

    response = change(client, "pass-1234!", "1234")

    assert response.status_code == 200
    assert "너무 짧습니다" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password("pass-1234!")


def test_password_change_refuses_a_wrong_current_password(client):
    user = UserFactory(username="kim")
    client.force_login(user)
    assert change(client, "not-my-password", STRONG).status_code == 200
    user.refresh_from_db()
    assert user.check_password("pass-1234!")


def test_password_change_keeps_this_session_and_ends_others_and_tokens(client):
    user = UserFactory(username="kim")
    AuthToken.objects.create(user=user)
    other = type(client)()
    client.force_login(user)
    other.force_login(user)

    response = change(client, "pass-1234!", STRONG)

    assert response.status_code == 302
    assert client.get(reverse("account-me")).status_code == 200
    assert other.get(reverse("account-me")).status_code == 302
    assert not AuthToken.objects.filter(user=user).exists()


def reset_link(client, email) -> str:
    client.post(reverse("password_reset"), {"email": email})
    body = mail.outbox[-1].body
    return re.search(r"http://\S+/accounts/password/reset/\S+/", body).group(0)


def test_reset_mail_is_korean_and_the_link_sets_a_new_password(client):
    user = UserFactory(username="kim", email="kim@example.go.kr")

    link = reset_link(client, "kim@example.go.kr")

    message = mail.outbox[-1]
    assert message.subject == "[균형발전 소통창구] 비밀번호 재설정 안내"
    assert "60분 동안" in message.body
    form = client.get(link, follow=True)
    assert form.status_code == 200
    done = client.post(form.redirect_chain[-1][0], {"new_password1": STRONG, "new_password2": STRONG})
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(STRONG)


def test_reset_link_refuses_a_weak_password(client):
    user = UserFactory(username="kim", email="kim@example.go.kr")
    form = client.get(reset_link(client, "kim@example.go.kr"), follow=True)

    response = client.post(form.redirect_chain[-1][0], {"new_password1": "1234", "new_password2": "1234"})

    assert "너무 짧습니다" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password("pass-1234!")


@pytest.mark.parametrize(("minutes", "valid"), [(59, True), (61, False)])
def test_reset_link_expires_after_an_hour(client, monkeypatch, minutes, valid):
    UserFactory(username="kim", email="kim@example.go.kr")
    link = reset_link(client, "kim@example.go.kr")
    later = datetime.datetime.now() + datetime.timedelta(minutes=minutes)
    # Django's token generator reads the clock through _now ("used for mocking in tests").
    monkeypatch.setattr(PasswordResetTokenGenerator, "_now", lambda self: later)

    html = client.get(link, follow=True).content.decode()

    assert ("재설정 링크가 올바르지 않거나 만료되었습니다." not in html) is valid


def test_reset_for_an_unknown_email_sends_nothing_and_says_the_same(client):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.go.kr"}, follow=True)
    assert "등록된 이메일이면 재설정 링크를 보냈습니다." in response.content.decode()
    assert mail.outbox == []
