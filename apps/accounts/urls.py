from django.contrib.auth import views as auth_views
from django.urls import path

from . import two_factor_views, views

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("me/", views.me, name="account-me"),
    path("password/change/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("password/reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("password/reset/complete/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("security/", views.security, name="account-security"),
    path("session/keepalive/", views.keepalive, name="account-keepalive"),
    path("security/tokens/<str:token_key>/revoke/", views.token_revoke, name="account-token-revoke"),
    path("two-factor/setup/", two_factor_views.setup, name="two-factor-setup"),
    path("two-factor/verify/", two_factor_views.verify, name="two-factor-verify"),
    path("two-factor/backup-codes/", two_factor_views.backup_codes_renew, name="two-factor-backup-codes"),
    path("security/logout-everywhere/", views.logout_everywhere, name="account-logout-everywhere"),
]
