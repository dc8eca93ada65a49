from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from apps.core.forms import KrdsFormMixin
from apps.core.ids import parse_ids


class ProposalIdsField(forms.Field):
    """Proposal ids posted as repeated ``ids`` values."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        values = value if isinstance(value, list | tuple) else [value] if value else []
        ids = parse_ids(values)
        if ids is None:
            raise ValidationError(_("건의과제 번호가 올바르지 않습니다."))
        return ids


class ClusterCreateForm(KrdsFormMixin, forms.Form):
    ids = ProposalIdsField(
        label=_("묶을 건의과제"), error_messages={"required": _("공통건의로 묶을 건의과제를 골라 주세요.")}
    )
    title = forms.CharField(
        label=_("공통건의 제목"),
        max_length=200,
        error_messages={"required": _("공통건의 제목을 입력해 주세요.")},
    )
    note = forms.CharField(label=_("메모"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ClusterAddForm(KrdsFormMixin, forms.Form):
    reference = forms.CharField(
        label=_("더할 과제번호"),
        max_length=20,
        help_text=_("예: 2026-48-0003"),
        error_messages={"required": _("과제번호를 입력해 주세요.")},
    )

    def clean_reference(self):
        return self.cleaned_data["reference"].strip()
