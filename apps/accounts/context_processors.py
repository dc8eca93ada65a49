from django.conf import settings

from .selectors import active_memberships


def current_roles(request):
    """The signed-in person's active memberships, for the header, and the session timeout."""
    user = getattr(request, "user", None)
    return {
        "current_memberships": active_memberships(user) if user is not None else [],
        # The idle sign-out warning in base.html (static/js/session-timeout.js).
        "session_idle_timeout": settings.SESSION_IDLE_TIMEOUT,
        "session_idle_warning": settings.SESSION_IDLE_WARNING,
    }
