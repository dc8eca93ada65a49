"""The admin's address is configurable; the API schema and docs are for signed-in people
when API_DOCS_PUBLIC is off (production's default)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]
DOCS = ["/api/v1/schema/", "/api/v1/docs/", "/api/v1/redoc/"]


@pytest.mark.parametrize("path", DOCS)
def test_docs_refuse_anonymous_readers_when_not_public(api_client, settings, path):
    settings.API_DOCS_PUBLIC = False
    assert api_client.get(path).status_code == 401


@pytest.mark.parametrize("path", DOCS)
def test_docs_serve_signed_in_readers_when_not_public(client, settings, make_member, path):
    settings.API_DOCS_PUBLIC = False
    client.force_login(make_member("regional_official"))
    assert client.get(path).status_code == 200


@pytest.mark.parametrize("path", DOCS)
def test_docs_serve_everyone_when_public(api_client, settings, path):
    settings.API_DOCS_PUBLIC = True
    assert api_client.get(path).status_code == 200


def test_admin_lives_at_the_configured_address():
    probe = "import django; django.setup(); from django.urls import reverse; print(reverse('admin:index'))"
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "ADMIN_URL": "manage-7f3a/"}
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "/manage-7f3a/"
