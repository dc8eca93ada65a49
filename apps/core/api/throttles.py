"""API throttles: writes per person (DRF's user throttle, reads left alone); the token
endpoint counts per address (scope ``token``; rates in settings)."""

from rest_framework.permissions import SAFE_METHODS
from rest_framework.throttling import SimpleRateThrottle, UserRateThrottle


class WriteRateThrottle(UserRateThrottle):
    """Counts POST/PUT/PATCH/DELETE per signed-in person (per address when anonymous)."""

    scope = "write"

    def allow_request(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        return super().allow_request(request, view)


class TokenIssueThrottle(SimpleRateThrottle):
    """Token issue per client address; never reads ``request.user``, so an expired token
    in the header cannot stop a new one being issued."""

    scope = "token"

    def get_cache_key(self, request, view):
        if request.method != "POST":
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
