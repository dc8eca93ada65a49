from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SimilarityConfig(AppConfig):
    name = "apps.similarity"
    verbose_name = _("유사 건의과제")
