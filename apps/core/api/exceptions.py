import logging

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from apps.core.conflicts import MESSAGE as LOCK_CONFLICT
from apps.core.conflicts import is_lock_conflict

logger = logging.getLogger(__name__)

# Messages DRF writes without gettext (so no catalogue translates them): code → Korean.
UNTRANSLATED = {
    ("null", "No data provided"): _("요청 본문이 비어 있습니다. 입력할 내용을 JSON 객체로 보내 주세요."),
}


class LockConflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def _korean(data):
    if isinstance(data, dict):
        return {key: _korean(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_korean(item) for item in data]
    if isinstance(data, exceptions.ErrorDetail):
        message = UNTRANSLATED.get((data.code, str(data)))
        return exceptions.ErrorDetail(str(message), code=data.code) if message else data
    return data


def exception_handler(exc, context):
    """DRF's handler, plus: model validation errors become 400 with field errors, and
    messages DRF leaves untranslated get a Korean one."""
    if isinstance(exc, Http404):
        # Django's message names the model ("No Region matches…"): say only "not found".
        exc = exceptions.NotFound()
    elif isinstance(exc, exceptions.ParseError):
        # DRF builds its parse messages without gettext and echoes parser internals.
        exc = exceptions.ParseError(_("요청 본문을 해석할 수 없습니다. 형식(JSON 등)을 확인하세요."))
    elif isinstance(exc, exceptions.Throttled) and str(exc.detail).startswith(str(exceptions.Throttled.default_detail)):
        # DRF's throttles append an English "Expected available in …"; say the wait in Korean
        # (a Throttled raised with its own message, e.g. the comments' rate limit, keeps it).
        wait = exc.wait
        message = _("요청이 너무 많습니다. 잠시 뒤에 다시 시도해 주세요.")
        if wait is not None:
            message = _("요청이 너무 많습니다. %(seconds)d초 뒤에 다시 시도해 주세요.") % {"seconds": wait}
        exc = exceptions.Throttled(detail=message)
        exc.wait = wait  # DRF's handler turns it into Retry-After
    elif is_lock_conflict(exc):
        # A deadlock or serialization failure: another write went first, ours was rolled back.
        exc = LockConflict(LOCK_CONFLICT)
    elif isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "message_dict") else {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(detail=detail)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if response.status_code == status.HTTP_405_METHOD_NOT_ALLOWED and not isinstance(response.data, dict):
        return Response({"detail": str(exc)}, status=response.status_code)
    response.data = _korean(response.data)
    return response
