"""The action forms of the proposal page and the triage queue's bulk form.

They label and parse input for people; what each action is called, whether it needs a
reason and whether its button warns all come from the registry, and the services
validate the input again with the action's own ``inputs`` serializer."""

from django import forms
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from apps.core.forms import KrdsFormMixin
from apps.core.hangul import with_particle

from .forms import ATTACHMENT_HELP, DATE_WIDGET, DepartmentPicker, MultipleFileField, department_choices
from .inputs import CodeField
from .models import Outcome, Proposal, ProposalStatus
from .pickers import merge_target_field
from .registry import ACTIONS

# Actions that cannot be taken back without another person's work: asked once more.
CONFIRMATIONS = {
    "endorse": _("확인하면 국토교통부에 접수되고 되돌릴 수 없습니다. 확인할까요?"),
    "return": _("작성중 상태로 반려하고 지역 담당자에게 반려 사유를 알립니다. 반려할까요?"),
    "withdraw": _("철회한 과제는 다시 제출할 수 없습니다. 철회할까요?"),
}


class ActionForm(KrdsFormMixin, forms.Form):
    """One action's form on the proposal page. ``seen_status`` is the state the person
    saw, so a click on a page someone else has changed since is refused (409)."""

    note = forms.CharField(label=_("메모(선택)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    seen_status = forms.ChoiceField(choices=ProposalStatus.choices, widget=forms.HiddenInput, required=False)

    def __init__(self, *args, action: str, proposal: Proposal, user, **kwargs):
        kwargs.setdefault("auto_id", f"{action}-%s")
        kwargs.setdefault("initial", {"seen_status": proposal.status})
        super().__init__(*args, **kwargs)
        self.action, self.proposal, self.user = action, proposal, user
        # The action's own fields first, the note (its reason) last.
        self.order_fields([name for name in self.fields if name != "note"] + ["note"])
        self.spec = ACTIONS[action]
        if self.spec.needs_note:
            note = self.fields["note"]
            note.required = True
            note.label = self.spec.note_label
            note.error_messages["required"] = _("%(label)s 입력해 주세요.") % {
                "label": with_particle(str(note.label), "을/를")
            }

    @property
    def label(self):
        return self.spec.label

    @property
    def is_caution(self):
        return self.spec.caution

    @property
    def confirm_text(self) -> str:
        """What the person is asked before the action is fired ("" for no question)."""
        return str(CONFIRMATIONS.get(self.action, ""))

    def service_fields(self) -> dict:
        """The cleaned values proposal_fire takes (``note`` plus the action's fields)."""
        skip = ("seen_status", "files")
        data = {k: v for k, v in self.cleaned_data.items() if k not in skip and v not in (None, "", [])}
        data.setdefault("note", "")
        return data


class AssignForm(ActionForm):
    lead_department = forms.ChoiceField(
        label=_("주관부서"), error_messages={"required": _("주관부서를 지정해 주세요.")}
    )
    support_departments = forms.MultipleChoiceField(
        label=_("협조부서"),
        required=False,
        help_text=_("부서 이름으로 찾아 여러 부서를 고를 수 있습니다."),
        widget=DepartmentPicker,
    )
    due_at = forms.DateField(
        label=_("처리기한"),
        required=False,
        widget=forms.DateInput(attrs=DATE_WIDGET),
        help_text=_("비워 두면 부서 검토 기준(영업일)으로 정합니다."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = department_choices()
        self.fields["lead_department"].choices = [("", _("부서를 선택하세요")), *choices]
        self.fields["support_departments"].choices = choices


class DecideForm(ActionForm):
    outcome = forms.ChoiceField(
        label=_("검토결과"),
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("검토결과를 선택해 주세요.")},
    )
    decision_summary = forms.CharField(
        label=_("검토결과 요지(공개)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("지역과 국민에게 공개됩니다. 수용곤란·중장기검토는 사유를 반드시 적어야 합니다."),
    )
    planned_for = forms.DateField(
        label=_("추진 예정일"),
        required=False,
        widget=forms.DateInput(attrs=DATE_WIDGET),
        help_text=_("수용·일부수용이면 반드시 적습니다."),
    )


class StartFollowupForm(ActionForm):
    planned_for = forms.DateField(
        label=_("추진 예정일"),
        required=False,
        widget=forms.DateInput(attrs=DATE_WIDGET),
        help_text=_("바뀌었을 때만 적습니다."),
    )


class ResubmitForm(ActionForm):
    """재제출: the region answers the info request (required, ``registry``) and may add
    the documents asked for, stored with the resubmission."""

    files = MultipleFileField(label=_("보완 자료(선택)"), required=False, help_text=ATTACHMENT_HELP)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["note", "files"])  # the answer first: it is what was asked for

    @property
    def uploads(self) -> list:
        return self.cleaned_data.get("files") or []


class ReferForm(ActionForm):
    ministry = forms.CharField(
        label=_("이관 부처"),
        max_length=100,
        error_messages={"required": _("이관할 부처를 입력해 주세요.")},
        help_text=_("예: 행정안전부"),
    )


class MergeForm(ActionForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"] = merge_target_field(
            self.user,
            exclude=self.proposal,
            label=_("병합 대상 건의과제"),
            error_messages={"required": _("병합할 건의과제를 지정해 주세요.")},
        )
        self.order_fields(["into", "note"])

    def service_fields(self) -> dict:
        return {**super().service_fields(), "into": self.cleaned_data["into"].pk}


class ExtendForm(ActionForm):
    due_at = forms.DateField(
        label=_("새 처리기한"),
        widget=forms.DateInput(attrs=DATE_WIDGET),
        error_messages={"required": _("새 처리기한을 입력해 주세요.")},
        help_text=_("검토마다 한 번만 연장할 수 있으며, 지역에 알림이 갑니다."),
    )


class UpdateFollowupForm(ActionForm):
    progress = forms.IntegerField(
        label=_("추진률(%)"),
        min_value=0,
        max_value=100,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={"required": _("추진률(0~100)을 입력해 주세요.")},
    )
    milestone = forms.CharField(
        label=_("추진 내용(마일스톤)"),
        max_length=200,
        error_messages={"required": _("이번에 이룬 추진 내용을 입력해 주세요.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["progress"].initial = self.proposal.progress


ACTION_FORMS = {
    "assign": AssignForm,
    "reassign": AssignForm,
    "decide": DecideForm,
    "start_followup": StartFollowupForm,
    "refer": ReferForm,
    "resubmit": ResubmitForm,
    "merge": MergeForm,
    "extend": ExtendForm,
    "update_followup": UpdateFollowupForm,
}


def form_field(field: serializers.Field) -> forms.Field:
    """A web form field for an input field of the registry (an action added without a
    form class of its own still gets a working form; ``ACTION_FORMS`` only adds widgets)."""
    common = {"label": field.label, "required": field.required, "help_text": field.help_text or ""}
    if isinstance(field, serializers.ListField):
        return forms.MultipleChoiceField(choices=_code_choices(field.child), **common)
    if isinstance(field, CodeField):
        return forms.ChoiceField(choices=[("", _("선택하세요")), *_code_choices(field)], **common)
    if isinstance(field, serializers.ChoiceField):
        return forms.ChoiceField(choices=list(field.choices.items()), widget=forms.RadioSelect, **common)
    if isinstance(field, serializers.DateField):
        return forms.DateField(widget=forms.DateInput(attrs=DATE_WIDGET), **common)
    if isinstance(field, serializers.IntegerField):
        return forms.IntegerField(min_value=field.min_value, max_value=field.max_value, **common)
    return forms.CharField(max_length=field.max_length, widget=forms.Textarea(attrs={"rows": 3}), **common)


def _code_choices(field) -> list[tuple[str, str]]:
    return [(str(code), str(name)) for code, name in field.get_queryset().values_list("code", "name")]


def generated_form(action: str) -> type[ActionForm]:
    declared = ACTIONS[action].input._declared_fields
    fields = {name: form_field(field) for name, field in declared.items() if name != "note"}
    return type(f"{action.title().replace('_', '')}Form", (ActionForm,), fields)


def action_form(action: str, *, proposal, user, data=None, files=None) -> ActionForm:
    form_class = ACTION_FORMS.get(action) or generated_form(action)
    return form_class(data, files, action=action, proposal=proposal, user=user)


def input_fields(action: str) -> dict:
    """The fields of an action's input (``inputs.py``), by name, note included."""
    return ACTIONS[action].input._declared_fields


class BulkActionForm(KrdsFormMixin, forms.Form):
    """The triage queue's bulk form: one action with its fields, for the checked rows."""

    BULK_ACTIONS = ("assign", "refer", "merge")

    ids = forms.TypedMultipleChoiceField(
        label=_("선택한 건의과제"),
        coerce=int,
        error_messages={"required": _("처리할 건의과제를 하나 이상 선택해 주세요.")},
    )
    bulk_action = forms.ChoiceField(label=_("일괄 처리"), widget=forms.RadioSelect)
    lead_department = forms.ChoiceField(label=_("주관부서"), required=False)
    support_departments = forms.MultipleChoiceField(
        label=_("협조부서"),
        required=False,
        widget=DepartmentPicker,
        help_text=_("부서 이름으로 찾아 여러 부서를 고를 수 있습니다."),
    )
    due_at = forms.DateField(
        label=_("처리기한"),
        required=False,
        widget=forms.DateInput(attrs=DATE_WIDGET),
        help_text=_("비워 두면 부서 검토 기준(영업일)으로 정합니다."),
    )
    ministry = forms.CharField(label=_("이관 부처"), required=False, max_length=100)
    note = forms.CharField(label=_("메모(선택)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user, row_ids=(), **kwargs):
        kwargs.setdefault("auto_id", "bulk-%s")
        super().__init__(*args, **kwargs)
        self.user = user
        departments = department_choices()
        self.fields["bulk_action"].choices = [(name, ACTIONS[name].label) for name in self.BULK_ACTIONS]
        self.fields["bulk_action"].initial = "assign"
        self.fields["lead_department"].choices = [("", _("부서를 선택하세요")), *departments]
        self.fields["support_departments"].choices = departments
        self.fields["into"] = merge_target_field(user, label=_("병합 대상 건의과제"), required=False)
        # Suggestions leave out the rows checked for merging (sent along as ``ids``).
        self.fields["into"].widget.attrs["hx-include"] = "input[name=ids][form=bulk-form]:checked"
        self.order_fields([name for name in self.fields if name != "note"] + ["note"])
        # The ids are checked against what the person may see when each is fired.
        self.fields["ids"].choices = [(pk, pk) for pk in row_ids]

    def clean_ids(self):
        return list(dict.fromkeys(self.cleaned_data["ids"]))

    def clean(self):
        data = super().clean()
        action = data.get("bulk_action")
        # What the chosen action requires, as its input says: checked once, before any row.
        for name, field in input_fields(action).items() if action else ():
            if field.required and name in self.fields and not data.get(name):
                self.add_error(name, field.error_messages["required"])
        target = data.get("into")
        if action == "merge" and target is not None and target.pk in (data.get("ids") or []):
            self.add_error("into", _("선택한 과제에는 병합할 수 없습니다. 선택하지 않은 다른 과제를 고르세요."))
        return data

    def service_fields(self) -> dict:
        """The chosen action's fields (its input's), as proposal_fire takes them."""
        data = self.cleaned_data
        values = {name: _plain(data.get(name)) for name in input_fields(data["bulk_action"]) if name != "note"}
        given = {name: value for name, value in values.items() if value not in (None, "", [])}
        return {**given, "note": data.get("note") or ""}


def _plain(value):
    """A proposal picked on the form is given to the service by its id."""
    return value.pk if isinstance(value, Proposal) else value


# Issue 17's forms subclass ActionForm, so they are added once it exists.
from .followup_forms import FORMS as FOLLOWUP_FORMS  # noqa: E402

ACTION_FORMS.update(FOLLOWUP_FORMS)
