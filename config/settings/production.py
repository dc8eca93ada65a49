"""Production: settings that cannot surprise. No demo app (base.py does not install it,
only dev.py and test.py do), and Redis is required: Celery's broker and result backend,
the cache, and what lives in it (comment rate limits, import progress, service levels)
must be shared by every process — never tasks run inside the request or a per-process
cache in which each gunicorn worker counts its own rate limits."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import CELERY_BROKER_URL, LOGGING, REDIS_URL, REST_FRAMEWORK, env

IS_PRODUCTION = True

if not REDIS_URL:
    raise ImproperlyConfigured(
        "REDIS_URL is required in production (e.g. redis://127.0.0.1:6379/0): Celery's broker and "
        "result backend, the cache and the rate limits live in Redis; without it tasks would run "
        "inside requests and every process would keep its own cache. / 운영 설정에는 REDIS_URL이 "
        "반드시 필요합니다(예: redis://127.0.0.1:6379/0). Celery 브로커·결과 저장소, 캐시, 댓글 등록 "
        "제한이 Redis에 있어야 하며, 없으면 작업이 요청 안에서 실행되고 프로세스마다 캐시가 따로 생깁니다."
    )

# With REDIS_URL set, base.py puts the broker, the result backend and the cache on Redis.
# Tasks run in the worker whatever the environment says; the broker may point elsewhere
# (CELERY_BROKER_URL), never into the process's memory.
CELERY_TASK_ALWAYS_EAGER = False
if CELERY_BROKER_URL.startswith("memory://"):
    raise ImproperlyConfigured(
        "CELERY_BROKER_URL must not be memory:// in production: tasks would never reach a worker. / "
        "운영 설정에서는 CELERY_BROKER_URL에 memory://를 쓸 수 없습니다(작업이 워커에 전달되지 않습니다)."
    )

DEBUG = False
SECRET_KEY = env("SECRET_KEY")  # required: no default in production
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# The preload list is a commitment for the whole domain (*.go.kr neighbours included): the
# operator opts in with SECURE_HSTS_PRELOAD=true; until then its deploy check is silenced.
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "apps.core.storage.VendorTolerantManifestStorage"},
}
# nginx (platform/nginx.conf) appends the client's address to X-Forwarded-For: the login
# lockout (django-axes) and the API throttles read that entry, never one a client wrote.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1)
REST_FRAMEWORK = {**REST_FRAMEWORK, "NUM_PROXIES": TRUSTED_PROXY_COUNT}
# Staff sign in with a second factor (apps/accounts/two_factor.py).
REQUIRE_2FA = env.bool("REQUIRE_2FA", default=True)
# The API schema and docs: signed-in people only, unless the operator publishes them.
API_DOCS_PUBLIC = env.bool("API_DOCS_PUBLIC", default=False)

# JSON log lines for the log collector (apps/core/logs.py); LOG_FORMAT=text to read by eye.
LOGGING["handlers"]["console"]["formatter"] = env("LOG_FORMAT", default="json")
