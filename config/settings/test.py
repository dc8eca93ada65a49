from .base import *  # noqa: F403
from .base import DATABASES, INSTALLED_APPS, env

# The demo world (manage.py seed_demo): development and tests only, never production.
INSTALLED_APPS = [*INSTALLED_APPS, "apps.demo"]

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Unit tests run Celery tasks in-process; the integration tests in tests/integration
# start a real worker against REDIS_URL themselves.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
CELERY_BROKER_URL = env("REDIS_URL", default="") or "memory://"
# tests/integration send every task to their own worker's queue (task_default_queue).
CELERY_TASK_ROUTES: dict = {}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MEDIA_ROOT = env.path("TEST_MEDIA_ROOT", default="/tmp/balance-test-media")
# Serve static files from the finders: tests never run collectstatic.
WHITENOISE_AUTOREFRESH = True
# On PostgreSQL, a "replica" alias: a second, read-only connection to the test database, so
# tests/integration/test_read_replica.py proves which queries the public pages send there
# (and that none of them writes). Nothing is routed to it unless a test sets DATABASE_REPLICA.
if DATABASES["default"]["ENGINE"].endswith("postgresql") and "replica" not in DATABASES:
    _options = DATABASES["default"].get("OPTIONS", {}).get("options", "")
    DATABASES["replica"] = {
        **DATABASES["default"],
        "OPTIONS": {
            **DATABASES["default"].get("OPTIONS", {}),
            "options": f"{_options} -c default_transaction_read_only=on",
        },
        "TEST": {"MIRROR": "default"},
    }
# The statistics page never shows figures older than the data (apps/portal/snapshots.py).
PORTAL_STATISTICS_STALE_SECONDS = 0
