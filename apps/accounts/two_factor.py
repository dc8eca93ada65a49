"""Two-factor authentication (django-otp): who must use it, enrolment (an authenticator
app's TOTP key, confirmed by its first code, then ten single-use backup codes), the second
step at sign-in and at token issue, and the operator's reset.

Who: with ``REQUIRE_2FA`` on (production's default), every account that can open the
Django admin (``is_staff``/``is_superuser``) and every holder of a role in
``TWO_FACTOR_ROLES`` (by default TF staff, TF lead, department reviewers and admins).
Anyone who enrolled of their own accord is asked for a code too. Until the second step
is done, ``TwoFactorMiddleware`` lets such a signed-in session reach nothing but these
pages and logging out."""

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth import user_logged_in, user_login_failed
from django.db import transaction
from django.db.models import F
from django.dispatch import receiver
from django.utils.translation import gettext as _
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User
from .selectors import user_roles
from .tokens import tokens_revoke_all

BACKUP_DEVICE_NAME = "backup"
BACKUP_CODE_COUNT = 10
APP_DEVICE_NAME = "authenticator"
# Set at sign-in for a person who enrolled of their own accord: they are asked too.
SECOND_STEP_PENDING = "accounts.second_step_pending"


def two_factor_required(user) -> bool:
    """Whether ``user`` must use a second factor (no query while ``REQUIRE_2FA`` is off)."""
    if not settings.REQUIRE_2FA or not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:  # the Django admin
        return True
    return bool(user_roles(user) & frozenset(settings.TWO_FACTOR_ROLES))


def has_second_factor(user) -> bool:
    return user_has_device(user, confirmed=True)


def second_factor_expected(user) -> bool:
    """Whether a sign-in or a token issue for ``user`` must include a code."""
    return two_factor_required(user) or has_second_factor(user)


@receiver(user_logged_in, dispatch_uid="accounts.two_factor.pending")
def _mark_second_step(sender, request, user, **kwargs):
    # Only a browser sign-in (``login()`` sets request.user); a token issue checks its code itself.
    session = getattr(request, "session", None)
    if session is not None and getattr(request, "user", None) == user and has_second_factor(user):
        session[SECOND_STEP_PENDING] = True


def second_step_outstanding(request) -> bool:
    """A signed-in session that has not done the second step it owes."""
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return False
    return bool(request.session.get(SECOND_STEP_PENDING)) or two_factor_required(user)


def token_refusal(user) -> str | None:
    """Why an API token of ``user`` may not be used now: the account must enrol first (a
    token issued before the rule applied to them is no way around it)."""
    if two_factor_required(user) and not has_second_factor(user):
        return _("2단계 인증을 등록해야 API를 쓸 수 있습니다. 웹에서 로그인해 인증 앱을 등록해 주세요.")
    return None


# --- enrolment -------------------------------------------------------------------------


def enrolment_device(user) -> TOTPDevice:
    """The unconfirmed authenticator-app key offered to ``user`` (the same one on each
    visit, so a reloaded page still matches the app that scanned it)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


@transaction.atomic
def enrolment_confirm(*, request, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm ``device`` with the first code the app shows: the key becomes the person's
    authenticator (replacing any earlier one), this session counts as verified, and ten new
    backup codes are returned (to be shown once). None if the code is wrong."""
    if not device.verify_token(code):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    codes = backup_codes_issue(user=device.user)
    second_step_done(request, device)
    return codes


def backup_codes_issue(*, user) -> list[str]:
    """Ten new single-use backup codes; the earlier ones stop working."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def backup_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__name=BACKUP_DEVICE_NAME).count()


# --- the second step -------------------------------------------------------------------


def code_check(*, request, user, code: str):
    """The device that accepts ``code`` (an authenticator code, or a backup code, which is
    used up), or None. A wrong code counts as a failed login for the lockout (django-axes):
    five in the window lock the account like five wrong passwords."""
    code = "".join(code.split())
    device = None
    if code:
        # Each device checks under its own row lock, so its throttling holds under races.
        with transaction.atomic():
            device = next((d for d in devices_for_user(user, for_verify=True) if d.verify_token(code)), None)
    if device is None:
        request = getattr(request, "_request", request)  # django-axes marks Django's request
        user_login_failed.send(sender=__name__, credentials={"username": user.get_username()}, request=request)
    else:
        # The whole login succeeded: wrong codes before it no longer count (as for passwords).
        axes_reset(username=user.get_username())
    return device


def second_step_done(request, device) -> None:
    """Mark the session verified by ``device``, with a new session key: the session has
    gained privileges, so an identifier seen before this point must not carry them."""
    otp_login(request, device)
    request.session.pop(SECOND_STEP_PENDING, None)
    request.session.cycle_key()


# --- the operator's reset --------------------------------------------------------------


@transaction.atomic
def two_factor_reset(*, user: User) -> int:
    """Remove every device of ``user`` (a lost phone): their sessions end and their API
    tokens are revoked; at the next sign-in they enrol again (if it is required of them).
    Returns the number of devices removed."""
    removed = 0
    for device in devices_for_user(user, confirmed=None):
        device.delete()
        removed += 1
    tokens_revoke_all(user=user)
    User.objects.filter(pk=user.pk).update(session_epoch=F("session_epoch") + 1)
    return removed
