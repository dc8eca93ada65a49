"""API token authentication (listed before the session in settings, so that an anonymous
call answers 401 with ``WWW-Authenticate``)."""

import re

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

# DRF token keys are 40 hex digits.
TOKEN_KEY = re.compile(r"[0-9a-f]{40}")


class StrictTokenAuthentication(TokenAuthentication):
    """DRF's token authentication, refusing malformed keys before they reach the database.

    A key with a NUL byte would make the PostgreSQL driver raise ValueError (a 500); any
    key that is not 40 hex digits cannot exist, so it is an invalid token (401).
    """

    def authenticate_credentials(self, key):
        if not TOKEN_KEY.fullmatch(key):
            raise exceptions.AuthenticationFailed(_("토큰이 유효하지 않습니다."))
        return super().authenticate_credentials(key)
