"""The two-factor pages: enrolment (QR code, then backup codes), the second step at
sign-in, and new backup codes from 로그인 기기와 토큰."""

import base64

import segno
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import two_factor
from .forms import OneTimeCodeForm
from .lockout import lockout_response


def _next_url(request) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    if url and safe:
        return url
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@login_required
def setup(request):
    """Enrol an authenticator app: scan the QR code (or type the key), confirm with the
    app's first code; the page then shows ten backup codes, once."""
    user = request.user
    if two_factor.has_second_factor(user):
        return redirect("account-security" if user.is_verified() else "two-factor-verify")
    device = two_factor.enrolment_device(user)
    form = OneTimeCodeForm(request.POST or None)
    if form.is_valid():
        codes = two_factor.enrolment_confirm(request=request, device=device, code=form.cleaned_data["code"])
        if codes is not None:
            return _backup_codes_page(request, codes, enrolled=True)
        wrong = _("코드가 맞지 않습니다. 인증 앱에 지금 보이는 6자리 코드를 입력해 주세요(휴대전화 시계도 확인).")
        form.add_error("code", wrong)
    qr_code = segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_code": qr_code,
            "secret": base64.b32encode(device.bin_key).decode(),
            "required": two_factor.two_factor_required(user),
            "next": _next_url(request),
        },
        status=400 if form.is_bound else 200,
    )


@login_required
def verify(request):
    """The second step at sign-in: a code from the app or a backup code. Wrong codes count
    towards the login lockout."""
    user = request.user
    if user.is_verified():
        return redirect(_next_url(request))
    if not two_factor.has_second_factor(user):
        return redirect("two-factor-setup")
    credentials = {"username": user.get_username()}
    if AxesProxyHandler.is_locked(request, credentials):
        return _locked_out(request)
    form = OneTimeCodeForm(request.POST or None)
    if form.is_valid():
        device = two_factor.code_check(request=request, user=user, code=form.cleaned_data["code"])
        if device is not None:
            two_factor.second_step_done(request, device)
            return redirect(_next_url(request))
        if getattr(request, "axes_locked_out", False):
            return _locked_out(request)
        wrong = _("인증 코드가 올바르지 않습니다. 인증 앱의 지금 코드나 사용하지 않은 백업 코드를 입력해 주세요.")
        form.add_error("code", wrong)
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "next": _next_url(request)},
        status=400 if form.is_bound else 200,
    )


def _locked_out(request):
    logout(request)
    return lockout_response(request)


@require_POST
@login_required
def backup_codes_renew(request):
    """Ten new backup codes for a verified session; the earlier ones stop working."""
    if not request.user.is_verified():
        raise PermissionDenied
    return _backup_codes_page(request, two_factor.backup_codes_issue(user=request.user), enrolled=False)


def _backup_codes_page(request, codes, *, enrolled: bool):
    response = render(
        request,
        "accounts/two_factor_backup_codes.html",
        {"codes": codes, "enrolled": enrolled, "next": _next_url(request)},
    )
    # Codes shown once: no cache may keep the page.
    response["Cache-Control"] = "no-store"
    return response
