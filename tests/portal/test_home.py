import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.organisations.models import Body, CouncilSeat

pytestmark = pytest.mark.django_db


def test_home_renders_for_anonymous_with_skip_link_and_lang(client):
    response = client.get(reverse("home"))

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ko">' in html
    assert '<a href="#main-content">본문 바로가기</a>' in html
    assert 'id="main-content"' in html
    assert "<main" in html
    assert "균형발전 소통창구" in html
    assert "국토교통부" in html
    assert "세종특별자치시 도움6로 11" in html
    assert "공공누리" in html


def test_home_marks_current_nav_item(client):
    html = client.get(reverse("home")).content.decode()

    assert f'href="{reverse("home")}" class="gnb-main-trigger is-link active" aria-current="page"' in html
    assert f'href="{reverse("body-list")}" class="gnb-main-trigger is-link">' in html


def test_home_anonymous_sees_login_not_logout_or_my_page(client):
    html = client.get(reverse("home")).content.decode()

    assert reverse("login") in html
    assert reverse("logout") not in html
    assert reverse("account-me") not in html


def test_home_loads_htmx_with_csrf_header(client):
    html = client.get(reverse("home")).content.decode()

    assert "vendor/htmx/htmx.min.js" in html
    assert 'hx-headers=\'{"X-CSRFToken": "' in html


def test_home_lists_every_body_with_a_link(client):
    html = client.get(reverse("home")).content.decode()

    for body in Body.objects.all():
        assert reverse("body-detail", args=[body.code]) in html
        assert body.name in html


def test_home_council_count_comes_from_todays_seats(client):
    council = Body.objects.get(code="regional_council")
    count = CouncilSeat.objects.filter(body=council).current().count()

    assert f"<strong>{count}개</strong> 시·도 참여" in client.get(reverse("home")).content.decode()

    # End one seat yesterday: the page follows the data, it has no constant.
    seat = CouncilSeat.objects.filter(body=council).current().first()
    seat.valid_to = timezone.localdate() - datetime.timedelta(days=1)
    seat.save()
    assert f"<strong>{count - 1}개</strong> 시·도 참여" in client.get(reverse("home")).content.decode()


def test_language_switch_to_english_shows_english_nav(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("home")})
    assert response.status_code == 302

    html = client.get(reverse("home")).content.decode()

    assert '<html lang="en">' in html
    assert ">Home</a>" in html
    assert ">Bodies</a>" in html
    assert "Skip to main content" in html


def test_language_switcher_is_a_post_form_to_set_language(client):
    html = client.get(reverse("body-list")).content.decode()

    assert f'method="post" action="{reverse("set_language")}"' in html
    assert 'name="language" value="en"' in html
    assert 'name="next" value="/bodies/"' in html


def test_header_shows_vice_governor_name_role_and_region(client, make_member):
    user = make_member("vice_governor")
    client.force_login(user)

    html = client.get(reverse("home")).content.decode()

    assert user.name in html
    assert "부지사 · 강원특별자치도" in html
    assert reverse("account-me") in html
    assert f'method="post" action="{reverse("logout")}"' in html


def test_logout_by_post_signs_out(client, make_member):
    client.force_login(make_member("tf_staff"))

    response = client.post(reverse("logout"))

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_messages_area_is_a_status_region(client):
    html = client.get(reverse("home")).content.decode()

    assert 'role="status"' in html
