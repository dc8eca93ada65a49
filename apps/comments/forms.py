"""Comment forms: they only read and check input; ``services`` write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import TextPolicyFormMixin

from .models import BODY_MAX, Visibility


def _textarea(rows=4, **attrs):
    return forms.Textarea(attrs={"class": "krds-input", "rows": rows, **attrs})


class CommentForm(TextPolicyFormMixin, forms.Form):
    body = forms.CharField(
        label=_("의견"),
        max_length=BODY_MAX,
        widget=_textarea(),
        help_text=_("마크다운을 쓸 수 있습니다. 아래에서 사람을 골라 언급하면 그 사람에게 알림이 갑니다."),
        error_messages={"required": _("내용을 입력해 주세요.")},
    )
    visibility = forms.ChoiceField(
        label=_("공개 범위"),
        choices=Visibility.choices,
        initial=Visibility.INTERNAL,
        required=False,
        widget=forms.RadioSelect,
    )
    parent = forms.IntegerField(
        label=_("답글 대상 댓글"), required=False, min_value=1, max_value=2**63 - 1, widget=forms.HiddenInput
    )

    def clean_visibility(self):
        return self.cleaned_data.get("visibility") or Visibility.INTERNAL


class EditForm(TextPolicyFormMixin, forms.Form):
    body = forms.CharField(
        label=_("의견 수정"),
        max_length=BODY_MAX,
        widget=_textarea(),
        error_messages={"required": _("내용을 입력해 주세요.")},
    )


class ReasonForm(TextPolicyFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("사유"), max_length=1000, widget=_textarea(2), error_messages={"required": _("사유를 입력해 주세요.")}
    )
