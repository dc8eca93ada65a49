"""Security headers on every HTML response: a Content-Security-Policy without inline
scripts (nonces where a page needs one), no framing, and a Permissions-Policy."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/no-such-page/", "/admin/login/", "/api/v1/redoc/"])
def test_html_responses_carry_a_csp_without_inline_scripts(client, path):
    response = client.get(path)
    policy = directives(response)
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"


def test_signed_in_pages_carry_the_csp(client, make_member):
    client.force_login(make_member("tf_staff"))
    assert "script-src 'self'" in client.get(reverse("account-me"))["Content-Security-Policy"]


def test_permissions_policy_refuses_camera_microphone_and_location(client):
    header = client.get("/")["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in header


def test_swagger_start_up_script_carries_the_nonce_in_the_header(client):
    response = client.get("/api/v1/docs/")
    nonce = re.search(r'<script nonce="([^"]+)">', response.content.decode()).group(1)
    assert f"'nonce-{nonce}'" in directives(response)["script-src"]


def test_pages_have_no_inline_scripts_or_handlers(client, make_member):
    client.force_login(make_member("tf_staff"))
    for path in ["/", reverse("account-me"), reverse("account-security"), reverse("password_change")]:
        html = client.get(path).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", html), path
        assert not re.search(r"\son[a-z]+=", html), path
