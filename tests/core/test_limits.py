"""Parsers that cannot be exhausted and one request size limit (issue 13, item 2)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from apps.core.api.parsers import json_depth

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def test_json_depth_ignores_brackets_inside_strings():
    assert json_depth(b'{"a": [1, {"b": "[[[{{{"}]}') == 3
    assert json_depth(b'"\\"[["') == 0
    assert json_depth(b"[]") == 1


@pytest.mark.parametrize("url", ["/api/v1/auth/token/", "/api/v1/proposals/"])
def test_a_body_nested_5000_deep_is_400_in_korean(url, make_member):
    body = "[" * 5000 + "]" * 5000
    api = APIClient()
    api.force_authenticate(make_member("regional_official"))

    response = api.post(url, body, content_type="application/json")

    assert response.status_code == 400
    assert "중첩" in response.json()["detail"]


def test_a_body_at_the_depth_limit_is_read():
    depth = settings.API_JSON_MAX_DEPTH
    body = '{"username": "x", "password": "y", "extra": ' + "[" * (depth - 1) + "]" * (depth - 1) + "}"

    response = APIClient().post("/api/v1/auth/token/", body, content_type="application/json")

    assert response.status_code == 400
    assert "중첩" not in str(response.json())


def test_a_body_over_the_size_limit_is_413_in_korean(settings):
    settings.API_JSON_MAX_BYTES = 1000
    body = '{"username": "' + "가" * 1000 + '", "password": "y"}'

    response = APIClient().post("/api/v1/auth/token/", body, content_type="application/json")

    assert response.status_code == 413
    assert "너무 큽니다" in response.json()["detail"]


def test_broken_json_is_400_in_korean():
    response = APIClient().post("/api/v1/auth/token/", "{not json", content_type="application/json")

    assert response.status_code == 400
    assert "해석할 수 없습니다" in response.json()["detail"]


def test_nginx_lets_through_exactly_what_the_app_accepts():
    conf = (ROOT / "platform" / "nginx.conf").read_text()
    size = re.search(r"client_max_body_size\s+(\d+)m;", conf)

    assert size and int(size.group(1)) * 1024 * 1024 == settings.REQUEST_MAX_BYTES
    assert settings.REQUEST_MAX_BYTES > settings.ATTACHMENT_MAX_BYTES
    assert "error_page 413 /413.html;" in conf


def test_the_proxys_413_page_is_korean():
    page = (ROOT / "platform" / "errors" / "413.html").read_text()

    assert '<html lang="ko">' in page and "너무 큽니다" in page and "30MB" in page
    assert settings.ATTACHMENT_MAX_BYTES == 30 * 1024 * 1024
