"""django-axes hooks: the client's address behind the TLS proxy, and the Korean answer to a
locked-out login (a page for browsers and the admin, JSON with ``Retry-After`` for the API)."""

from axes.helpers import get_cool_off
from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _


def client_ip(request) -> str | None:
    """The address the outermost trusted proxy saw (``TRUSTED_PROXY_COUNT`` proxies each
    append one entry to X-Forwarded-For); without trusted proxies, REMOTE_ADDR. Entries a
    client wrote itself sit further left and are never read."""
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if count and len(forwarded) >= count:
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR")


def lockout_message(request) -> tuple[str, int]:
    """The Korean message naming the time the lock ends, and the seconds until then."""
    cool_off = get_cool_off(request)
    # The refused try was itself recorded, so the window runs from now.
    until = timezone.localtime(timezone.now() + cool_off)
    message = _(
        "로그인에 %(limit)d회 연속 실패하여 잠시 잠겼습니다. %(time)s 이후(%(minutes)d분 뒤)에 다시 시도해 주세요. "
        "급하면 운영자에게 잠금 해제를 요청하세요."
    ) % {
        "limit": settings.AXES_FAILURE_LIMIT,
        "time": time_format(until, "H:i"),
        "minutes": int(cool_off.total_seconds() // 60),
    }
    return message, int(cool_off.total_seconds())


def lockout_response(request, original_response=None, credentials=None):
    message, seconds = lockout_message(request)
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message}, status=429)
    else:
        response = render(request, "registration/locked_out.html", {"message": message}, status=429)
    response["Retry-After"] = str(seconds)
    return response
