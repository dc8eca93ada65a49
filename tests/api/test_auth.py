import datetime

import pytest
from knox.models import AuthToken
from rest_framework.test import APIClient

from apps.accounts.models import Membership
from apps.organisations.models import Region
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/auth/token/"
ME_URL = "/api/v1/me/"
BAD_CREDENTIALS = "아이디 또는 비밀번호가 올바르지 않습니다."


def test_token_obtain_returns_token_and_expiry_for_valid_credentials(api_client):
    user = UserFactory(username="kim")
    response = api_client.post(TOKEN_URL, {"username": "kim", "password": "pass-1234!"}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"token", "expiry"}
    stored = AuthToken.objects.get(user=user)
    assert body["token"].startswith(stored.token_key)
    assert body["token"] not in stored.digest  # only a digest is stored


def test_each_login_issues_its_own_token(api_client):
    UserFactory(username="kim")
    first = api_client.post(TOKEN_URL, {"username": "kim", "password": "pass-1234!"}, format="json").json()
    second = api_client.post(TOKEN_URL, {"username": "kim", "password": "pass-1234!"}, format="json").json()
    assert first["token"] != second["token"]
    assert AuthToken.objects.count() == 2


def test_token_obtain_refuses_wrong_password_in_korean(api_client):
    UserFactory(username="kim")
    response = api_client.post(TOKEN_URL, {"username": "kim", "password": "wrong"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": [BAD_CREDENTIALS]}
    assert not AuthToken.objects.exists()


def test_token_obtain_refuses_unknown_user_with_same_message(api_client):
    response = api_client.post(TOKEN_URL, {"username": "nobody", "password": "x"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": [BAD_CREDENTIALS]}


def test_token_obtain_refuses_inactive_user(api_client):
    UserFactory(username="gone", is_active=False)
    response = api_client.post(TOKEN_URL, {"username": "gone", "password": "pass-1234!"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": [BAD_CREDENTIALS]}


def test_token_obtain_missing_fields_are_field_errors(api_client):
    response = api_client.post(TOKEN_URL, {}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"username", "password"}
    assert body["username"] == ["이 필드는 필수 항목입니다."]


def test_token_obtain_accepts_form_encoding(api_client):
    UserFactory(username="kim")
    response = api_client.post(TOKEN_URL, {"username": "kim", "password": "pass-1234!"})
    assert response.status_code == 200


def test_token_obtain_ignores_session_csrf(make_member):
    # A browser with a session must still be able to get a token without a CSRF token.
    client = APIClient(enforce_csrf_checks=True)
    user = UserFactory(username="kim")
    client.force_login(user)
    response = client.post(TOKEN_URL, {"username": "kim", "password": "pass-1234!"}, format="json")
    assert response.status_code == 200


def test_token_obtain_get_is_405(api_client):
    assert api_client.get(TOKEN_URL).status_code == 405


def test_me_anonymous_is_401_with_www_authenticate(api_client):
    response = api_client.get(ME_URL)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json() == {"detail": "자격 인증 데이터가 제공되지 않았습니다."}


def test_me_invalid_token_is_401(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    response = api_client.get(ME_URL)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_me_with_token_from_login(api_client, make_member):
    user = make_member("vice_governor")
    user.username = "vg"
    user.save()
    token = api_client.post(TOKEN_URL, {"username": "vg", "password": "pass-1234!"}, format="json").json()["token"]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    response = client.get(ME_URL)
    assert response.status_code == 200
    body = response.json()
    assert body["username"] == "vg"
    assert body["name"] == user.name
    assert body["memberships"] == [
        {
            "role": "vice_governor",
            "role_label": "부지사",
            "scope": "region",
            "title": "",
            "body": "regional_council",
            "region": "51",
            "department": None,
            "regional_office": None,
            "organisation": None,
            "valid_from": body["memberships"][0]["valid_from"],
            "valid_to": None,
        }
    ]


def test_me_with_session_login_works(make_member):
    # The browser path: session auth stays enabled behind token auth.
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(make_member("tf_staff"))
    response = client.get(ME_URL)
    assert response.status_code == 200
    assert response.json()["memberships"][0]["role"] == "tf_staff"


def test_me_lists_only_active_memberships_with_scope_codes(api_client, make_member):
    user = make_member("dept_reviewer")
    MembershipFactory(user=user, role="institution")
    MembershipFactory(user=user, role="regional_office")
    expired = MembershipFactory(user=user, role="regional_official", region=Region.objects.get(code="52"))
    Membership.objects.filter(pk=expired.pk).update(
        valid_from=datetime.date(2024, 1, 1), valid_to=datetime.date(2024, 12, 31)
    )
    api_client.force_authenticate(user)
    memberships = {m["role"]: m for m in api_client.get(ME_URL).json()["memberships"]}
    assert set(memberships) == {"dept_reviewer", "institution", "regional_office"}
    assert memberships["dept_reviewer"]["department"] == "국토정책과"
    assert memberships["institution"]["organisation"] == "LH"
    assert memberships["institution"]["body"] == "institution_group"
    assert memberships["regional_office"]["regional_office"] == "원주지방국토관리청"


def test_me_query_count_does_not_grow_with_memberships(api_client, make_member, django_assert_max_num_queries):
    user = make_member("dept_reviewer")
    api_client.force_authenticate(user)
    with django_assert_max_num_queries(5) as few:
        api_client.get(ME_URL)
    for role in ("institution", "regional_office", "tf_staff", "forum_member"):
        MembershipFactory(user=user, role=role)
    # A fresh user object, as each real request has (today's memberships are cached on it).
    api_client.force_authenticate(type(user).objects.get(pk=user.pk))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = api_client.get(ME_URL)
    assert len(response.json()["memberships"]) == 5


def test_me_write_is_405(api_client, make_member):
    api_client.force_authenticate(make_member("tf_staff"))
    assert api_client.post(ME_URL, {}, format="json").status_code == 405
