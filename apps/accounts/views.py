"""The signed-in person's own pages: login, 내 정보, 로그인 기기와 토큰 (API tokens and
logging out everywhere), and the password pages (change; reset by an e-mailed link valid
for PASSWORD_RESET_TIMEOUT seconds)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.messages.views import SuccessMessageMixin
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from apps.core.forms import TextPolicyFormMixin
from apps.organisations.models import today

from . import tokens, two_factor
from .forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm
from .models import Membership, User


class LoginForm(TextPolicyFormMixin, AuthenticationForm):
    """Django's login form with the wording and input attributes of the KRDS login page."""

    error_messages = {
        "invalid_login": _("아이디 또는 비밀번호가 올바르지 않습니다. 입력한 내용을 다시 확인해 주세요."),
        "inactive": _("사용이 중지된 계정입니다. 운영자에게 문의해 주세요."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username, password = self.fields["username"], self.fields["password"]
        username.label = _("아이디")
        password.label = _("비밀번호")
        username.error_messages["required"] = _("아이디를 입력해 주세요.")
        password.error_messages["required"] = _("비밀번호를 입력해 주세요.")
        for field in (username, password):
            field.widget.attrs["class"] = "krds-input"


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True


@login_required
def me(request):
    """The person's profile and all their memberships, today's first, then upcoming and past."""
    on = today()
    memberships = Membership.objects.filter(user=request.user).with_scope().order_by("-valid_from", "role", "pk")
    active, upcoming, past = [], [], []
    for membership in memberships:
        if membership.valid_from > on:
            upcoming.append(membership)
        elif membership.valid_to is not None and membership.valid_to < on:
            past.append(membership)
        else:
            active.append(membership)
    return render(
        request,
        "accounts/me.html",
        {"active_memberships": active, "upcoming_memberships": upcoming, "past_memberships": past},
    )


@login_required
def security(request):
    """The person's second factor, live API tokens (each revocable) and "모든 곳에서 로그아웃"."""
    user = request.user
    return render(
        request,
        "accounts/security.html",
        {
            "tokens": tokens.tokens_live(user=user),
            "has_second_factor": two_factor.has_second_factor(user),
            "backup_codes_left": two_factor.backup_codes_left(user),
        },
    )


@require_POST
@login_required
def token_revoke(request, token_key):
    if tokens.token_revoke(user=request.user, token_key=token_key):
        messages.success(request, gettext("토큰을 폐기했습니다. 그 토큰으로는 더 이상 API를 쓸 수 없습니다."))
    else:
        messages.error(request, gettext("이미 폐기되었거나 만료된 토큰입니다."))
    return redirect("account-security")


@require_POST
@login_required
def logout_everywhere(request):
    tokens.logout_everywhere(request=request)
    messages.success(request, gettext("모든 기기와 브라우저에서 로그아웃하고 API 토큰을 모두 폐기했습니다."))
    return redirect("login")


class PasswordChangeView(SuccessMessageMixin, auth_views.PasswordChangeView):
    """Django's view: checks the current password and the validators, keeps this session
    (other sessions end and every API token is revoked: accounts.tokens)."""

    form_class = PasswordChangeForm
    template_name = "accounts/password_page.html"
    success_url = reverse_lazy("account-me")
    success_message = _("비밀번호를 바꿨습니다. 다른 브라우저의 로그인과 API 토큰은 모두 끝났습니다.")
    extra_context = {"page_title": _("비밀번호 변경")}


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    template_name = "accounts/password_page.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")
    extra_context = {"page_title": _("비밀번호 재설정"), "reset_request": True}

    @property
    def extra_email_context(self):
        # Links are built from SITE_URL, never from the request's Host header.
        return {"site_url": settings.SITE_URL, "valid_minutes": settings.PASSWORD_RESET_TIMEOUT // 60}


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_page.html"
    extra_context = {
        "page_title": _("비밀번호 재설정"),
        "message": _("등록된 이메일이면 재설정 링크를 보냈습니다. 메일이 오지 않으면 운영자에게 문의해 주세요."),
    }


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm
    template_name = "accounts/password_page.html"
    success_url = reverse_lazy("password_reset_complete")
    extra_context = {"page_title": _("새 비밀번호 설정")}


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_page.html"
    extra_context = {
        "page_title": _("비밀번호 재설정"),
        "message": _("새 비밀번호를 저장했습니다. 새 비밀번호로 로그인해 주세요."),
        "show_login": True,
    }


@login_required
def keepalive(request):
    """ "계속 사용하기" on the idle warning: a request that counts as activity."""
    return HttpResponse(status=204)


def set_language_remembered(request):
    """Django's ``set_language``; a signed-in person's choice is also remembered on the
    account, so that the e-mails sent to them are written in it."""
    response = set_language(request)
    language = request.POST.get("language", "")
    if request.method == "POST" and request.user.is_authenticated and language in dict(settings.LANGUAGES):
        User.objects.filter(pk=request.user.pk).update(preferred_language=language)
    return response
