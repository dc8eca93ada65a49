from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "apps.portal"
    verbose_name = _("공개 포털")

    def ready(self):
        from . import signals

        signals.connect()
