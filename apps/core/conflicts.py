"""Races answered as conflicts, for every write (issue 13).

PostgreSQL ends one of two transactions that wait on each other (deadlock, SQLSTATE
40P01) or a serializable transaction that lost (40001). Either way the other person's
write went first and ours was rolled back whole — a conflict (409) with a Korean
message, never a 500. Services keep their writes in one ``transaction.atomic`` (and
``ATOMIC_REQUESTS`` is off), so by the time the error leaves a view nothing of it is
left half-written.

Proposal actions lock their rows in id order and turn the error into their own conflict
(``proposals.services.firing``); every other view gets the same answer from
``LockConflictMiddleware`` (pages) and the API's exception handler (JSON).
"""

from django.db import OperationalError
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

DEADLOCK_DETECTED = "40P01"
SERIALIZATION_FAILURE = "40001"
MESSAGE = _("다른 사용자가 같은 내용을 동시에 처리하고 있습니다. 잠시 후 화면을 새로 고쳐 다시 시도해 주세요.")


def is_lock_conflict(error: BaseException) -> bool:
    """A deadlock or serialization failure, as Django wraps psycopg's error."""
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__
    code = getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)
    return code in (DEADLOCK_DETECTED, SERIALIZATION_FAILURE)


class LockConflictMiddleware:
    """A page whose write lost a race answers 409 with why (``errors/409.html``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_lock_conflict(exception):
            return None
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": str(MESSAGE)}, status=409, json_dumps_params={"ensure_ascii": False})
        return render(request, "errors/409.html", {"reason": MESSAGE}, status=409)
