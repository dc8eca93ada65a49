from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "apps.core"
    verbose_name = _("공통")

    def ready(self):
        # Celery signal receivers that carry the request id into tasks (web and worker).
        # …and count task runs for /metrics.
        from . import logs, metrics  # noqa: F401
