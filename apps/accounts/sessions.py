"""Session lifetime: an idle timeout (SESSION_IDLE_TIMEOUT, default 30 minutes) and an
absolute lifetime (SESSION_ABSOLUTE_LIFETIME, default 12 hours) from sign-in. Django's
``login()`` already gives a new session key at sign-in; this ends the session after it.

Background polls (the notification badge, sent with ``X-Session-Background: 1``) are not
activity: an open tab alone does not keep a session alive."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils.translation import gettext as _

SIGNED_IN_AT = "accounts.signed_in_at"
ACTIVE_AT = "accounts.active_at"
BACKGROUND_HEADER = "HTTP_X_SESSION_BACKGROUND"


@receiver(user_logged_in, dispatch_uid="accounts.sessions.stamp")
def _stamp_sign_in(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is not None:
        now = time.time()
        session[SIGNED_IN_AT] = session[ACTIVE_AT] = now


def session_expired(session, now: float) -> str | None:
    """Why the session has ended ("idle" or "absolute"), or None while it is alive."""
    signed_in = session.get(SIGNED_IN_AT)
    active = session.get(ACTIVE_AT, signed_in)
    if signed_in is not None and now - signed_in > settings.SESSION_ABSOLUTE_LIFETIME:
        return "absolute"
    if active is not None and now - active > settings.SESSION_IDLE_TIMEOUT:
        return "idle"
    return None


class SessionLifetimeMiddleware:
    """After AuthenticationMiddleware and MessageMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            session = request.session
            now = time.time()
            reason = session_expired(session, now)
            if reason is not None:
                logout(request)
                messages.info(request, _expired_message(reason))
            else:
                session.setdefault(SIGNED_IN_AT, now)  # sessions from before this rule
                if not request.META.get(BACKGROUND_HEADER):
                    session[ACTIVE_AT] = now
        return self.get_response(request)


def _expired_message(reason: str) -> str:
    if reason == "idle":
        minutes = settings.SESSION_IDLE_TIMEOUT // 60
        return _("%(minutes)d분 동안 사용하지 않아 안전을 위해 로그아웃했습니다. 다시 로그인해 주세요.") % {
            "minutes": minutes
        }
    hours = settings.SESSION_ABSOLUTE_LIFETIME // 3600
    return _("로그인한 지 %(hours)d시간이 지나 안전을 위해 로그아웃했습니다. 다시 로그인해 주세요.") % {"hours": hours}
