from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "apps.accounts"
    verbose_name = _("사용자·역할")

    def ready(self):
        # Receivers: token revocation on password change and deactivation; the sign-in stamp.
        from . import sessions, tokens  # noqa: F401
