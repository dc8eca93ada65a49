"""The typed input of each proposal action: one serializer per action.

``services.proposal_fire`` validates what it is given (from a web form, an API body,
the demo or a cluster action) with the action's input before anything changes, so every
surface gets the same Korean field errors. Checks that need the proposal as it is now
(the current due date, the merge target) read it from the context: ``proposal`` (the
locked row), ``actor``, ``now`` and ``spec`` (the action's registry record).
"""

import datetime

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from apps.core.hangul import with_particle
from apps.organisations.models import Department, PartnerOrganisation

from .models import OPEN_STATUSES, Consultation, Milestone, MilestoneKind, Outcome, Proposal

# The largest value a 64-bit signed integer column holds: anything above is a 400, never an overflow.
MAX_BIGINT = 2**63 - 1
NOTE_MAX_LENGTH = 20_000


class CodeField(serializers.SlugRelatedField):
    """A related object given by its stable ``code`` (or the object itself, from Python
    callers); unknown or malformed codes are field errors."""

    default_error_messages = {
        "does_not_exist": _("알 수 없는 코드입니다: {value}"),
        "invalid": _("코드 형식이 올바르지 않습니다."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("slug_field", "code")
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        model = self.get_queryset().model
        if isinstance(data, model):
            return data
        # A NUL byte cannot reach PostgreSQL (the driver raises ValueError); no code holds one.
        if not isinstance(data, str | int) or isinstance(data, bool) or "\x00" in str(data) or len(str(data)) > 100:
            self.fail("invalid")
        return super().to_internal_value(str(data))


EARLIEST_DATE = datetime.date(2000, 1, 1)
LATEST_DATE = datetime.date(2100, 12, 31)


class BoundedDateField(serializers.DateField):
    """A date between 2000-01-01 and 2100-12-31: a deadline or a plan in year 9999 is a
    typing slip, refused with a Korean field error, never stored."""

    def to_internal_value(self, value):
        date = super().to_internal_value(value)
        if not EARLIEST_DATE <= date <= LATEST_DATE:
            raise serializers.ValidationError(
                _("%(earliest)s부터 %(latest)s 사이의 날짜를 입력해 주세요.")
                % {"earliest": EARLIEST_DATE.isoformat(), "latest": LATEST_DATE.isoformat()},
                code="date_out_of_range",
            )
        return date


def required(message):
    return {"required": message, "null": message, "blank": message}


class ActionInput(serializers.Serializer):
    """``note`` — the reason, required where the action's record names a note label."""

    note = serializers.CharField(
        label=_("메모·사유"), max_length=NOTE_MAX_LENGTH, required=False, allow_blank=True, default=""
    )

    @property
    def today(self) -> datetime.date:
        return timezone.localdate(self.context["now"])

    def validate(self, attrs):
        attrs["note"] = (attrs.get("note") or "").strip()
        spec = self.context["spec"]
        if spec.note_label and not attrs["note"]:
            raise serializers.ValidationError(
                {"note": _("%(label)s 입력해 주세요.") % {"label": with_particle(str(spec.note_label), "을/를")}}
            )
        return attrs


class AssignInput(ActionInput):
    lead_department = CodeField(
        label=_("주관부서"),
        queryset=Department.objects.all(),
        help_text="부서 코드",
        error_messages=required(_("주관부서를 지정해 주세요.")),
    )
    support_departments = serializers.ListField(
        label=_("협조부서"),
        child=CodeField(queryset=Department.objects.all()),
        required=False,
        allow_null=True,
        max_length=50,
        help_text="부서 코드 목록",
    )
    due_at = BoundedDateField(label=_("처리기한"), required=False, allow_null=True)

    def validate(self, attrs):
        attrs = super().validate(attrs)
        support = list(dict.fromkeys(attrs.get("support_departments") or []))
        if attrs["lead_department"] in support:
            raise serializers.ValidationError({"support_departments": _("주관부서는 협조부서가 될 수 없습니다.")})
        attrs["support_departments"] = support
        if attrs.get("due_at") and attrs["due_at"] < self.today:
            raise serializers.ValidationError({"due_at": _("처리기한은 오늘 이후여야 합니다.")})
        return attrs


class DecideInput(ActionInput):
    outcome = serializers.ChoiceField(
        label=_("검토결과"), choices=Outcome.choices, error_messages=required(_("검토결과를 선택해 주세요."))
    )
    decision_summary = serializers.CharField(
        label=_("검토결과 요지(공개)"), max_length=NOTE_MAX_LENGTH, required=False, allow_blank=True, allow_null=True
    )
    planned_for = BoundedDateField(label=_("추진 예정일"), required=False, allow_null=True)

    def validate(self, attrs):
        attrs = super().validate(attrs)
        outcome = attrs["outcome"]
        attrs["decision_summary"] = (attrs.get("decision_summary") or "").strip()
        if outcome in (Outcome.NOT_ACCEPTED, Outcome.LONG_TERM) and not attrs["decision_summary"]:
            raise serializers.ValidationError(
                {"decision_summary": _("수용곤란·중장기검토는 공개 검토결과 요지에 사유를 적어야 합니다.")}
            )
        if outcome in (Outcome.ACCEPTED, Outcome.PARTIALLY_ACCEPTED):
            if not attrs.get("planned_for"):
                raise serializers.ValidationError({"planned_for": _("수용 과제는 추진 예정일이 필요합니다.")})
        else:
            attrs["planned_for"] = None
        return attrs


class StartFollowupInput(ActionInput):
    planned_for = BoundedDateField(label=_("추진 예정일"), required=False, allow_null=True)


class UpdateFollowupInput(ActionInput):
    progress = serializers.IntegerField(
        label=_("추진률(%)"),
        min_value=0,
        max_value=100,
        error_messages={
            **required(_("추진률(0~100)을 입력해 주세요.")),
            "invalid": _("추진률은 0~100 사이의 정수여야 합니다."),
            "min_value": _("추진률은 0~100 사이의 정수여야 합니다."),
            "max_value": _("추진률은 0~100 사이의 정수여야 합니다."),
            "max_string_length": _("추진률은 0~100 사이의 정수여야 합니다."),
        },
    )
    milestone = serializers.CharField(
        label=_("추진 단계"), max_length=500, required=False, allow_blank=True, allow_null=True
    )


class ReferInput(ActionInput):
    ministry = serializers.CharField(
        label=_("이관 부처"), max_length=100, error_messages=required(_("이관할 부처를 입력해 주세요."))
    )


class MergeInput(ActionInput):
    # ``fire`` locks the proposals these fields name together with the proposal, by id.
    locks_proposals = ("into",)

    into = serializers.IntegerField(
        label=_("병합 대상"),
        min_value=1,
        max_value=MAX_BIGINT,
        help_text="건의과제 id",
        error_messages={
            **required(_("병합할 건의과제를 지정해 주세요.")),
            "invalid": _("병합할 건의과제를 찾을 수 없습니다."),
            "min_value": _("병합할 건의과제를 찾을 수 없습니다."),
            "max_value": _("병합할 건의과제를 찾을 수 없습니다."),
        },
    )

    def validate_into(self, value) -> Proposal:
        target = Proposal.objects.filter(pk=value).first()
        if target is None or not self.context["actor"].has_perm("proposals.view_proposal", target):
            raise serializers.ValidationError(_("병합할 건의과제를 찾을 수 없습니다."))
        if target.pk == self.context["proposal"].pk:
            raise serializers.ValidationError(_("자기 자신에게 병합할 수 없습니다."))
        if target.status not in OPEN_STATUSES:
            if target.merged_into_id:
                from .services.events import TransitionConflict  # the registry imports this module

                # Merged away a moment ago (two people merging into each other): the state
                # changed under the person, a conflict like any stale page (409).
                raise TransitionConflict(_("병합 대상이 방금 다른 건의과제에 병합되었습니다. 화면을 새로 고쳐 주세요."))
            raise serializers.ValidationError(_("병합 대상은 접수된 진행 중인 건의과제여야 합니다."))
        return target


class ExtendInput(ActionInput):
    due_at = BoundedDateField(label=_("새 처리기한"), error_messages=required(_("새 처리기한을 입력해 주세요.")))

    def validate_due_at(self, value):
        current = self.context["proposal"].due_at
        if current and value <= current:
            raise serializers.ValidationError(_("새 처리기한은 현재 기한보다 늦어야 합니다."))
        return value


class ConsultInput(ActionInput):
    organisation = CodeField(
        label=_("자문기관"),
        queryset=PartnerOrganisation.objects.all(),
        help_text="협력기관 코드(예: `KRIHS`)",
        error_messages=required(_("자문을 요청할 기관을 선택해 주세요.")),
    )
    question = serializers.CharField(
        label=_("질의 내용"), max_length=NOTE_MAX_LENGTH, error_messages=required(_("질의 내용을 입력해 주세요."))
    )
    due_at = BoundedDateField(label=_("회신 기한"), required=False, allow_null=True)

    def validate(self, attrs):
        attrs = super().validate(attrs)
        attrs["question"] = attrs["question"].strip()
        if not attrs["question"]:
            raise serializers.ValidationError({"question": _("질의 내용을 입력해 주세요.")})
        # The question is what the timeline shows of a consultation.
        attrs["note"] = attrs["question"]
        if attrs.get("due_at") and attrs["due_at"] < self.today:
            raise serializers.ValidationError({"due_at": _("회신 기한은 오늘 이후여야 합니다.")})
        return attrs


class AddMilestoneInput(ActionInput):
    """A step of the follow-up plan; ``note`` is its public note (the timeline's too)."""

    title = serializers.CharField(
        label=_("단계명"), max_length=200, error_messages=required(_("추진 단계명을 입력해 주세요."))
    )
    kind = serializers.ChoiceField(label=_("종류"), choices=MilestoneKind.choices, required=False, allow_null=True)
    department = CodeField(
        label=_("담당부서"),
        queryset=Department.objects.all(),
        required=False,
        allow_null=True,
        help_text="부서 코드(없으면 주관부서)",
    )
    planned_for = BoundedDateField(label=_("예정일"), error_messages=required(_("예정일을 입력해 주세요.")))

    def validate(self, attrs):
        attrs = super().validate(attrs)
        attrs["title"] = attrs["title"].strip()
        if not attrs["title"]:
            raise serializers.ValidationError({"title": _("추진 단계명을 입력해 주세요.")})
        attrs["kind"] = attrs.get("kind") or MilestoneKind.OTHER
        return attrs


class UpdateMilestoneInput(ActionInput):
    """Only what is sent changes: a note left out keeps the public note."""

    milestone = serializers.IntegerField(
        label=_("추진 단계"),
        min_value=1,
        max_value=MAX_BIGINT,
        help_text="추진 단계 id",
        error_messages={
            **required(_("추진 단계를 지정해 주세요.")),
            "invalid": _("추진 단계를 찾을 수 없습니다."),
            "min_value": _("추진 단계를 찾을 수 없습니다."),
            "max_value": _("추진 단계를 찾을 수 없습니다."),
        },
    )
    done_on = BoundedDateField(label=_("완료일"), required=False, allow_null=True)
    progress = serializers.IntegerField(
        label=_("진행률(%)"),
        min_value=0,
        max_value=100,
        required=False,
        allow_null=True,
        error_messages={
            "invalid": _("진행률은 0~100 사이의 정수여야 합니다."),
            "min_value": _("진행률은 0~100 사이의 정수여야 합니다."),
            "max_value": _("진행률은 0~100 사이의 정수여야 합니다."),
            "max_string_length": _("진행률은 0~100 사이의 정수여야 합니다."),
        },
    )

    def validate_milestone(self, value):
        milestone = Milestone.objects.filter(pk=value, proposal=self.context["proposal"]).first()
        if milestone is None:
            raise serializers.ValidationError(_("추진 단계를 찾을 수 없습니다."))
        return milestone

    def validate(self, attrs):
        attrs = super().validate(attrs)
        attrs["note_given"] = "note" in self.initial_data
        if attrs.get("done_on") and attrs["done_on"] > self.today:
            raise serializers.ValidationError({"done_on": _("완료일은 오늘이나 그 이전이어야 합니다.")})
        if not attrs["note_given"] and attrs.get("done_on") is None and attrs.get("progress") is None:
            raise serializers.ValidationError({"done_on": _("완료일, 진행률 또는 메모 중 하나를 입력해 주세요.")})
        return attrs


class CloseConsultationInput(ActionInput):
    consultation = serializers.IntegerField(
        label=_("자문·의견조회"),
        min_value=1,
        max_value=MAX_BIGINT,
        help_text="자문·의견조회 id",
        error_messages={
            **required(_("종결할 자문을 지정해 주세요.")),
            "invalid": _("자문을 찾을 수 없습니다."),
            "min_value": _("자문을 찾을 수 없습니다."),
            "max_value": _("자문을 찾을 수 없습니다."),
        },
    )

    def validate_consultation(self, value):
        consultation = Consultation.objects.filter(pk=value, proposal=self.context["proposal"]).first()
        if consultation is None:
            raise serializers.ValidationError(_("자문을 찾을 수 없습니다."))
        if not consultation.accepts_replies:
            from .services.events import TransitionConflict  # the registry imports this module

            raise TransitionConflict(_("이미 종결된 자문입니다."))
        return consultation


class RateInput(ActionInput):
    """만족도 (1–5); ``note`` is the region's public comment."""

    score = serializers.IntegerField(
        label=_("만족도(1~5)"),
        min_value=1,
        max_value=5,
        error_messages={
            **required(_("만족도(1~5)를 골라 주세요.")),
            "invalid": _("만족도는 1~5 사이의 정수여야 합니다."),
            "min_value": _("만족도는 1~5 사이의 정수여야 합니다."),
            "max_value": _("만족도는 1~5 사이의 정수여야 합니다."),
            "max_string_length": _("만족도는 1~5 사이의 정수여야 합니다."),
        },
    )


class EvaluateInput(ActionInput):
    """성과 평가; ``note`` is what changed (required)."""

    indicator = serializers.CharField(
        label=_("성과 지표"), max_length=200, error_messages=required(_("성과 지표를 입력해 주세요."))
    )
    value = serializers.CharField(
        label=_("지표 값"), max_length=100, error_messages=required(_("지표 값을 입력해 주세요."))
    )
    source = serializers.CharField(label=_("출처"), max_length=300, error_messages=required(_("출처를 입력해 주세요.")))

    def validate(self, attrs):
        attrs = super().validate(attrs)
        for name in ("indicator", "value", "source"):
            attrs[name] = attrs[name].strip()
            if not attrs[name]:
                raise serializers.ValidationError({name: _("내용을 입력해 주세요.")})
        return attrs


def as_django_error(error: serializers.ValidationError) -> DjangoValidationError:
    """DRF's field errors as Django's, which views attach to forms and the API answers as 400."""
    detail = error.detail if isinstance(error.detail, dict) else {"__all__": error.detail}
    return DjangoValidationError({name: _flatten(messages) for name, messages in detail.items()})


def _flatten(messages) -> list[str]:
    if isinstance(messages, dict):
        return [text for value in messages.values() for text in _flatten(value)]
    if isinstance(messages, list | tuple):
        return [text for value in messages for text in _flatten(value)]
    return [str(messages)]
