"""What the portal stores of its own: the statistics, computed off the request path."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StatisticsSnapshot(models.Model):
    """``stats.public_statistics()`` as last computed, per language (its labels are
    translated). ``generation`` is the statistics generation (``caching``) the figures
    were computed for: older than the current one means public data changed since."""

    language = models.CharField(_("언어"), max_length=10, unique=True)
    data = models.JSONField(_("통계"))
    # The public list's filter options (``forms.filter_choices``), refreshed with the figures.
    filters = models.JSONField(_("목록 검색 조건 선택지"), default=dict)
    generation = models.FloatField(_("데이터 세대"))
    computed_at = models.DateTimeField(_("계산 일시"), auto_now=True)

    class Meta:
        verbose_name = _("공개 통계 스냅숏")
        verbose_name_plural = _("공개 통계 스냅숏")

    def __str__(self):
        return f"{self.language} {self.computed_at:%Y-%m-%d %H:%M:%S}"
