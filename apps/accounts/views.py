"""The signed-in person's own pages: login and 내 정보."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from apps.core.forms import TextPolicyFormMixin
from apps.organisations.models import today

from .models import Membership


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
