"""API documentation pages that work offline (no CDN, no web fonts, no outside calls).

Both pages load their assets from drf-spectacular-sidecar's static files. Swagger UI is
told not to send the schema to validator.swagger.io; drf-spectacular's Redoc page loads
Google Fonts, so Redoc is served here from an inline template without them.
"""

import json

from django.conf import settings
from django.template import engines
from drf_spectacular.settings import spectacular_settings
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.permissions import BasePermission
from rest_framework.renderers import TemplateHTMLRenderer


class DocsReaders(BasePermission):
    """Everyone when API_DOCS_PUBLIC, otherwise signed-in people (production's default)."""

    def has_permission(self, request, view):
        return settings.API_DOCS_PUBLIC or bool(request.user and request.user.is_authenticated)


class OfflineSwaggerView(SpectacularSwaggerView):
    permission_classes = [DocsReaders]

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        ui_settings = spectacular_settings.SWAGGER_UI_SETTINGS
        if isinstance(ui_settings, dict):
            response.data["settings"] = json.dumps({"validatorUrl": None, **ui_settings}, indent=2)
        return response


REDOC_PAGE = """<!DOCTYPE html>
<html lang="ko">
  <head>
    <title>{{ title|default:"Redoc" }}</title>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <style>body { margin: 0; padding: 0; }</style>
  </head>
  <body>
    {% if settings %}
    <div id="redoc-container"></div>
    <script src="{{ redoc_standalone }}"></script>
    <script nonce="{{ request.csp_nonce }}">
      const redocSettings = {{ settings|safe }};
      Redoc.init("{{ schema_url }}", redocSettings, document.getElementById("redoc-container"))
    </script>
    {% else %}
    <redoc spec-url="{{ schema_url }}"></redoc>
    <script src="{{ redoc_standalone }}"></script>
    {% endif %}
  </body>
</html>
"""


class InlineRedocRenderer(TemplateHTMLRenderer):
    def resolve_template(self, template_names):
        return engines["django"].from_string(REDOC_PAGE)


class OfflineRedocView(SpectacularRedocView):
    permission_classes = [DocsReaders]
    renderer_classes = [InlineRedocRenderer]


class DocsSchemaView(SpectacularAPIView):
    permission_classes = [DocsReaders]
