from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from apps.core.admin import ModelPermissionsAdminMixin, RecordedChangesAdminMixin
from apps.organisations.admin import ValidityListFilter

from .models import Membership, User
from .two_factor import two_factor_reset

SCOPE_FIELDS = ["body", "region", "department", "regional_office", "organisation"]


class MembershipInline(ModelPermissionsAdminMixin, admin.TabularInline):
    model = Membership
    fk_name = "user"
    extra = 0
    fields = ["role", *SCOPE_FIELDS, "title", "valid_from", "valid_to"]
    autocomplete_fields = SCOPE_FIELDS


@admin.register(User)
class UserAdmin(RecordedChangesAdminMixin, ModelPermissionsAdminMixin, DjangoUserAdmin):
    list_display = ["username", "name", "position", "affiliation", "email", "is_staff", "is_active"]
    list_filter = ["is_staff", "is_superuser", "is_active", "memberships__role"]
    search_fields = ["username", "name", "email", "affiliation", "position", "phone"]
    ordering = ["username"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("개인 정보"), {"fields": ("name", "position", "affiliation", "email", "phone")}),
        (
            _("권한"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("주요 일시"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "name",
                    "position",
                    "affiliation",
                    "email",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
    inlines = [MembershipInline]
    actions = ["reset_two_factor"]

    @admin.action(description=_("2단계 인증 초기화(스마트폰 분실 등)"), permissions=["change"])
    def reset_two_factor(self, request, queryset):
        """Remove the chosen people's authenticator and backup codes; their sessions end and
        their API tokens are revoked, and they enrol again at the next sign-in."""
        for user in queryset:
            two_factor_reset(user=user)
        self.message_user(
            request,
            _("%(count)d명의 2단계 인증을 초기화했습니다. 다음 로그인 때 인증 앱을 다시 등록합니다.")
            % {"count": queryset.count()},
            messages.SUCCESS,
        )


@admin.register(Membership)
class MembershipAdmin(RecordedChangesAdminMixin, ModelPermissionsAdminMixin, admin.ModelAdmin):
    list_display = ["user", "role", "scope_display", "body", "title", "valid_from", "valid_to"]
    list_filter = ["role", ValidityListFilter, "body", "region"]
    search_fields = ["user__username", "user__name", "title", "region__name", "department__name", "organisation__name"]
    list_select_related = ["user", *SCOPE_FIELDS]
    autocomplete_fields = ["user", *SCOPE_FIELDS]
    date_hierarchy = "valid_from"
    fields = ["user", "role", *SCOPE_FIELDS, "title", "valid_from", "valid_to"]

    @admin.display(description=_("범위"))
    def scope_display(self, obj):
        return obj.scope_label or "—"
