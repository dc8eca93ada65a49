from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "apps.proposals"
    verbose_name = _("건의과제")

    def ready(self):
        from . import metrics  # noqa: F401 - registers the overdue gauge for /metrics
