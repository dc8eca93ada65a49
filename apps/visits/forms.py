from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import KrdsFormMixin
from apps.proposals.models import Proposal

from .models import Commitment


class CommitmentForm(KrdsFormMixin, forms.Form):
    title = forms.CharField(label=_("약속 내용"), max_length=300)
    owner = forms.CharField(label=_("담당(부서·기관)"), max_length=100)
    due_at = forms.DateField(label=_("이행 기한"), widget=forms.DateInput(attrs={"type": "date"}))
    proposal = forms.CharField(label=_("관련 과제번호"), max_length=20, required=False, help_text=_("예: 2025-51-0012"))

    def clean_proposal(self):
        reference = self.cleaned_data["proposal"].strip()
        if not reference:
            return None
        proposal = Proposal.objects.filter(reference=reference).select_related("region").first()
        if proposal is None:
            raise forms.ValidationError(_("없는 과제번호입니다."))
        return proposal


class CloseForm(KrdsFormMixin, forms.Form):
    state = forms.ChoiceField(
        label=_("결과"),
        choices=[(Commitment.State.DONE, _("이행 완료")), (Commitment.State.DROPPED, _("종결(이행 불가)"))],
    )
    note = forms.CharField(label=_("종결 내용"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
