"""Production settings that cannot surprise (issue 11 §6): Redis required, tasks never
in the request, no demo app, and no demo data.

Each check loads the production settings in a fresh interpreter, as gunicorn, the
worker and manage.py would; nothing connects to Redis or a database."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from apps.accounts.models import User
from tests.environment import child_environment

ROOT = Path(__file__).resolve().parents[2]
REDIS = "redis://127.0.0.1:6379/0"

# After setup, the URLs and every task module are imported, as a web process and a worker
# would; then the settings that matter and any demo module that was imported on the way.
PROBE = """
import importlib, json, sys
import django
django.setup()
from django.apps import apps
from django.conf import settings
from django.urls import get_resolver
get_resolver().url_patterns
for config in apps.get_app_configs():
    try:
        importlib.import_module(config.name + ".tasks")
    except ModuleNotFoundError as missing:
        if missing.name != config.name + ".tasks":
            raise
print(json.dumps({
    "eager": settings.CELERY_TASK_ALWAYS_EAGER,
    "broker": settings.CELERY_BROKER_URL,
    "result_backend": settings.CELERY_RESULT_BACKEND,
    "cache": settings.CACHES["default"]["BACKEND"],
    "apps": settings.INSTALLED_APPS,
    "demo_modules": sorted(name for name in sys.modules if name.startswith("apps.demo")),
}))
"""


def _production(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        **child_environment(),
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "production-settings-test-key-" + "x" * 30,
        "REDIS_URL": "",
        "CELERY_BROKER_URL": "",
        "CELERY_RESULT_BACKEND": "",
        **env,
    }
    for key in [key for key, value in environment.items() if value == "" and key.startswith("CELERY_")]:
        del environment[key]
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_production_refuses_to_start_without_redis():
    result = _production("-c", "import django; django.setup()")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "REDIS_URL is required in production" in result.stderr
    assert "운영 설정에는 REDIS_URL이 반드시 필요합니다" in result.stderr


def test_production_with_redis_runs_tasks_in_the_worker_and_caches_in_redis():
    # Even an environment asking for in-request tasks does not get them.
    result = _production("-c", PROBE, REDIS_URL=REDIS, CELERY_TASK_ALWAYS_EAGER="true")

    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded["eager"] is False
    assert loaded["broker"] == loaded["result_backend"] == REDIS
    # Django's Redis cache, counting hits for /metrics (apps/core/metrics.py).
    assert loaded["cache"] == "apps.core.metrics.MeteredRedisCache"


def test_production_does_not_install_or_import_the_demo():
    result = _production("-c", PROBE, REDIS_URL=REDIS)

    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert "apps.demo" not in loaded["apps"]
    assert loaded["demo_modules"] == []


def test_production_refuses_an_in_memory_broker():
    result = _production("-c", "import django; django.setup()", REDIS_URL=REDIS, CELERY_BROKER_URL="memory://")

    assert result.returncode != 0
    assert "CELERY_BROKER_URL must not be memory://" in result.stderr


def test_seed_demo_is_not_a_command_under_production():
    result = _production("manage.py", "seed_demo", "--without-proposals", REDIS_URL=REDIS)

    assert result.returncode != 0
    assert "Unknown command: 'seed_demo'" in result.stderr


def test_development_and_tests_install_the_demo():
    assert "apps.demo" in settings.INSTALLED_APPS
    assert settings.IS_PRODUCTION is False


@pytest.mark.django_db
def test_seed_demo_refuses_settings_marked_production(settings):
    settings.IS_PRODUCTION = True

    with pytest.raises(CommandError, match="seed_demo refuses to run under production settings"):
        call_command("seed_demo", "--without-proposals")
    assert not User.objects.exists()


def test_production_passes_the_deploy_check_with_the_security_headers():
    # Nothing connects: the deploy checks read settings only.
    result = _production("manage.py", "check", "--deploy", "--fail-level", "WARNING", REDIS_URL=REDIS)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_sends_hsts_with_subdomains_and_trusts_one_proxy():
    probe = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_SSL_REDIRECT, "
        "s.TRUSTED_PROXY_COUNT, s.REST_FRAMEWORK['NUM_PROXIES'], s.CONTENT_SECURITY_POLICY['DIRECTIVES']"
        "['frame-ancestors']]))"
    )
    result = _production("-c", probe, REDIS_URL=REDIS)

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [31536000, True, True, 1, 1, ["'none'"]]


def test_production_requires_two_factor_for_the_staff_roles_and_development_does_not():
    probe = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.REQUIRE_2FA, s.TWO_FACTOR_ROLES]))"
    )
    result = _production("-c", probe, REDIS_URL=REDIS)

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [True, ["tf_staff", "tf_lead", "dept_reviewer", "admin"]]
    assert settings.REQUIRE_2FA is False
