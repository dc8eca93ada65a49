import pytest
from django.test import RequestFactory

from apps.core import views

pytestmark = pytest.mark.django_db


def test_unknown_page_404_in_korean_with_site_layout(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "요청하신 페이지를 찾을 수 없습니다." in html
    assert 'id="main-content"' in html


def test_bad_host_400_in_korean(client):
    response = client.get("/", HTTP_HOST="evil.example")

    assert response.status_code == 400
    assert "요청을 처리할 수 없습니다." in response.content.decode()


def test_permission_denied_403_in_korean():
    response = views.permission_denied(RequestFactory().get("/x/"))

    assert response.status_code == 403
    assert "이 페이지를 볼 권한이 없습니다." in response.content.decode()


def test_server_error_500_needs_no_database(django_assert_num_queries):
    request = RequestFactory().get("/")

    with django_assert_num_queries(0):
        response = views.server_error(request)

    assert response.status_code == 500
    html = response.content.decode()
    assert "일시적인 오류로 요청을 처리하지 못했습니다." in html
    assert '<html lang="ko">' in html
