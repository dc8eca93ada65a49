"""Operators see every notification's e-mail state and last error, and can resend."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from apps.core.admin import ModelPermissionsAdminMixin

from . import services
from .models import Digest, EmailState, Notification, NotificationPreference


@admin.register(Notification)
class NotificationAdmin(ModelPermissionsAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "recipient", "kind", "title", "email_state", "email_attempts", "short_error",
                    "sent_at", "read_at"]  # fmt: skip
    list_filter = ["email_state", "kind", ("read_at", admin.EmptyFieldListFilter), "created_at"]
    search_fields = ["title", "recipient__username", "recipient__name", "recipient__email", "occasion_key",
                     "last_error", "proposal__reference"]  # fmt: skip
    date_hierarchy = "created_at"
    list_select_related = ["recipient"]
    raw_id_fields = ["recipient", "proposal", "event", "digest"]
    readonly_fields = [
        "recipient", "kind", "proposal", "event", "target_type", "target_id", "occasion_key", "title", "body", "url",
        "created_at", "read_at", "email_state", "email_attempts", "last_error", "next_attempt_at", "sent_at", "digest",
    ]  # fmt: skip
    actions = ["resend"]

    def has_add_permission(self, request):
        return False  # notifications are written by the platform, never by hand

    @admin.display(description=_("마지막 오류"))
    def short_error(self, notification):
        return (notification.last_error[:80] + "…") if len(notification.last_error) > 80 else notification.last_error

    @admin.action(description=_("선택한 알림의 이메일 다시 보내기 (실패·대기 건)"))
    def resend(self, request, queryset):
        ids = list(
            queryset.filter(email_state__in=[EmailState.FAILED, EmailState.PENDING]).values_list("pk", flat=True)
        )
        count = services.requeue(ids)
        self.message_user(
            request,
            ngettext("%(count)d건을 다시 보내도록 했습니다.", "%(count)d건을 다시 보내도록 했습니다.", count)
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(ModelPermissionsAdminMixin, admin.ModelAdmin):
    list_display = ["user", "kind", "channel", "updated_at"]
    list_filter = ["channel", "kind"]
    search_fields = ["user__username", "user__name"]
    raw_id_fields = ["user"]


@admin.register(Digest)
class DigestAdmin(ModelPermissionsAdminMixin, admin.ModelAdmin):
    list_display = ["date", "recipient", "item_count", "sent_at"]
    list_filter = ["date"]
    search_fields = ["recipient__username", "recipient__name"]
    raw_id_fields = ["recipient"]
    readonly_fields = ["recipient", "date", "item_count", "created_at", "sent_at"]

    def has_add_permission(self, request):
        return False
