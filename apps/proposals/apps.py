from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "apps.proposals"
    verbose_name = _("건의과제")

    def ready(self):
        # Register the overdue gauge for /metrics and the restore drill's timeline check.
        from . import metrics, restore_checks  # noqa: F401
