"""Web forms of issue 17's actions where the generated form (``action_forms.generated_form``)
would ask for an id: a milestone or a consultation is picked from this proposal's own."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .action_forms import DATE_WIDGET, ActionForm
from .models import Consultation, Milestone, MilestoneKind


class AddMilestoneForm(ActionForm):
    title = forms.CharField(
        label=_("단계명"), max_length=200, error_messages={"required": _("추진 단계명을 입력해 주세요.")}
    )
    kind = forms.ChoiceField(label=_("종류"), choices=MilestoneKind.choices, initial=MilestoneKind.OTHER)
    planned_for = forms.DateField(
        label=_("예정일"),
        widget=forms.DateInput(attrs=DATE_WIDGET),
        error_messages={"required": _("예정일을 입력해 주세요.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].label = _("공개 메모(선택)")


class UpdateMilestoneForm(ActionForm):
    milestone = forms.TypedChoiceField(
        label=_("추진 단계"), coerce=int, error_messages={"required": _("추진 단계를 지정해 주세요.")}
    )
    done_on = forms.DateField(label=_("완료일"), required=False, widget=forms.DateInput(attrs=DATE_WIDGET))
    progress = forms.IntegerField(label=_("진행률(%)"), required=False, min_value=0, max_value=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        rows = Milestone.objects.filter(proposal=self.proposal).order_by("planned_for", "pk")
        self.fields["milestone"].choices = [(m.pk, f"{m.planned_for:%Y-%m-%d} {m.title}") for m in rows]
        self.fields["note"].label = _("공개 메모(비우면 지움)")
        self.order_fields(["milestone", "done_on", "progress", "note"])


class CloseConsultationForm(ActionForm):
    consultation = forms.TypedChoiceField(
        label=_("종결할 자문"), coerce=int, error_messages={"required": _("종결할 자문을 지정해 주세요.")}
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        rows = Consultation.objects.filter(proposal=self.proposal).exclude(state=Consultation.State.CLOSED)
        self.fields["consultation"].choices = [
            (c.pk, f"{c.organisation.name} · {c.get_state_display()}") for c in rows.select_related("organisation")
        ]


FORMS = {
    "add_milestone": AddMilestoneForm,
    "update_milestone": UpdateMilestoneForm,
    "close_consultation": CloseConsultationForm,
}
