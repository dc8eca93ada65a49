"""Security settings, imported by base.py: login lockout (django-axes), the client
address behind the TLS proxy, two-factor authentication, tokens, sessions and headers.
Every value can be set from the environment; README.md
("보안 / Security") documents them and the operator's unlock steps."""

import datetime

import environ
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured

env = environ.Env()

# django-axes: after AXES_FAILURE_LIMIT failures for one username, or from one address,
# within the cool-off window, further tries are refused until the window has passed since
# the last failure (or an admin deletes the attempt: README "잠금 해제").
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_CALLABLE = "apps.accounts.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "apps.accounts.lockout.client_ip"
# How many reverse proxies append to X-Forwarded-For in front of Django (nginx in
# platform/nginx.conf: 1). 0 trusts no header and reads REMOTE_ADDR.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# API tokens (django-rest-knox): only a SHA-512 digest is stored; a token lapses after
# API_TOKEN_IDLE_HOURS without use and API_TOKEN_MAX_DAYS after it was issued, whatever
# its use. DELETE /api/v1/auth/token/, the "로그인 기기와 토큰" page, a password change,
# deactivation and "모든 곳에서 로그아웃" revoke tokens (apps/accounts/tokens.py).
REST_KNOX = {
    "TOKEN_TTL": datetime.timedelta(hours=env.int("API_TOKEN_IDLE_HOURS", default=8)),
    "AUTO_REFRESH": True,
    "AUTO_REFRESH_MAX_TTL": datetime.timedelta(days=env.int("API_TOKEN_MAX_DAYS", default=30)),
    "MIN_REFRESH_INTERVAL": 60,
    "AUTH_HEADER_PREFIX": "Token",
}

# Two-factor authentication (django-otp, apps/accounts/two_factor.py): with REQUIRE_2FA on,
# every account that can open the Django admin and every holder of a TWO_FACTOR_ROLES role
# signs in with a code from an authenticator app (TOTP) or a backup code, and enrols at its
# first sign-in. On in production (production.py), off in development and the tests.
REQUIRE_2FA = env.bool("REQUIRE_2FA", default=False)
TWO_FACTOR_ROLES = env.list("TWO_FACTOR_ROLES", default=["tf_staff", "tf_lead", "dept_reviewer", "admin"])
# The regions' roles sign in from shared municipal offices: they are never made to enrol.
_REGIONAL_ROLES = {"regional_official", "vice_governor", "liaison"}
if _REGIONAL_ROLES & set(TWO_FACTOR_ROLES):
    raise ImproperlyConfigured(
        "TWO_FACTOR_ROLES may not name regional_official, vice_governor or liaison. / "
        "TWO_FACTOR_ROLES에는 regional_official, vice_governor, liaison을 넣을 수 없습니다."
    )
# An API token of an account that must enrol first is refused (403) until it has.
API_TOKEN_USER_CHECK = "apps.accounts.two_factor.token_refusal"
# The name authenticator apps show beside the account.
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default="균형발전 소통창구")
# The admin's device pages never show a person's key or QR code.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Password reset links (apps/accounts/views.py) are valid this long and only once.
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=60 * 60)

# Sessions (apps/accounts/sessions.py): signed out after SESSION_IDLE_MINUTES without
# activity and SESSION_ABSOLUTE_HOURS after sign-in; the cookie dies with the browser.
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_MINUTES", default=30) * 60
SESSION_ABSOLUTE_LIFETIME = env.int("SESSION_ABSOLUTE_HOURS", default=12) * 3600
# Seconds before the idle sign-out at which the page warns and offers to stay signed in.
SESSION_IDLE_WARNING = 120
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_LIFETIME
SESSION_EXPIRE_AT_BROWSER_CLOSE = env.bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", default=True)

# Headers. Content-Security-Policy (django-csp): scripts only from this site or with the
# response's nonce (the API docs' inline start-up script), never inline attributes or
# eval; styles may be inline (Swagger UI, Chart.js and htmx set them); no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        # Redoc runs its search in a worker made from a blob: URL.
        "worker-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# Permissions-Policy (django-permissions-policy): no camera, microphone, location, payment…
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "camera": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
    "browsing-topics": [],
}
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# The Django admin's address (config/urls.py), e.g. "manage-7f3a/": not the well-known one.
ADMIN_URL = env("ADMIN_URL", default="admin/")
# The API schema and its docs pages for everyone (development) or for signed-in people
# only (production.py turns it off unless API_DOCS_PUBLIC=true).
API_DOCS_PUBLIC = env.bool("API_DOCS_PUBLIC", default=True)
