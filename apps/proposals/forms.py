"""Forms of the proposal pages. They parse and label input; every write goes through
``services`` (which hold the business rules and raise Korean ValidationErrors that the
views attach back to these forms)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Role
from apps.accounts.selectors import user_region_ids
from apps.core.forms import KrdsFormMixin, TextPolicyFormMixin
from apps.core.templatetags.site_tags import localized_name
from apps.organisations.models import Department, Region

from .models import Category, Outcome, Proposal, ProposalStatus, Strategy

DATE_WIDGET = {"type": "date", "class": "krds-input"}


def department_choices():
    """Active departments grouped by their office (실·국), as select optgroups."""
    groups: dict[str, list] = {}
    # A reference row without a code or name (a 실·국 line of molit_units.csv) is no choice.
    departments = Department.objects.filter(is_active=True).exclude(code="").exclude(name="")
    for row in departments.values("code", "name", "name_en", "name_en_verified", "office"):
        groups.setdefault(row["office"] or str(_("기타")), []).append((row["code"], localized_name(row)))
    return sorted(groups.items())


class DepartmentPicker(forms.CheckboxSelectMultiple):
    """Departments as checkboxes grouped by 실·국, with a search box that narrows them
    (static/js/site-forms.js): no Ctrl-click list of 120 names."""

    template_name = "proposals/widgets/department_picker.html"


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern); cleans to a list. Each
    file is checked by ``attachments.attachment_add`` when it is stored."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


ATTACHMENT_HELP = _("PDF, 한글(HWP·HWPX), 오피스 문서, 이미지 파일을 여러 개 올릴 수 있습니다.")


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
        # Files go up with the draft (each checked by attachments.attachment_add).
        self.fields["files"] = MultipleFileField(label=_("첨부파일"), required=False, help_text=ATTACHMENT_HELP)
        if self.instance.status == ProposalStatus.INFO_REQUESTED:
            # Resubmitting answers the info request: what was changed, for the TF to read.
            self.fields["answer"] = forms.CharField(
                label=_("보완 답변"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text=_("무엇을 어떻게 보완했는지 적어 주세요. ‘보완 후 재제출’에는 꼭 필요합니다."),
            )
            self.order_fields(["answer"])
        self.fields["category"].choices = [("", _("분야를 선택하세요")), *Category.choices]
        if self.instance.pk:
            del self.fields["region"]
        else:
            regions = Region.objects.filter(
                pk__in=user_region_ids(user, Role.REGIONAL_OFFICIAL, Role.VICE_GOVERNOR)
            ).current()
            region = self.fields["region"]
            region.queryset = regions
            region.label_from_instance = localized_name
            if len(regions) == 1:
                region.empty_label, self.initial["region"] = None, regions[0].pk
            else:
                region.empty_label = _("지역을 선택하세요")
            region.help_text = _("담당하는 지역만 고를 수 있습니다.")

    def clean(self):
        cleaned = super().clean()
        if "answer" in self.fields and self.data.get("intent") == "submit" and not cleaned.get("answer", "").strip():
            self.add_error("answer", _("보완 답변을 입력해 주세요."))
        return cleaned


class ProposalFilterForm(TextPolicyFormMixin, forms.Form):
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
            (row["code"], localized_name(row) if row["valid_to"] is None else f"{localized_name(row)} ({_('폐지')})")
            for row in Region.objects.values("code", "name", "name_en", "name_en_verified", "valid_to")
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
    file = forms.FileField(
        label=_("첨부파일(선택)"), required=False, help_text=_("PDF, 한글, 오피스 문서, 이미지 등 첨부파일과 같은 형식")
    )

    def __init__(self, *args, consultation=None, **kwargs):
        if consultation is not None:
            kwargs.setdefault("auto_id", f"answer-{consultation.pk}-%s")
        super().__init__(*args, **kwargs)
