"""Settings shared by every environment, read from the environment (django-environ).

Without DATABASE_URL the platform runs on the embedded SQLite database; without
REDIS_URL Celery runs tasks in-process (eagerly) and the cache is in memory — in
development and tests only: production.py refuses to start without REDIS_URL. With
them it uses PostgreSQL, a Redis broker with a real worker and beat, and a Redis cache.

The demo app (apps.demo, ``manage.py seed_demo``) is installed by dev.py and test.py
only, never here.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _
from kombu import Exchange, Queue

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-change-me")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # The Django admin, behind the second factor (apps/accounts/admin_site.py).
    "apps.accounts.admin_site.TwoFactorAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Django's form widget templates, found through TEMPLATES (FORM_RENDERER below).
    "django.forms",
    "rest_framework",
    "knox",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "django_prometheus",
    "csp",
    "rules.apps.AutodiscoverRulesConfig",
    "apps.core",
    "apps.organisations",
    "apps.accounts",
    "apps.proposals",
    "apps.notifications",
    "apps.comments",
    "apps.meetings",
    "apps.similarity",
    "apps.exchange",
    "apps.visits",
    "apps.portal",
]
# True only in production.py: the checks that must never let development shortcuts
# (demo data, in-request tasks) reach a live service read it.
IS_PRODUCTION = False

MIDDLEWARE = [
    # /healthz and /readyz, answered before host checks, sessions and the rest.
    "apps.core.health.HealthCheckMiddleware",
    # A request id for every log line, returned as X-Request-ID and passed to tasks.
    "apps.core.logs.RequestLogMiddleware",
    # Prometheus: requests, latency and responses by view (apps/core/metrics.py, /metrics).
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy and Permissions-Policy headers (config/settings/security.py).
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session gave its second factor.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Idle timeout and absolute lifetime of signed-in sessions.
    "apps.accounts.sessions.SessionLifetimeMiddleware",
    # The second factor before anything else; a new session key when privileges change.
    "apps.accounts.middleware.TwoFactorMiddleware",
    # Paths and query strings with control characters (apps/core/text.py): 404 / 400.
    "apps.core.middleware.TextPolicyMiddleware",
    # A write that lost a race (deadlock, serialization failure): 409, never a 500.
    "apps.core.conflicts.LockConflictMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
    # Last: turns a login refused by django-axes into the lockout page or JSON (security.py).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "apps.accounts.context_processors.current_roles",
            ],
        },
    },
]

# Widgets render with the project's template engine; a select's markup is written in Python
# (apps/core/form_renderer.py: the stock template includes a template per option).
FORM_RENDERER = "apps.core.form_renderer.FormRenderer"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
# A PostgreSQL read replica of it for the public portal's reads (apps/core/replica.py).
if env("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.db("DATABASE_REPLICA_URL")
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}  # tests read the primary's test database
for _database in DATABASES.values():
    _database["ATOMIC_REQUESTS"] = False
    if _database["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets the dev server and an in-process task read while another request writes.
        _database.setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL;"
        _database["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
    else:
        _database["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
        _database["CONN_HEALTH_CHECKS"] = True
    if _database["ENGINE"] == "django.db.backends.postgresql":
        # No JIT: the web's queries read index entries and a page of rows, and compiling
        # them cost seconds at 100,000 proposals (bench/README.md, Korean search). Word
        # similarity ≥ 0.5 for pg_trgm's indexed ``<%`` (the public list's typo fallback).
        _options = _database.setdefault("OPTIONS", {})
        _options["options"] = " ".join(
            filter(None, [_options.get("options", ""), "-c jit=off -c pg_trgm.word_similarity_threshold=0.5"])
        )
        # The same backend, counting queries and errors for Prometheus (SQLite keeps Django's:
        # pytest-django names its per-worker test files by that engine).
        _database["ENGINE"] = "django_prometheus.db.backends.postgresql"
DATABASE_REPLICA = "replica" if "replica" in DATABASES else None
DATABASE_ROUTERS = ["apps.core.replica.ReplicaRouter"]
# After a change to public data, public pages read the primary this long (replica lag).
DATABASE_REPLICA_LAG_SECONDS = env.int("DATABASE_REPLICA_LAG_SECONDS", default=10)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out username or address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "my-work"
LOGOUT_REDIRECT_URL = "home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env.int("PASSWORD_MIN_LENGTH", default=10)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Korean first, English available through the language switcher.
LANGUAGE_CODE = "ko"
LANGUAGES = [("ko", _("한국어")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
NODE_MODULES = BASE_DIR / "node_modules"
# Vendor assets come from npm (package.json, pinned by package-lock.json) and are
# collected from node_modules, never committed.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("krds", NODE_MODULES / "krds-uiux" / "resources"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/chartjs", NODE_MODULES / "chart.js" / "dist"),
    ("vendor/topojson", NODE_MODULES / "topojson-client" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
ATTACHMENT_MAX_BYTES = env.int("ATTACHMENT_MAX_BYTES", default=30 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# The largest request nginx lets through (platform/nginx.conf ``client_max_body_size``,
# kept equal by tests/core/test_limits.py): one attachment at its limit plus the form.
REQUEST_MAX_BYTES = ATTACHMENT_MAX_BYTES + 1024 * 1024
# API JSON bodies (apps/core/api/parsers.py): 413 above the size, 400 above the depth.
API_JSON_MAX_BYTES = DATA_UPLOAD_MAX_MEMORY_SIZE
API_JSON_MAX_DEPTH = 32
# Optional ClamAV scan of every upload (apps/core/virusscan.py): clamd's UNIX socket path
# or host:port; empty, no scan. Once set, an upload clamd cannot scan is refused.
CLAMD_SOCKET = env("CLAMD_SOCKET", default="")
CLAMD_TIMEOUT = env.float("CLAMD_TIMEOUT", default=30.0)

# /metrics answers these addresses only (apps/core/metrics.py); nginx refuses it outright.
METRICS_ALLOWED_IPS = env.list("METRICS_ALLOWED_IPS", default=["127.0.0.1/32", "::1/128"])

# Redis: broker, result backend and cache when configured; otherwise in-process.
REDIS_URL = env("REDIS_URL", default="")
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=REDIS_URL or None)
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=300)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=240)
CELERY_TIMEZONE = TIME_ZONE
# Queues split by kind of work (platform/Procfile runs one worker for notifications and one
# for imports and the rest), so a long Excel import never holds an e-mail up. A worker
# started without -Q consumes all three.
CELERY_TASK_DEFAULT_QUEUE = "celery"
# Each queue on its own exchange and key: sharing Celery's default ones would bind every
# queue to the same key and copy each task into all of them.
CELERY_TASK_QUEUES = tuple(
    Queue(name, Exchange(name), routing_key=name) for name in ("notifications", "interactive", "exchange", "celery")
)
# "interactive": analyses a web request waits for (a search's words, a draft's key terms),
# taken by the same worker as e-mail so that they never queue behind an import or export.
CELERY_TASK_ROUTES = {
    "notifications.*": {"queue": "notifications"},
    "similarity.query_words": {"queue": "interactive"},
    "similarity.draft_terms": {"queue": "interactive"},
    "exchange.*": {"queue": "exchange"},
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# One beat, always: every beat runs this scheduler, and only the one holding the Redis
# lock sends (apps/core/beat.py); it also writes the heartbeat /readyz checks.
# 재검토요청 (appeal) window after a decision is sent, in calendar days (국민제안: 15).
APPEAL_WINDOW_DAYS = env.int("APPEAL_WINDOW_DAYS", default=15)
CELERY_BEAT_SCHEDULER = "apps.core.beat:SingleBeatScheduler"
BEAT_LOCK_TTL = env.int("BEAT_LOCK_TTL", default=30)
BEAT_HEARTBEAT_MAX_AGE = env.int("BEAT_HEARTBEAT_MAX_AGE", default=120)
CELERY_BEAT_SCHEDULE: dict = {
    # Long-term (중장기검토) decisions come back for review on their date; 06:00 Asia/Seoul
    # (CELERY_TIMEZONE), before the working day starts.
    "proposals-rereview-due": {"task": "proposals.rereview_due", "schedule": crontab(hour=6, minute=0)},
    # The daily seal over every proposal's event chain (apps/proposals/chain.py).
    "proposals-anchor-events": {"task": "proposals.anchor_events", "schedule": crontab(hour=0, minute=30)},
    # Notifications (apps/notifications/tasks.py): the outbox sweep every minute; the
    # daily tasks skip weekends and Korean holidays themselves.
    "notifications-sweep-pending": {"task": "notifications.sweep_pending", "schedule": 60.0},
    "notifications-deadline-reminders": {
        "task": "notifications.deadline_reminders",
        "schedule": crontab(hour=7, minute=30),
    },
    "notifications-daily-digest": {"task": "notifications.daily_digest", "schedule": crontab(hour=8, minute=0)},
    # Public statistics snapshot (apps/portal/snapshots.py): recomputed on change; this
    # run keeps the date they are as of (and the monthly trend) current.
    "portal-refresh-statistics": {"task": "portal.refresh_statistics", "schedule": crontab(minute=5)},
    # Ledger files written for download (apps/exchange/ledger/exports.py) are kept
    # LEDGER_EXPORT_KEEP_DAYS days, then deleted: checked every hour.
    "exchange-expire-exports": {"task": "exchange.expire_exports", "schedule": crontab(minute=20)},
}
LEDGER_EXPORT_KEEP_DAYS = env.int("LEDGER_EXPORT_KEEP_DAYS", default=7)

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "apps.core.metrics.MeteredRedisCache",  # Django's, counting hits
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="balance"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="균형발전 소통창구 <noreply@balance.molit.go.kr>")
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

# Lockout, tokens, sessions, passwords and headers: config/settings/security.py.
from .security import *  # noqa: E402, F403
from .security import TRUSTED_PROXY_COUNT  # noqa: E402

REST_FRAMEWORK = {
    # Token first, so an anonymous API call answers 401 with WWW-Authenticate (not 403).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "apps.core.api.authentication.StrictTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "apps.core.api.pagination.StandardPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["apps.core.api.filters.StrictFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "apps.core.api.exceptions.exception_handler",
    "DEFAULT_PARSER_CLASSES": [
        "apps.core.api.parsers.JSONParser",
        "apps.core.api.parsers.FormParser",
        "apps.core.api.parsers.MultiPartParser",
    ],
    "DEFAULT_VERSIONING_CLASS": None,
    # Throttles (apps/core/api/throttles.py): token issue per address, writes per person.
    "DEFAULT_THROTTLE_CLASSES": ["apps.core.api.throttles.WriteRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "token": env("API_THROTTLE_TOKEN", default="10/min"),
        "write": env("API_THROTTLE_WRITE", default="120/min"),
    },
    # The client address behind the same proxies django-axes trusts (never a header alone).
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "균형발전 소통창구 API",
    "DESCRIPTION": "국토교통부 지역균형발전 건의과제·포럼·지역협의회 플랫폼 API (v1)",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ProposalStatusEnum": "apps.proposals.models.ProposalStatus",
        "MilestoneKindEnum": "apps.proposals.accountability_models.MilestoneKind",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "apps.core.api.schema.document_common_errors",
        "apps.core.api.schema.document_text_policy",
    ],
}

# One line per record: JSON with the request id (production) or readable text (LOG_FORMAT).
LOG_FORMAT = env("LOG_FORMAT", default="text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"context": {"()": "apps.core.logs.ContextFilter"}},
    "formatters": {
        "json": {"()": "apps.core.logs.JsonFormatter"},
        "text": {"format": "%(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["context"], "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # Django's own loggers print once, through the root handler.
    "loggers": {"django": {"handlers": [], "propagate": True}},
}
# Workers log through LOGGING too (JSON in production), not Celery's own format.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
