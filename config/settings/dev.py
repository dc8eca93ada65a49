from .base import *  # noqa: F403
from .base import INSTALLED_APPS, env

# The demo world (manage.py seed_demo): development and tests only, never production.
INSTALLED_APPS = [*INSTALLED_APPS, "apps.demo"]

DEBUG = env.bool("DEBUG", default=True)

# runserver prints every request already; the request log line (apps/core/logs.py) would repeat it.
LOGGING["loggers"]["balance.request"] = {"level": "WARNING"}  # noqa: F405
