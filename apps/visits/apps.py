from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitsConfig(AppConfig):
    name = "apps.visits"
    verbose_name = _("지역협의회 방문 자료·약속")
