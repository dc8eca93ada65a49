from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from apps.accounts.views import set_language_remembered
from apps.core.metrics import metrics_view
from apps.proposals.download_views import download_urlpatterns

urlpatterns = [
    path("i18n/setlang/", set_language_remembered, name="set_language"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("metrics", metrics_view, name="metrics"),
    path(settings.ADMIN_URL, admin.site.urls),
    path("api/v1/", include("config.api_urls")),
    path("accounts/", include("apps.accounts.urls")),
    path("notifications/", include("apps.notifications.urls")),
    path("proposals/", include("apps.proposals.urls")),
    path("meetings/", include("apps.meetings.urls")),
    path("comments/", include("apps.comments.urls")),
    path("exchange/", include("apps.exchange.urls")),
    path("visits/", include("apps.visits.urls")),
    path("similarity/", include("apps.similarity.urls")),
    path("", include("apps.portal.urls")),
    *download_urlpatterns,
    path("", include("apps.organisations.urls")),
]

handler400 = "apps.core.views.bad_request"
handler403 = "apps.core.views.permission_denied"
handler404 = "apps.core.views.page_not_found"
handler500 = "apps.core.views.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
