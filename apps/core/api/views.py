"""Base classes for API views."""

from rest_framework import viewsets
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny


class ReferenceViewSet(viewsets.ReadOnlyModelViewSet):
    """Public, read-only reference data keyed by its stable ``code``."""

    permission_classes = [AllowAny]
    lookup_field = "code"
    lookup_value_regex = "[^/]+"

    def get_object(self):
        # A NUL byte cannot reach PostgreSQL (the driver raises ValueError → 500); no code contains one.
        if "\x00" in str(self.kwargs.get(self.lookup_url_kwarg or self.lookup_field, "")):
            raise NotFound
        return super().get_object()
