"""API token authentication (listed before the session in settings, so that an anonymous
call answers 401 with ``WWW-Authenticate``): django-rest-knox's hashed, expiring tokens."""

import functools
import re

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from knox.auth import TokenAuthentication
from knox.settings import knox_settings
from rest_framework import exceptions

# knox tokens are 64 hex digits (AUTH_TOKEN_CHARACTER_LENGTH, no prefix).
TOKEN_KEY = re.compile(rb"[0-9a-f]{64}")
INVALID = _("토큰이 유효하지 않습니다.")


class StrictTokenAuthentication(TokenAuthentication):
    """knox's token authentication, refusing malformed keys before they reach the database
    and answering in Korean.

    A key with a NUL byte would make the PostgreSQL driver raise ValueError (a 500); any
    key that is not 64 hex digits cannot exist, so it is an invalid token (401).
    """

    def authenticate_credentials(self, token):
        if not TOKEN_KEY.fullmatch(token):
            raise exceptions.AuthenticationFailed(INVALID)
        try:
            return super().authenticate_credentials(token)
        except exceptions.AuthenticationFailed as error:
            raise exceptions.AuthenticationFailed(INVALID) from error

    def validate_user(self, auth_token):
        user, token = super().validate_user(auth_token)
        # A valid token whose holder may not use the API now (API_TOKEN_USER_CHECK, e.g. an
        # account that must enrol in two-factor authentication first): 403 with the reason.
        refusal = _user_check()(user)
        if refusal:
            raise exceptions.PermissionDenied(refusal)
        return user, token


@functools.cache
def _user_check():
    path = getattr(settings, "API_TOKEN_USER_CHECK", None)
    return import_string(path) if path else (lambda user: None)


class StrictTokenScheme(OpenApiAuthenticationExtension):
    """The OpenAPI security scheme of the token (``Authorization: Token <token>``)."""

    target_class = StrictTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return build_bearer_security_scheme_object(
            header_name="Authorization", token_prefix=knox_settings.AUTH_HEADER_PREFIX
        )
