"""What a signed-in session may reach: nothing but the second-step pages until a person
who owes a second factor has given it, and a new session key whenever the person's
privileges change (a role given or taken, admin access granted or withdrawn).

After AuthenticationMiddleware, django-otp's OTPMiddleware and SessionLifetimeMiddleware."""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .selectors import user_roles
from .two_factor import has_second_factor, second_step_outstanding

PRIVILEGES = "accounts.privileges"
# Pages a session owing its second step may still open.
OPEN_BEFORE_SECOND_STEP = frozenset(
    {"login", "logout", "two-factor-setup", "two-factor-verify", "account-keepalive", "set_language"}
)


def privileges_of(user) -> str:
    """What the person may do, in one comparable string."""
    roles = ",".join(sorted(user_roles(user)))
    return f"{int(user.is_staff)}{int(user.is_superuser)}:{roles}"


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            _rotate_on_privilege_change(request)
            if second_step_outstanding(request) and not _open_before_second_step(request):
                return _second_step_first(request)
        return self.get_response(request)


def _rotate_on_privilege_change(request) -> None:
    session = request.session
    current = privileges_of(request.user)
    known = session.get(PRIVILEGES)
    if known is not None and known != current:
        session.cycle_key()
    if known != current:
        session[PRIVILEGES] = current


def _open_before_second_step(request) -> bool:
    if request.path_info.startswith(settings.STATIC_URL):
        return True
    try:
        return resolve(request.path_info).url_name in OPEN_BEFORE_SECOND_STEP
    except Resolver404:
        return False


def _second_step_first(request):
    """The enrolment page (no device yet) or the code page; the API answers 403."""
    if has_second_factor(request.user):
        target, message = "two-factor-verify", _("2단계 인증 코드를 입력해야 이용할 수 있습니다.")
    else:
        target, message = "two-factor-setup", _("2단계 인증을 등록해야 이용할 수 있습니다.")
    url = reverse(target)
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": message}, status=403)
    if request.method == "GET":
        url = f"{url}?{urlencode({'next': request.get_full_path()})}"
    if request.headers.get("HX-Request"):  # django-htmx's middleware runs later
        return HttpResponse(headers={"HX-Redirect": url})
    return redirect(url)
