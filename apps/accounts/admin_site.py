"""The Django admin behind the second factor: with REQUIRE_2FA on, an admin account whose
session has not given its code is not let in (TwoFactorMiddleware sends it to the code
page first; this is the admin's own check of the same rule)."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class TwoFactorAdminSite(admin.AdminSite):
    def has_permission(self, request):
        # Imported here: this module is loaded with INSTALLED_APPS, before the models.
        from .two_factor import two_factor_required

        user = request.user
        return super().has_permission(request) and (user.is_verified() or not two_factor_required(user))


class TwoFactorAdminConfig(AdminConfig):
    default_site = "apps.accounts.admin_site.TwoFactorAdminSite"
