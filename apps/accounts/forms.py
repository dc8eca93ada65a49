"""Password forms: Django's own (its validators, its reset tokens) with KRDS widgets and
Korean labels."""

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from apps.core.forms import KrdsFormMixin


def _password_hint():
    lengths = [
        getattr(validator, "min_length", 0) for validator in password_validation.get_default_password_validators()
    ]
    return _(
        "%(length)d자 이상. 흔한 비밀번호, 숫자로만 된 비밀번호, 아이디·성명·이메일과 비슷한 비밀번호는 쓸 수 없습니다."
    ) % {"length": max(lengths, default=0)}


class _NewPasswordLabels:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("새 비밀번호")
        self.fields["new_password1"].help_text = _password_hint()
        self.fields["new_password2"].label = _("새 비밀번호 확인")
        self.fields["new_password2"].help_text = ""


class PasswordChangeForm(KrdsFormMixin, _NewPasswordLabels, auth_forms.PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("지금 비밀번호")


class SetPasswordForm(KrdsFormMixin, _NewPasswordLabels, auth_forms.SetPasswordForm):
    pass


class PasswordResetForm(KrdsFormMixin, auth_forms.PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("등록된 이메일")


class OneTimeCodeForm(KrdsFormMixin, forms.Form):
    """The code from the authenticator app (six digits) or a backup code."""

    code = forms.CharField(
        label=_("인증 코드"),
        max_length=16,
        error_messages={"required": _("인증 코드를 입력해 주세요.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )
