"""Records every app shares: ad-hoc public holidays that every deadline honours, and the
tamper-evident log of changes made in the Django admin."""

import hashlib
import json

from django.conf import settings
from django.core.cache import cache
from django.db import connection, models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

AD_HOC_HOLIDAYS_CACHE_KEY = "core:ad-hoc-holidays"


class Holiday(models.Model):
    """임시공휴일 and other days off the ``holidays`` package cannot know in advance."""

    date = models.DateField(_("날짜"), unique=True)
    name = models.CharField(_("명칭"), max_length=80)

    class Meta:
        verbose_name = _("임시공휴일")
        verbose_name_plural = _("임시공휴일")
        ordering = ["-date"]

    def __str__(self):
        return f"{self.date} {self.name}"

    def save(self, *args, **kwargs):
        # Cleared before too: post_save receivers (deadlines moving) must see the new day.
        cache.delete(AD_HOC_HOLIDAYS_CACHE_KEY)
        super().save(*args, **kwargs)
        cache.delete(AD_HOC_HOLIDAYS_CACHE_KEY)

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        cache.delete(AD_HOC_HOLIDAYS_CACHE_KEY)
        return result


class AdminChange(models.Model):
    """One change an operator made in the Django admin, chained to the one before it (like
    a proposal's events, ``apps.proposals.chain``), so a rewritten row is detectable."""

    class Kind(models.TextChoices):
        ADDED = "added", _("추가")
        CHANGED = "changed", _("변경")
        DELETED = "deleted", _("삭제")

    created_at = models.DateTimeField(_("일시"), default=timezone.now, editable=False, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("변경자"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("종류"), max_length=10, choices=Kind.choices)
    model = models.CharField(_("대상 종류"), max_length=100)  # "app_label.model"
    object_id = models.CharField(_("대상 번호"), max_length=64)
    object_repr = models.CharField(_("대상"), max_length=200)
    changes = models.JSONField(_("변경 내용"), default=dict, blank=True)  # field → [before, after]
    prev_hash = models.CharField(_("이전 해시"), max_length=64, blank=True, editable=False)
    chain_hash = models.CharField(_("해시"), max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("관리자 변경 기록")
        verbose_name_plural = _("관리자 변경 기록")
        ordering = ["-pk"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.model} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("admin change records are never rewritten")
        if connection.vendor == "postgresql":
            # One chain for the whole table: writers take turns (admin changes are rare).
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(hashtext('core_adminchange_chain'))")
        self.prev_hash = AdminChange.objects.order_by("-pk").values_list("chain_hash", flat=True).first() or ""
        self.chain_hash = self.digest(self.prev_hash)
        super().save(*args, **kwargs)

    def digest(self, prev_hash: str) -> str:
        content = {
            "prev": prev_hash,
            "at": self.created_at.isoformat(),
            "actor": self.actor_id,
            "kind": self.kind,
            "model": self.model,
            "id": self.object_id,
            "repr": self.object_repr,
            "changes": self.changes,
        }
        text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
        return hashlib.sha256(text.encode()).hexdigest()
