from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "apps.proposals"
    verbose_name = _("건의과제")
