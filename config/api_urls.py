"""``/api/v1/``: every app contributes its routes through its ``api.py``."""

from django.urls import include, path

from apps.accounts.api import MeView, ObtainTokenView
from apps.core.api.docs import DocsSchemaView, OfflineRedocView, OfflineSwaggerView

urlpatterns = [
    path("auth/token/", ObtainTokenView.as_view(), name="api-token"),
    path("me/", MeView.as_view(), name="api-me"),
    path("", include("apps.organisations.api")),
    path("", include("apps.proposals.api")),
    path("", include("apps.notifications.api")),
    path("", include("apps.meetings.api")),
    path("", include("apps.comments.api")),
    path("", include("apps.similarity.api")),
    path("", include("apps.exchange.api")),
    path("", include("apps.portal.api")),
    path("schema/", DocsSchemaView.as_view(), name="api-schema"),
    path("docs/", OfflineSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("redoc/", OfflineRedocView.as_view(url_name="api-schema"), name="api-redoc"),
]
