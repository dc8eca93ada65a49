"""Security settings, imported by base.py: login lockout (django-axes) and the client
address behind the TLS proxy. Every value can be set from the environment; README.md
("보안 / Security") documents them and the operator's unlock steps."""

import datetime

import environ

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
