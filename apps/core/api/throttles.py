"""API throttles: writes per person (DRF's user throttle, reads left alone); the token
endpoint uses DRF's ``ScopedRateThrottle`` with scope ``token`` (rates in settings)."""

from rest_framework.permissions import SAFE_METHODS
from rest_framework.throttling import UserRateThrottle


class WriteRateThrottle(UserRateThrottle):
    """Counts POST/PUT/PATCH/DELETE per signed-in person (per address when anonymous)."""

    scope = "write"

    def allow_request(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        return super().allow_request(request, view)
