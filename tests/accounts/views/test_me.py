import datetime

import pytest
from django.urls import reverse

from apps.organisations.models import Region
from tests.core.views.support import table_rows
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_me_redirects_anonymous_to_login(client):
    response = client.get(reverse("account-me"))

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={reverse('account-me')}"


def test_me_shows_active_and_past_memberships(client, make_member):
    user = make_member("vice_governor", user__position="행정부지사")
    MembershipFactory(
        user=user,
        role="regional_official",
        region=Region.objects.get(code="42"),
        body=None,
        valid_from=datetime.date(2022, 1, 1),
        valid_to=datetime.date(2023, 6, 10),
    )
    client.force_login(user)

    response = client.get(reverse("account-me"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "행정부지사" in html
    active = table_rows(html, "active-memberships")
    past = table_rows(html, "past-memberships")
    assert [row[:3] for row in active] == [["부지사", "강원특별자치도", "지역협의회"]]
    assert past == [["지자체 담당자", "강원도", "—", "—", "2022-01-01", "2023-06-10"]]
    assert 'aria-current="page">내 정보</a>' in html


def test_me_shows_all_scope_for_tf_staff(client, make_member):
    client.force_login(make_member("tf_staff"))

    active = table_rows(client.get(reverse("account-me")).content, "active-memberships")

    assert [row[:3] for row in active] == [["기획단 TF", "전체", "부내 TF"]]


def test_login_page_uses_krds_form(client):
    response = client.get(reverse("login"))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="krds-input"' in html
    assert '<label for="id_username">아이디' in html
    assert '<label for="id_password">비밀번호' in html


def test_login_with_wrong_password_shows_korean_error(client, make_member):
    user = make_member("tf_staff")

    response = client.post(reverse("login"), {"username": user.username, "password": "wrong"})

    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "아이디 또는 비밀번호가 올바르지 않습니다." in html


def test_login_with_empty_fields_shows_korean_field_errors(client):
    html = client.post(reverse("login"), {"username": "", "password": ""}).content.decode()

    assert "아이디를 입력해 주세요." in html
    assert "비밀번호를 입력해 주세요." in html
    assert 'aria-invalid="true"' in html


def test_login_succeeds_and_lands_on_my_work(client, make_member):
    user = make_member("tf_staff")

    response = client.post(reverse("login"), {"username": user.username, "password": "pass-1234!"})

    assert response.status_code == 302
    assert response["Location"] == reverse("my-work")
    assert client.session["_auth_user_id"] == str(user.pk)
