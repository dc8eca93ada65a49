"""Forms of the proposal pages. They parse and label input; every write goes through
``services`` (which hold the business rules and raise Korean ValidationErrors that the
views attach back to these forms)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.accounts.models import Role
from apps.accounts.selectors import user_region_ids
from apps.core.forms import KrdsFormMixin
from apps.organisations.models import Department, Region

from .models import OPEN_STATUSES, Category, Outcome, Proposal, ProposalStatus, Strategy
from .services import ACTIONS

# What each action is called on its button and in the timeline.
ACTION_LABELS = {
    "create": pgettext_lazy("timeline", "작성"),
    "update": pgettext_lazy("timeline", "수정"),
    "submit": _("제출"),
    "endorse": _("확인"),
    "return": _("반려"),
    "request_info": _("보완요청"),
    "resubmit": _("재제출"),
    "assign": _("배정"),
    "reassign": _("재배정"),
    "start_review": _("검토 시작"),
    "decline": _("소관 아님(반송)"),
    "decide": _("검토결과 결정"),
    "start_followup": _("후속 추진 시작"),
    "complete": _("추진 완료"),
    "refer": _("타부처 이관"),
    "merge": _("병합"),
    "withdraw": _("철회"),
    "appeal": _("재검토요청"),
    "uphold": _("원결정 유지"),
    "reopen": _("재검토 개시"),
    "extend": _("처리기한 연장"),
    "update_followup": _("추진상황 갱신"),
    "consult": pgettext_lazy("timeline", "자문 요청"),
    "consultation_answered": _("자문 회신"),
    "rereview": _("중장기검토 재검토"),
    "attach": _("첨부파일 등록"),
    "meeting_outcome": _("회의 논의 결과"),
    "forum_tabled": _("포럼 부의"),
    "forum_recommendation": _("포럼 권고"),
    "attachment_add": _("첨부파일 등록"),
}

# The message shown after an action succeeds.
ACTION_DONE = {
    "submit": _("건의과제를 제출했습니다. 부지사 확인을 기다립니다."),
    "endorse": _("건의과제를 확인하여 국토교통부에 접수했습니다."),
    "return": _("건의과제를 작성중 상태로 반려했습니다."),
    "request_info": _("지역에 보완을 요청했습니다."),
    "resubmit": _("보완한 건의과제를 다시 제출했습니다."),
    "assign": _("소관부서에 배정했습니다."),
    "reassign": _("소관부서를 다시 배정했습니다."),
    "start_review": _("검토를 시작했습니다."),
    "decline": _("소관이 아닌 과제로 기획단 TF에 반송했습니다."),
    "decide": _("검토결과를 결정했습니다."),
    "start_followup": _("후속 추진을 시작했습니다."),
    "complete": _("추진 완료로 처리했습니다."),
    "refer": _("다른 부처로 이관했습니다."),
    "merge": _("다른 건의과제에 병합했습니다."),
    "withdraw": _("건의과제를 철회했습니다."),
    "appeal": _("재검토를 요청했습니다."),
    "uphold": _("원래 결정을 유지했습니다."),
    "reopen": _("재검토를 시작했습니다."),
    "extend": _("처리기한을 연장했습니다."),
    "update_followup": _("추진상황을 갱신했습니다."),
}

# The note's label when an action requires one (its reason).
NOTE_LABELS = {
    "return": _("반려 사유"),
    "request_info": _("보완 요청 내용"),
    "decline": _("반송 사유"),
    "decide": _("검토 의견(내부)"),
    "appeal": _("재검토 요청 사유"),
    "uphold": _("결정 유지 사유"),
    "extend": _("연장 사유"),
}

# Actions whose button is a warning (they end or reverse something).
CAUTION_ACTIONS = frozenset({"withdraw", "return", "decline", "refer", "merge"})

DATE_WIDGET = {"type": "date", "class": "krds-input"}


def department_choices():
    """Active departments grouped by their office (실·국), as select optgroups."""
    groups: dict[str, list] = {}
    for code, name, office in Department.objects.filter(is_active=True).values_list("code", "name", "office"):
        groups.setdefault(office or str(_("기타")), []).append((code, name))
    return sorted(groups.items())


class ProposalForm(KrdsFormMixin, forms.ModelForm):
    """A draft's fields. ``region`` only when creating: a proposal keeps its region."""

    strategies = forms.ModelMultipleChoiceField(
        label=_("정책 전략"),
        queryset=Strategy.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("해당하는 전략을 모두 고르세요."),
    )

    class Meta:
        model = Proposal
        fields = [
            "region", "title", "summary", "body", "category", "strategies", "requested_action", "related_laws",
            "budget_estimate", "location", "is_public",
        ]  # fmt: skip
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "body": forms.Textarea(attrs={"rows": 12}),
            "requested_action": forms.Textarea(attrs={"rows": 4}),
            "related_laws": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "summary": _("공개 목록에 보이는 요약입니다. 2,000자 이내로 적어 주세요."),
            "body": _("마크다운을 쓸 수 있습니다(제목, 목록, 표, 링크). 스크립트와 HTML은 지워집니다."),
            "budget_estimate": _("백만원 단위 숫자로 적습니다. 모르면 비워 두세요."),
            "location": _("해당 시·군·구 (예: 강릉시). 선택 사항입니다."),
            "is_public": _("검토결과를 포함해 누리집 공개 화면에 보여 줍니다."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("분야를 선택하세요")), *Category.choices]
        if self.instance.pk:
            del self.fields["region"]
        else:
            regions = Region.objects.filter(
                pk__in=user_region_ids(user, Role.REGIONAL_OFFICIAL, Role.VICE_GOVERNOR)
            ).current()
            region = self.fields["region"]
            region.queryset = regions
            if len(regions) == 1:
                region.empty_label, self.initial["region"] = None, regions[0].pk
            else:
                region.empty_label = _("지역을 선택하세요")
            region.help_text = _("담당하는 지역만 고를 수 있습니다.")


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
        if ACTIONS[action].needs_note:
            note = self.fields["note"]
            note.required = True
            note.label = NOTE_LABELS.get(action, _("사유"))
            note.error_messages["required"] = _("%(label)s을(를) 입력해 주세요.") % {"label": note.label}

    @property
    def label(self):
        return ACTION_LABELS[self.action]

    @property
    def is_caution(self):
        return self.action in CAUTION_ACTIONS

    def service_fields(self) -> dict:
        """The cleaned values proposal_fire takes (``note`` plus the action's fields)."""
        data = {k: v for k, v in self.cleaned_data.items() if k != "seen_status" and v not in (None, "", [])}
        data.setdefault("note", "")
        return data


class AssignForm(ActionForm):
    lead_department = forms.ChoiceField(
        label=_("주관부서"), error_messages={"required": _("주관부서를 지정해 주세요.")}
    )
    support_departments = forms.MultipleChoiceField(
        label=_("협조부서"),
        required=False,
        help_text=_("여러 부서를 고르려면 Ctrl(맥은 Command) 키를 누른 채 선택하세요."),
        widget=forms.SelectMultiple(attrs={"size": 6}),
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


class ReferForm(ActionForm):
    ministry = forms.CharField(
        label=_("이관 부처"),
        max_length=100,
        error_messages={"required": _("이관할 부처를 입력해 주세요.")},
        help_text=_("예: 행정안전부"),
    )


class MergeForm(ActionForm):
    into = forms.TypedChoiceField(
        label=_("병합 대상 건의과제"),
        coerce=int,
        error_messages={"required": _("병합할 건의과제를 지정해 주세요.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].choices = [("", _("건의과제를 선택하세요")), *merge_targets(self.user, self.proposal)]


def merge_targets(user, exclude=None) -> list[tuple[int, str]]:
    """Open proposals the person sees, as (pk, "reference title") choices, one query."""
    from .selectors import proposal_list

    queryset = proposal_list(user).prefetch_related(None).filter(status__in=OPEN_STATUSES).order_by("reference")
    if exclude is not None:
        queryset = queryset.exclude(pk=exclude.pk)
    return [(pk, f"{reference} {title}") for pk, reference, title in queryset.values_list("pk", "reference", "title")]


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
    "merge": MergeForm,
    "extend": ExtendForm,
    "update_followup": UpdateFollowupForm,
}


def action_form(action: str, *, proposal, user, data=None) -> ActionForm:
    return ACTION_FORMS.get(action, ActionForm)(data, action=action, proposal=proposal, user=user)


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
        widget=forms.SelectMultiple(attrs={"size": 4}),
        help_text=_("여러 부서를 고르려면 Ctrl(맥은 Command) 키를 누른 채 선택하세요."),
    )
    due_at = forms.DateField(
        label=_("처리기한"),
        required=False,
        widget=forms.DateInput(attrs=DATE_WIDGET),
        help_text=_("비워 두면 부서 검토 기준(영업일)으로 정합니다."),
    )
    ministry = forms.CharField(label=_("이관 부처"), required=False, max_length=100)
    into = forms.TypedChoiceField(label=_("병합 대상 건의과제"), coerce=int, required=False, empty_value=None)
    note = forms.CharField(label=_("메모(선택)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user, row_ids=(), **kwargs):
        kwargs.setdefault("auto_id", "bulk-%s")
        super().__init__(*args, **kwargs)
        self.user = user
        departments = department_choices()
        self.fields["bulk_action"].choices = [(name, ACTION_LABELS[name]) for name in self.BULK_ACTIONS]
        self.fields["bulk_action"].initial = "assign"
        self.fields["lead_department"].choices = [("", _("부서를 선택하세요")), *departments]
        self.fields["support_departments"].choices = departments
        self.fields["into"].choices = [("", _("건의과제를 선택하세요")), *merge_targets(user)]
        # The ids are checked against what the person may see when each is fired.
        self.fields["ids"].choices = [(pk, pk) for pk in row_ids]

    def clean_ids(self):
        return list(dict.fromkeys(self.cleaned_data["ids"]))

    def clean(self):
        data = super().clean()
        required = {
            "assign": ("lead_department", _("주관부서를 지정해 주세요.")),
            "refer": ("ministry", _("이관할 부처를 입력해 주세요.")),
            "merge": ("into", _("병합할 건의과제를 지정해 주세요.")),
        }
        name, message = required.get(data.get("bulk_action"), (None, None))
        if name and not data.get(name):
            self.add_error(name, message)
        return data

    def service_fields(self) -> dict:
        data = self.cleaned_data
        action = data["bulk_action"]
        fields = {"note": data.get("note", "")}
        if action == "assign":
            fields.update(
                lead_department=data["lead_department"],
                support_departments=data.get("support_departments") or [],
                due_at=data.get("due_at"),
            )
        elif action == "refer":
            fields["ministry"] = data["ministry"]
        elif action == "merge":
            fields["into"] = data["into"]
        return {k: v for k, v in fields.items() if v not in (None, "")}


class ProposalFilterForm(forms.Form):
    """The list filters, named as ``selectors.ProposalFilter`` reads them."""

    q = forms.CharField(
        label=_("검색어"),
        required=False,
        widget=forms.SearchInput,
        help_text=_("제목, 요약, 과제번호에서 찾습니다."),
    )
    status = forms.ChoiceField(label=_("상태"), required=False)
    region = forms.ChoiceField(label=_("지역"), required=False)
    category = forms.ChoiceField(label=_("분야"), required=False)
    outcome = forms.ChoiceField(label=_("검토결과"), required=False)
    department = forms.ChoiceField(label=_("부서"), required=False)
    strategy = forms.ChoiceField(label=_("정책 전략"), required=False)
    overdue = forms.BooleanField(label=_("기한 초과만 보기"), required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "filter-%s")
        super().__init__(*args, **kwargs)
        everything = [("", _("전체"))]
        self.fields["status"].choices = everything + list(ProposalStatus.choices)
        self.fields["category"].choices = everything + list(Category.choices)
        self.fields["outcome"].choices = everything + list(Outcome.choices)
        self.fields["region"].choices = everything + [
            (code, name if valid_to is None else f"{name} ({_('폐지')})")
            for code, name, valid_to in Region.objects.values_list("code", "name", "valid_to")
        ]
        self.fields["department"].choices = everything + department_choices()
        self.fields["strategy"].choices = everything + list(Strategy.objects.values_list("code", "name"))
        for name, field in self.fields.items():
            if name == "overdue":
                field.widget.attrs["value"] = "true"
            elif isinstance(field.widget, forms.Select):
                field.widget.attrs["class"] = "krds-form-select"
            else:
                field.widget.attrs["class"] = "krds-input"


class ConsultationRequestForm(KrdsFormMixin, forms.Form):
    organisation = forms.ChoiceField(
        label=_("자문기관"), error_messages={"required": _("자문을 요청할 기관을 선택해 주세요.")}
    )
    question = forms.CharField(
        label=_("질의 내용"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("질의 내용을 입력해 주세요.")},
    )
    due_at = forms.DateField(
        label=_("회신 기한"),
        required=False,
        widget=forms.DateInput(attrs=DATE_WIDGET),
        help_text=_("비워 두면 자문 회신 기준(영업일)으로 정합니다."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "consult-%s")
        super().__init__(*args, **kwargs)
        from apps.organisations.models import PartnerOrganisation

        groups: dict[str, list] = {}
        for code, name, group in PartnerOrganisation.objects.values_list("code", "name", "group__name"):
            groups.setdefault(group, []).append((code, name))
        self.fields["organisation"].choices = [("", _("기관을 선택하세요")), *groups.items()]


class ConsultationAnswerForm(KrdsFormMixin, forms.Form):
    answer = forms.CharField(
        label=_("회신 내용"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("회신 내용을 입력해 주세요.")},
    )

    def __init__(self, *args, consultation=None, **kwargs):
        if consultation is not None:
            kwargs.setdefault("auto_id", f"answer-{consultation.pk}-%s")
        super().__init__(*args, **kwargs)
