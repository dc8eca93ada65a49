from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "apps.exchange"
    verbose_name = _("엑셀 가져오기·내보내기")
