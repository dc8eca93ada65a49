"""Forms of the meeting and forum pages. They only read and check input; the services
write. Labels and errors are Korean; every field renders through ``partials/form_field.html``."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Membership, Role, User
from apps.core.forms import TextPolicyFormMixin
from apps.organisations.models import Body, Region
from apps.proposals.models import Proposal, Strategy
from apps.proposals.pickers import REFERENCE, ProposalReferenceField
from apps.proposals.selectors import proposal_list

from .models import AgendaOutcome, ForumTopic, Meeting, MeetingStatus, Rsvp
from .selectors import topic_list

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"]


def strategies_field() -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=_("관련 정책 전략"),
        queryset=Strategy.objects.all(),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


def text_input(**attrs):
    return forms.TextInput(attrs={"class": "krds-input", **attrs})


def textarea(rows=6, **attrs):
    return forms.Textarea(attrs={"class": "krds-input", "rows": rows, **attrs})


def select(**attrs):
    return forms.Select(attrs={"class": "krds-form-select", **attrs})


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(attrs={"class": "krds-input"}, format="%Y-%m-%dT%H:%M", **kwargs)


def chair_candidates():
    """People who chair meetings: the minister (forum) and the 국토도시실장·국토정책관 (TF lead)."""
    ids = Membership.objects.current().filter(role__in=(Role.FORUM_CHAIR, Role.TF_LEAD)).values("user_id")
    return User.objects.filter(pk__in=ids, is_active=True).order_by("name", "username")


class MeetingForm(TextPolicyFormMixin, forms.ModelForm):
    body = forms.ModelChoiceField(
        label=_("기구"),
        queryset=Body.objects.filter(code__in=["forum", "regional_council", "tf", "planning_group", "support_group"]),
        to_field_name="code",
        widget=select(),
    )
    region = forms.ModelChoiceField(
        label=_("개최 지역"),
        queryset=Region.objects.current(),
        to_field_name="code",
        required=False,
        widget=select(),
        help_text=_("지역협의회는 필수입니다."),
    )
    chair = forms.ModelChoiceField(
        label=_("의장(주재)"), queryset=User.objects.none(), to_field_name="username", required=False, widget=select()
    )
    starts_at = forms.DateTimeField(label=_("시작 일시"), input_formats=DATETIME_FORMATS, widget=DateTimeLocalInput())
    ends_at = forms.DateTimeField(label=_("종료 일시"), input_formats=DATETIME_FORMATS, widget=DateTimeLocalInput())

    class Meta:
        model = Meeting
        fields = [
            "body", "title", "region", "starts_at", "ends_at", "place", "address", "chair", "chair_title", "summary",
            "is_public",
        ]  # fmt: skip
        widgets = {
            "title": text_input(),
            "place": text_input(),
            "address": text_input(),
            "chair_title": text_input(),
            "summary": textarea(5),
        }

    def __init__(self, *args, **kwargs):
        self.initial_overrides = kwargs.get("initial") or {}
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = chair_candidates()
        self.fields["chair"].label_from_instance = (
            lambda user: f"{user.get_full_name()} ({user.position or user.username})"
        )
        if self.instance.pk:
            # The body of an existing meeting stays (its agenda and invitations depend on it).
            self.fields.pop("body")
            # These choices are keyed by code and username, the instance's initial values by
            # pk: without this the edit form showed neither and refused to save a council meeting.
            if self.instance.region_id and "region" not in self.initial_overrides:
                self.initial["region"] = self.instance.region.code
            if self.instance.chair_id and "chair" not in self.initial_overrides:
                self.initial["chair"] = self.instance.chair.username

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("종료 일시는 시작 일시보다 늦어야 합니다."))
        return cleaned

    def _post_clean(self):
        # The services validate the model (full_clean); the form only checks its fields.
        pass

    def service_fields(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name != "body"}


class CancelForm(TextPolicyFormMixin, forms.Form):
    reason = forms.CharField(label=_("취소 사유"), max_length=2000, widget=textarea(3))


class MinutesForm(TextPolicyFormMixin, forms.Form):
    minutes = forms.CharField(
        label=_("회의록"),
        max_length=50000,
        required=False,
        widget=textarea(16),
        help_text=_("마크다운으로 씁니다. 공개 전까지는 회의 관리자만 봅니다."),
    )


class RsvpForm(TextPolicyFormMixin, forms.Form):
    rsvp = forms.ChoiceField(
        label=_("참석 여부"),
        choices=[(value, label) for value, label in Rsvp.choices if value != Rsvp.PENDING],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("메모(선택)"), max_length=300, required=False, widget=text_input())


class AttendanceForm(TextPolicyFormMixin, forms.Form):
    attended = forms.TypedMultipleChoiceField(
        label=_("출석자"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, invitations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = [
            (
                invitation.pk,
                f"{invitation.person.get_full_name()} ({invitation.capacity or invitation.person.username})",
            )
            for invitation in invitations
        ]
        if not self.is_bound:
            self.initial["attended"] = [invitation.pk for invitation in invitations if invitation.attended]


USERNAME_SPLIT = re.compile(r"[\s,;]+")


class InviteForm(TextPolicyFormMixin, forms.Form):
    usernames = forms.CharField(
        label=_("아이디"),
        max_length=2000,
        widget=text_input(autocomplete="off"),
        help_text=_("쉼표나 띄어쓰기로 여러 명을 적을 수 있습니다(예: vg-51, tf1)."),
    )
    capacity = forms.CharField(label=_("자격(선택)"), max_length=80, required=False, widget=text_input())

    def clean_usernames(self):
        names = [name.lstrip("@") for name in USERNAME_SPLIT.split(self.cleaned_data["usernames"]) if name]
        if not names:
            raise ValidationError(_("초대할 사람의 아이디를 입력해 주세요."))
        if len(names) > 100:
            raise ValidationError(_("한 번에 100명까지 초대할 수 있습니다."))
        people = {user.username: user for user in User.objects.filter(username__in=names, is_active=True)}
        unknown = [name for name in names if name not in people]
        if unknown:
            raise ValidationError(_("없는 아이디입니다: %(names)s") % {"names": ", ".join(unknown[:10])})
        return [people[name] for name in dict.fromkeys(names)]


class AgendaItemForm(TextPolicyFormMixin, forms.Form):
    proposal = ProposalReferenceField(label=_("건의과제 과제번호"), required=False)
    topic = forms.ModelChoiceField(
        label=_("포럼 의제"), queryset=ForumTopic.objects.none(), required=False, widget=select()
    )
    title = forms.CharField(
        label=_("안건명"),
        max_length=200,
        required=False,
        widget=text_input(),
        help_text=_("건의과제나 의제를 고르면 비워 두어도 됩니다."),
    )
    description = forms.CharField(label=_("설명(선택)"), max_length=5000, required=False, widget=textarea(3))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposal"].rows = proposal_list(user).prefetch_related(None)
        self.fields["topic"].queryset = (
            topic_list(user).filter(status="open") if user is not None else ForumTopic.objects.none()
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("proposal") and cleaned.get("topic"):
            raise ValidationError(_("건의과제와 포럼 의제 중 하나만 지정해 주세요."))
        if not (cleaned.get("proposal") or cleaned.get("topic") or cleaned.get("title")) and not self.errors:
            raise ValidationError(_("안건명을 입력하거나 건의과제·포럼 의제를 지정해 주세요."))
        return cleaned


class OutcomeForm(TextPolicyFormMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("논의 결과"), choices=AgendaOutcome.choices, widget=select())
    note = forms.CharField(label=_("결과 내용"), max_length=5000, widget=textarea(3))


class MonthForm(TextPolicyFormMixin, forms.Form):
    month = forms.RegexField(
        regex=r"^\d{4}-(0[1-9]|1[0-2])$",
        required=False,
        error_messages={"invalid": _("월은 YYYY-MM 형식(예: 2026-09)으로 입력해 주세요.")},
    )

    def clean_month(self):
        value = self.cleaned_data.get("month")
        if value and not 1900 <= int(value[:4]) <= 2200:
            raise ValidationError(_("1900년부터 2200년 사이의 월만 볼 수 있습니다."))
        return value

    def year_month(self) -> tuple[int, int]:
        value = getattr(self, "cleaned_data", {}).get("month")
        if not value:
            today = timezone.localdate()
            return today.year, today.month
        year, month = (int(part) for part in value.split("-"))
        return year, month


PERIODS = [("", _("전체")), ("upcoming", _("예정된 회의")), ("past", _("지난 회의"))]


class MeetingFilterForm(TextPolicyFormMixin, forms.Form):
    body = forms.ChoiceField(label=_("기구"), required=False, widget=select())
    region = forms.ChoiceField(label=_("지역"), required=False, widget=select())
    status = forms.ChoiceField(
        label=_("상태"), required=False, choices=[("", _("전체")), *MeetingStatus.choices], widget=select()
    )
    period = forms.ChoiceField(label=_("기간"), required=False, choices=PERIODS, widget=select())
    q = forms.CharField(label=_("검색어"), required=False, max_length=100, widget=text_input(type="search"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = [("", _("전체")), *Body.objects.values_list("code", "name")]
        self.fields["region"].choices = [("", _("전체")), *Region.objects.values_list("code", "name")]


class TopicForm(TextPolicyFormMixin, forms.ModelForm):
    strategies = strategies_field()

    class Meta:
        model = ForumTopic
        fields = ["title", "body", "forum_only", "strategies"]
        widgets = {"title": text_input(), "body": textarea(10)}

    def _post_clean(self):
        pass


class TableProposalForm(TextPolicyFormMixin, forms.Form):
    proposal = ProposalReferenceField(label=_("건의과제 과제번호"))
    reason = forms.CharField(
        label=_("부의 사유"),
        max_length=5000,
        widget=textarea(4),
        help_text=_("예: 관계부처 협의가 필요해 포럼 논의를 요청합니다."),
    )
    forum_only = forms.BooleanField(label=_("포럼 전용(비공개)으로 논의"), required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposal"].rows = proposal_list(user).prefetch_related(None)


class ProposalReferencesField(forms.CharField):
    """Several proposals by reference, separated by commas or spaces."""

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        kwargs.setdefault("max_length", 2000)
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", text_input(placeholder="2026-51-0007, 2026-26-0003", autocomplete="off"))
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value) or ""
        references = [part for part in USERNAME_SPLIT.split(value) if part]
        if len(references) > 50:
            raise ValidationError(_("한 번에 50건까지 연결할 수 있습니다."))
        bad = [ref for ref in references if not REFERENCE.match(ref)]
        if bad:
            raise ValidationError(_("과제번호 형식이 아닙니다: %(refs)s") % {"refs": ", ".join(bad[:5])})
        return list(dict.fromkeys(references))


class RecommendationForm(TextPolicyFormMixin, forms.Form):
    title = forms.CharField(label=_("권고 제목"), max_length=200, widget=text_input())
    body = forms.CharField(label=_("권고 내용"), max_length=20000, widget=textarea(8))
    adopted_on = forms.DateField(
        label=_("권고일"), widget=forms.DateInput(attrs={"class": "krds-input", "type": "date"}, format="%Y-%m-%d")
    )
    topic = forms.ModelChoiceField(label=_("의제"), queryset=ForumTopic.objects.none(), required=False, widget=select())
    meeting = forms.ModelChoiceField(
        label=_("의결 회의"), queryset=Meeting.objects.none(), required=False, widget=select()
    )
    proposals = ProposalReferencesField(
        label=_("관련 건의과제"),
        help_text=_("과제번호를 쉼표로 구분해 적습니다. 의제에 연결된 과제는 자동으로 포함하지 않습니다."),
    )
    strategies = strategies_field()

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["topic"].queryset = topic_list(user)
        self.fields["meeting"].queryset = Meeting.objects.filter(body__code="forum").exclude(
            status__in=[MeetingStatus.DRAFTED, MeetingStatus.CANCELLED]
        )

    def clean(self):
        cleaned = super().clean()
        references = cleaned.get("proposals") or []
        if references:
            topic = cleaned.get("topic")
            visible = proposal_list(self.user).prefetch_related(None)
            allowed = Q(pk__in=visible.values("pk"))
            if topic is not None:
                allowed |= Q(forum_topics=topic)
            found = {p.reference: p for p in Proposal.objects.filter(allowed, reference__in=references).distinct()}
            missing = [ref for ref in references if ref not in found]
            if missing:
                self.add_error(
                    "proposals", _("찾을 수 없는 건의과제입니다: %(refs)s") % {"refs": ", ".join(missing[:5])}
                )
            cleaned["proposal_objects"] = [found[ref] for ref in references if ref in found]
        else:
            cleaned["proposal_objects"] = []
        return cleaned
