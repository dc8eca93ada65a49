"""Two-factor authentication (django-otp) with REQUIRE_2FA on: who must enrol, enrolment by
QR code with backup codes, the code at sign-in and at token issue, the admin behind it,
the operator's reset — and the accounts that are left alone."""

import datetime
import os
import subprocess
import sys

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from knox.models import AuthToken
from rest_framework.test import APIClient

from apps.accounts.two_factor import backup_codes_issue
from tests.factories import UserFactory, member

pytestmark = pytest.mark.django_db

PASSWORD = "pass-1234!"
TOKEN_URL = "/api/v1/auth/token/"
STAFF_PAGE = "/proposals/triage/"
SETUP = reverse("two-factor-setup")
VERIFY = reverse("two-factor-verify")


@pytest.fixture(autouse=True)
def _require_2fa(settings):
    settings.REQUIRE_2FA = True


def current_code(device) -> str:
    """What the authenticator app shows now (time_machine moves "now")."""
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"


def seconds_later(seconds):
    return time_machine.travel(timezone.now() + datetime.timedelta(seconds=seconds))


def enrolled(user) -> TOTPDevice:
    device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    backup_codes_issue(user=user)
    return device


def sign_in(client, username):
    return client.post(reverse("login"), {"username": username, "password": PASSWORD})


def tf_staff(username="tf"):
    return member("tf_staff", user=UserFactory(username=username))


# --- who must enrol ------------------------------------------------------------------


@pytest.mark.parametrize("role", ["tf_staff", "tf_lead", "dept_reviewer", "admin"])
def test_staff_without_a_device_is_sent_to_enrolment_and_reaches_nothing(client, role):
    member(role, user=UserFactory(username="staff"))

    response = sign_in(client, "staff")
    assert response.status_code == 302
    assert client.get(response["Location"])["Location"].startswith(SETUP)

    for url in [STAFF_PAGE, reverse("account-me"), reverse("account-security"), "/"]:
        assert client.get(url)["Location"].startswith(SETUP), url
    assert client.get("/api/v1/me/").status_code == 403
    assert "2단계 인증을 등록해야" in client.get("/api/v1/me/").json()["detail"]
    assert client.post("/proposals/new/", {"title": "x"})["Location"] == SETUP
    assert client.get(STAFF_PAGE, HTTP_HX_REQUEST="true")["HX-Redirect"].startswith(SETUP)


@pytest.mark.parametrize("role", ["regional_official", "vice_governor", "liaison", "advisor", "forum_member"])
def test_roles_outside_the_setting_are_not_asked(client, role):
    member(role, user=UserFactory(username="person"))
    sign_in(client, "person")
    assert client.get(reverse("account-me")).status_code == 200
    assert APIClient().post(TOKEN_URL, {"username": "person", "password": PASSWORD}, format="json").status_code == 200


def test_the_roles_are_configurable(client, settings):
    settings.TWO_FACTOR_ROLES = ["advisor"]
    member("advisor", user=UserFactory(username="adv"))
    tf_staff("tf")

    sign_in(client, "adv")
    assert client.get(reverse("account-me"))["Location"].startswith(SETUP)
    other = Client()
    sign_in(other, "tf")
    assert other.get(reverse("account-me")).status_code == 200


def test_django_admin_accounts_must_enrol_whatever_their_roles(client):
    UserFactory(username="operator", is_staff=True, is_superuser=True)
    sign_in(client, "operator")
    assert client.get("/admin/")["Location"].startswith(SETUP)


def test_off_by_default_outside_production(client, settings):
    settings.REQUIRE_2FA = False
    tf_staff()
    sign_in(client, "tf")
    assert client.get(STAFF_PAGE).status_code == 200


def test_regional_roles_cannot_be_configured():
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "TWO_FACTOR_ROLES": "tf_staff,liaison"},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "TWO_FACTOR_ROLES에는 regional_official, vice_governor, liaison을 넣을 수 없습니다." in result.stderr


# --- enrolment ---------------------------------------------------------------------------


def test_enrolment_shows_a_qr_code_and_key_then_backup_codes_and_lets_the_person_in(client):
    user = tf_staff()
    sign_in(client, "tf")

    page = client.get(SETUP, {"next": STAFF_PAGE})
    html = page.content.decode()
    assert page.status_code == 200
    assert 'src="data:image/svg+xml' in html and 'id="two-factor-secret"' in html
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    # The same key on a reload: the app that scanned it still matches.
    assert client.get(SETUP).context["secret"] == page.context["secret"]

    wrong = client.post(SETUP, {"code": "000000", "next": STAFF_PAGE})
    assert wrong.status_code == 400
    assert "코드가 맞지 않습니다." in wrong.content.decode()
    assert client.get(STAFF_PAGE)["Location"].startswith(SETUP)

    with seconds_later(3):  # django-otp waits 2 s after a wrong code, then 4, 8 …
        done = client.post(SETUP, {"code": current_code(device), "next": STAFF_PAGE})
    assert done.status_code == 200
    assert done["Cache-Control"] == "no-store"
    codes = done.context["codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    assert set(codes) == set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert "2단계 인증을 등록했습니다." in done.content.decode()
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(STAFF_PAGE).status_code == 200


def test_enrolment_gives_a_new_session_key(client):
    user = tf_staff()
    sign_in(client, "tf")
    device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    before = client.session.session_key
    client.post(SETUP, {"code": current_code(device)})
    assert client.session.session_key != before


def test_anyone_may_enrol_of_their_own_accord_and_is_then_asked(client):
    user = member("regional_official", user=UserFactory(username="official"))
    sign_in(client, "official")
    assert client.get(reverse("account-security")).status_code == 200
    device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    client.post(SETUP, {"code": current_code(device)})

    again = Client()
    sign_in(again, "official")
    assert again.get(reverse("account-me"))["Location"].startswith(VERIFY)


# --- the second step at sign-in ------------------------------------------------------------


def test_an_enrolled_person_gives_a_code_after_the_password(client):
    device = enrolled(tf_staff())
    response = sign_in(client, "tf")
    assert client.get(response["Location"])["Location"].startswith(VERIFY)
    assert client.get(STAFF_PAGE)["Location"] == f"{VERIFY}?next=%2Fproposals%2Ftriage%2F"

    before = client.session.session_key
    wrong = client.post(VERIFY, {"code": "123456", "next": STAFF_PAGE})
    assert wrong.status_code == 400
    assert "인증 코드가 올바르지 않습니다." in wrong.content.decode()

    with seconds_later(3):
        right = client.post(VERIFY, {"code": current_code(device), "next": STAFF_PAGE})
    assert right["Location"] == STAFF_PAGE
    assert client.session.session_key != before  # more privilege, a new key
    assert client.get(STAFF_PAGE).status_code == 200
    assert client.get("/api/v1/me/").status_code == 200


def test_a_backup_code_works_once(client):
    user = tf_staff()
    enrolled(user)
    code = StaticToken.objects.filter(device__user=user).first().token
    sign_in(client, "tf")
    assert client.post(VERIFY, {"code": code})["Location"] == reverse("my-work")

    other = Client()
    sign_in(other, "tf")
    assert other.post(VERIFY, {"code": code}).status_code == 400
    assert StaticToken.objects.filter(device__user=user).count() == 9


def test_verify_refuses_a_next_address_on_another_site(client):
    device = enrolled(tf_staff())
    sign_in(client, "tf")
    response = client.post(VERIFY, {"code": current_code(device), "next": "https://evil.example/"})
    assert response["Location"] == reverse("my-work")


def test_five_wrong_codes_lock_the_account_like_five_wrong_passwords(client):
    device = enrolled(tf_staff())
    sign_in(client, "tf")
    for _ in range(4):
        assert client.post(VERIFY, {"code": "000000"}).status_code == 400
    locked = client.post(VERIFY, {"code": "000000"})
    assert locked.status_code == 429
    assert "로그인에 5회 연속 실패하여 잠시 잠겼습니다." in locked.content.decode()
    assert "_auth_user_id" not in client.session

    # The password alone no longer opens a session either, until the window has passed.
    assert sign_in(Client(), "tf").status_code == 429
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=16)):
        later = Client()
        assert sign_in(later, "tf").status_code == 302
        assert later.post(VERIFY, {"code": current_code(device)}).status_code == 302


def test_a_right_code_clears_the_count_of_wrong_ones(client):
    device = enrolled(tf_staff())
    sign_in(client, "tf")
    for _ in range(4):
        client.post(VERIFY, {"code": "000000"})
    with seconds_later(20):
        assert client.post(VERIFY, {"code": current_code(device)}).status_code == 302
    with seconds_later(60):
        other = Client()
        sign_in(other, "tf")
        assert other.post(VERIFY, {"code": "000000"}).status_code == 400  # not the fifth failure


def test_new_backup_codes_replace_the_old_ones(client):
    user = tf_staff()
    device = enrolled(user)
    old = set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    sign_in(client, "tf")
    client.post(VERIFY, {"code": current_code(device)})
    assert "쓰지 않은 백업 코드가 10개 남았습니다." in client.get(reverse("account-security")).content.decode()

    response = client.post(reverse("two-factor-backup-codes"))
    new = set(response.context["codes"])
    assert len(new) == 10 and not new & old
    assert set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True)) == new


def test_backup_codes_are_not_renewed_by_an_unverified_session(client):
    user = member("regional_official", user=UserFactory(username="official"))
    sign_in(client, "official")  # not enrolled, not required: no verified session
    assert client.post(reverse("two-factor-backup-codes")).status_code == 403
    assert not StaticToken.objects.filter(device__user=user).exists()


# --- the API -----------------------------------------------------------------------------


def token_post(username, **extra):
    return APIClient().post(TOKEN_URL, {"username": username, "password": PASSWORD, **extra}, format="json")


def test_token_issue_asks_staff_for_the_code(client):
    device = enrolled(tf_staff())

    missing = token_post("tf")
    assert missing.status_code == 400
    assert "otp" in missing.json()
    assert token_post("tf", otp="000000").json()["otp"] == ["인증 코드가 올바르지 않습니다."]

    with seconds_later(3):
        issued = token_post("tf", otp=current_code(device))
    assert issued.status_code == 200
    token = issued.json()["token"]
    assert APIClient().get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 200


def test_token_issue_refuses_staff_who_have_not_enrolled():
    tf_staff()
    response = token_post("tf", otp="123456")
    assert response.status_code == 400
    assert "2단계 인증을 먼저 등록해야 합니다" in str(response.json())
    assert not AuthToken.objects.exists()


def test_a_token_from_before_the_rule_is_refused_until_the_person_enrols(settings):
    settings.REQUIRE_2FA = False
    tf_staff()
    token = token_post("tf").json()["token"]
    settings.REQUIRE_2FA = True

    response = APIClient().get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 403
    assert "2단계 인증을 등록해야 API를 쓸 수 있습니다." in response.json()["detail"]


def test_wrong_codes_at_token_issue_lock_the_account():
    enrolled(tf_staff())
    for _ in range(4):
        assert token_post("tf", otp="000000").status_code == 400
    assert token_post("tf", otp="000000").status_code == 429


# --- the Django admin and the operator's reset ------------------------------------------


def test_admin_opens_only_after_the_second_step(client):
    operator = UserFactory(username="operator", is_staff=True, is_superuser=True)
    device = enrolled(operator)
    sign_in(client, "operator")
    assert client.get("/admin/")["Location"].startswith(VERIFY)
    client.post(VERIFY, {"code": current_code(device)})
    assert client.get("/admin/").status_code == 200


def test_admin_login_page_leads_to_the_second_step(client):
    enrolled(UserFactory(username="operator", is_staff=True, is_superuser=True))
    response = client.post("/admin/login/?next=/admin/", {"username": "operator", "password": PASSWORD})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/")["Location"].startswith(VERIFY)


def verified_operator():
    operator = UserFactory(username="operator", is_staff=True, is_superuser=True)
    device = enrolled(operator)
    client = Client()
    sign_in(client, "operator")
    client.post(VERIFY, {"code": current_code(device)})
    return client


def test_operator_resets_a_lost_phone_in_the_admin():
    user = tf_staff()
    enrolled(user)
    lost = Client()
    sign_in(lost, "tf")
    token = AuthToken.objects.create(user=user)[1]
    operator = verified_operator()

    response = operator.post(
        reverse("admin:accounts_user_changelist"), {"action": "reset_two_factor", "_selected_action": [user.pk]}
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticToken.objects.filter(device__user=user).exists()
    assert "_auth_user_id" not in lost.session or lost.get(STAFF_PAGE)["Location"].startswith(reverse("login"))
    assert APIClient().get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 401

    again = Client()
    sign_in(again, "tf")
    assert again.get(STAFF_PAGE)["Location"].startswith(SETUP)


def test_reset_2fa_command():
    user = tf_staff()
    enrolled(user)
    call_command("reset_2fa", "tf", stdout=__import__("io").StringIO())
    assert not TOTPDevice.objects.filter(user=user).exists()


def test_admin_reset_needs_the_change_permission(client):
    user = tf_staff()
    enrolled(user)
    viewer = UserFactory(username="viewer", is_staff=True)
    from django.contrib.auth.models import Permission

    viewer.user_permissions.add(Permission.objects.get(codename="view_user"))
    device = enrolled(viewer)
    sign_in(client, "viewer")
    client.post(VERIFY, {"code": current_code(device)})
    client.post(
        reverse("admin:accounts_user_changelist"), {"action": "reset_two_factor", "_selected_action": [user.pk]}
    )
    assert TOTPDevice.objects.filter(user=user).exists()


# --- privilege change --------------------------------------------------------------------


def test_a_role_given_during_a_session_rotates_its_key_and_asks_for_enrolment(client):
    user = member("regional_official", user=UserFactory(username="person"))
    sign_in(client, "person")
    assert client.get(reverse("account-me")).status_code == 200
    before = client.session.session_key

    member("tf_staff", user=user)

    assert client.get(reverse("account-me"))["Location"].startswith(SETUP)
    assert client.session.session_key != before


def test_the_session_key_stays_while_privileges_do_not_change(client):
    member("regional_official", user=UserFactory(username="person"))
    sign_in(client, "person")
    client.get(reverse("account-me"))
    before = client.session.session_key
    client.get(reverse("account-me"))
    assert client.session.session_key == before


def test_a_role_taken_away_rotates_the_session_key(client):
    user = member("regional_official", user=UserFactory(username="person"))
    sign_in(client, "person")
    client.get(reverse("account-me"))
    before = client.session.session_key

    user.memberships.all().delete()

    assert client.get(reverse("account-me")).status_code == 200
    assert client.session.session_key != before
