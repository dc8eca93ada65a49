"""Serializers of the proposals API (DESIGN.md §7): one per use, input apart from output.

Input serializers only check types, lengths and codes (400 with field errors); the rules
of the workflow stay in ``services.py``. Output serializers read what the selectors
preloaded, so a list page runs the same number of queries for 3 rows as for 300.
"""

import copy

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from apps.core.api.fields import ChoiceLabelField
from apps.organisations.models import PartnerOrganisation, Region

from . import selectors, services
from .inputs import MAX_BIGINT, NOTE_MAX_LENGTH, BoundedDateField, CodeField
from .models import Attachment, Category, Consultation, Outcome, Proposal, ProposalStatus, Strategy
from .registry import FIREABLE

BODY_MAX_LENGTH = 100_000


def person_name(user) -> str | None:
    if user is None:
        return None
    return user.name or user.username


# --- proposals: input -------------------------------------------------------------------


class ProposalFieldsSerializer(serializers.Serializer):
    """The fields a region writes (``services.EDITABLE_FIELDS`` plus strategies)."""

    title = serializers.CharField(label=_("제목"), max_length=200)
    summary = serializers.CharField(label=_("요약"), max_length=2000)
    body = serializers.CharField(
        label=_("본문(마크다운)"), max_length=BODY_MAX_LENGTH, required=False, allow_blank=True, trim_whitespace=False
    )
    category = serializers.ChoiceField(label=_("분야"), choices=Category.choices)
    strategies = serializers.ListField(
        label=_("정책 전략"),
        child=CodeField(queryset=Strategy.objects.all()),
        required=False,
        max_length=20,
        help_text="정책 전략 코드 목록",
    )
    requested_action = serializers.CharField(
        label=_("요청 사항"), max_length=BODY_MAX_LENGTH, required=False, allow_blank=True
    )
    related_laws = serializers.CharField(
        label=_("관련 법령"), max_length=BODY_MAX_LENGTH, required=False, allow_blank=True
    )
    budget_estimate = serializers.IntegerField(
        label=_("소요 예산(백만원)"), min_value=0, max_value=MAX_BIGINT, required=False, allow_null=True
    )
    location = serializers.CharField(label=_("위치(시군구)"), max_length=100, required=False, allow_blank=True)
    is_public = serializers.BooleanField(label=_("공개"), required=False)

    def to_service_kwargs(self) -> dict:
        data = dict(self.validated_data)
        if "strategies" in data:
            data["strategies"] = list(dict.fromkeys(data["strategies"]))
        return data


class ProposalCreateSerializer(ProposalFieldsSerializer):
    region = CodeField(
        label=_("지역"), queryset=Region.objects.all(), help_text="지역 코드(2자리 행정표준코드, 예: `51`)"
    )


class ProposalUpdateSerializer(ProposalFieldsSerializer):
    """PATCH: every field optional; only what is sent changes."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("partial", True)
        super().__init__(*args, **kwargs)


def _action_body_fields() -> dict:
    """Every field any action takes (each optional here: which ones an action needs is its
    own input's business, checked when it is fired)."""
    fields = {}
    for spec in FIREABLE.values():
        for name, field in spec.input._declared_fields.items():
            if name not in fields:
                # A new field from the same arguments: DRF rebuilds fields from them on copy.
                kwargs = {**copy.deepcopy(field._kwargs), "required": False, "allow_null": True}
                fields[name] = field.__class__(*field._args, **kwargs)
    return fields


# The body of ``POST proposals/{id}/{action}/`` for the schema: ``note`` plus the fields
# of every action (``inputs.py``); the action's own input validates what it is sent.
ProposalActionSerializer = type(
    "ProposalActionSerializer",
    (serializers.Serializer,),
    {
        **_action_body_fields(),
        "expected_status": serializers.ChoiceField(
            choices=ProposalStatus.choices,
            required=False,
            allow_null=True,
            help_text="호출자가 본 상태. 그 사이 상태가 바뀌었으면 409",
        ),
        "__doc__": "처리 요청 본문: `note`, 작업별 필드, `expected_status`",
        "__module__": __name__,
    },
)


# --- proposals: output ------------------------------------------------------------------


class ProposalListSerializer(serializers.ListSerializer):
    def to_representation(self, data):
        proposals = list(data)
        selectors.attach_related_codes(proposals)
        return super().to_representation(proposals)


class ProposalSerializer(serializers.ModelSerializer):
    """A proposal as the caller may see it. ``decision_reasons`` (internal) appears only for
    people with ``proposals.view_internal_notes``; ``available_actions`` lists what the
    caller may fire now."""

    body_html = serializers.SerializerMethodField(help_text="본문을 안전한 HTML로 변환한 것")
    region = serializers.SlugRelatedField(slug_field="code", read_only=True, help_text="지역 코드")
    region_name = serializers.CharField(source="region.name", read_only=True)
    category_label = ChoiceLabelField(Proposal._meta.get_field("category"))
    strategies = serializers.ListField(
        child=serializers.CharField(), source="strategy_codes", read_only=True, help_text="정책 전략 코드"
    )
    status_label = ChoiceLabelField(Proposal._meta.get_field("status"))
    # Blank until decided: the schema says so (an enum value or "").
    outcome = serializers.ChoiceField(choices=Outcome.choices, allow_blank=True, read_only=True, label=_("검토결과"))
    outcome_label = ChoiceLabelField(Proposal._meta.get_field("outcome"))
    lead_department = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True, help_text="주관부서 코드"
    )
    support_departments = serializers.ListField(
        child=serializers.CharField(), source="support_department_codes", read_only=True, help_text="협조부서 코드"
    )
    is_overdue = serializers.BooleanField(read_only=True, help_text="처리기한 초과 여부")
    is_due_soon = serializers.BooleanField(read_only=True, help_text="처리기한 3영업일 이내 여부")
    merged_into = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True, help_text="병합된 건의과제 id")
    available_actions = serializers.SerializerMethodField(help_text="호출자가 지금 할 수 있는 작업(액션 이름)")
    # Not read-only on purpose: the schema then shows it as optional, which it is.
    decision_reasons = serializers.CharField(
        required=False, help_text="검토 의견(내부). `proposals.view_internal_notes` 권한이 있을 때만 포함"
    )

    class Meta:
        model = Proposal
        list_serializer_class = ProposalListSerializer
        fields = [
            "id",
            "reference",
            "title",
            "summary",
            "body",
            "body_html",
            "region",
            "region_name",
            "category",
            "category_label",
            "strategies",
            "requested_action",
            "related_laws",
            "budget_estimate",
            "location",
            "status",
            "status_label",
            "lead_department",
            "support_departments",
            "due_at",
            "is_overdue",
            "is_due_soon",
            "is_public",
            "outcome",
            "outcome_label",
            "decision_summary",
            "decision_reasons",
            "planned_for",
            "rereview_at",
            "referred_ministry",
            "merged_into",
            "progress",
            "submitted_at",
            "decided_at",
            "created_at",
            "updated_at",
            "available_actions",
        ]
        read_only_fields = [name for name in fields if name != "decision_reasons"]

    def get_body_html(self, proposal) -> str:
        return proposal.body_as_html()

    def get_available_actions(self, proposal) -> list[str]:
        return services.available_actions(self.context["request"].user, proposal)

    def to_representation(self, proposal):
        if not hasattr(proposal, "strategy_codes"):  # a single proposal; a page reads its codes at once
            selectors.attach_related_codes([proposal])
        data = super().to_representation(proposal)
        if not self.context["request"].user.has_perm("proposals.view_internal_notes", proposal):
            data.pop("decision_reasons", None)
        return data


class ProposalEventSerializer(serializers.Serializer):
    """One line of the timeline, as ``timeline.timeline_for`` cut it for the caller:
    ``note`` is null when the caller may not read it; ``payload`` holds only the keys the
    caller's audience may read (the same policy as the web page)."""

    id = serializers.IntegerField(source="event.pk", read_only=True)
    action = serializers.CharField(read_only=True)
    actor = serializers.SerializerMethodField(help_text="행위자 이름 (자동 처리는 null)")
    # Plain strings: the same for actions that keep the state (``consult``, ``extend`` …).
    from_status = serializers.CharField(source="event.from_status", read_only=True, help_text="이전 상태 코드")
    to_status = serializers.CharField(source="event.to_status", read_only=True, help_text="이후 상태 코드")
    note = serializers.CharField(read_only=True, allow_null=True, help_text="메모. 볼 권한이 없는 메모는 null")
    payload = serializers.DictField(read_only=True, help_text="호출자가 볼 수 있는 항목만")
    is_public = serializers.BooleanField(source="event.is_public", read_only=True)
    created_at = serializers.DateTimeField(source="event.created_at", read_only=True)

    def get_actor(self, entry) -> str | None:
        return person_name(entry.event.actor)


# --- attachments --------------------------------------------------------------------------


class AttachmentUploadSerializer(serializers.Serializer):
    file = serializers.FileField(label=_("파일"), allow_empty_file=False, use_url=False)


class AttachmentSerializer(serializers.ModelSerializer):
    uploaded_by = serializers.SerializerMethodField(help_text="등록자 이름")
    download_url = serializers.SerializerMethodField(help_text="내려받기 주소 (건의과제를 볼 수 있는 사람만 열림)")

    class Meta:
        model = Attachment
        fields = ["id", "original_name", "content_type", "size", "uploaded_by", "created_at", "download_url"]
        read_only_fields = fields

    def get_uploaded_by(self, attachment) -> str | None:
        return person_name(attachment.uploaded_by)

    def get_download_url(self, attachment) -> str | None:
        try:
            return reverse(
                "proposal-attachment-download",
                kwargs={"proposal_id": attachment.proposal_id, "attachment_id": attachment.pk},
            )
        except NoReverseMatch:  # the download view is not wired into this URLconf
            return None


# --- consultations ------------------------------------------------------------------------


class ConsultationCreateSerializer(serializers.Serializer):
    proposal = serializers.IntegerField(label=_("건의과제"), min_value=1, max_value=MAX_BIGINT, help_text="건의과제 id")
    organisation = CodeField(
        label=_("자문기관"), queryset=PartnerOrganisation.objects.all(), help_text="협력기관 코드(예: `KRIHS`)"
    )
    question = serializers.CharField(label=_("질의 내용"), max_length=NOTE_MAX_LENGTH)
    due_at = BoundedDateField(label=_("회신 기한"), required=False, allow_null=True)


class ConsultationRespondSerializer(serializers.Serializer):
    answer = serializers.CharField(label=_("회신 내용"), max_length=NOTE_MAX_LENGTH)


class ConsultedProposalSerializer(serializers.ModelSerializer):
    """What a consulted organisation sees of the proposal: no more than this."""

    class Meta:
        model = Proposal
        fields = ["id", "reference", "title", "summary"]
        read_only_fields = fields


class ConsultationSerializer(serializers.ModelSerializer):
    """``question`` and ``answer`` are null for people who see the proposal but neither
    belong to the consulted organisation nor may read internal notes (e.g. the region)."""

    proposal = ConsultedProposalSerializer(read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="code", read_only=True, help_text="협력기관 코드")
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    requested_by = serializers.SerializerMethodField(help_text="요청자 이름")
    answered_by = serializers.SerializerMethodField(help_text="회신자 이름")
    question = serializers.SerializerMethodField(help_text="질의 내용")
    answer = serializers.SerializerMethodField(help_text="회신 내용")
    can_respond = serializers.SerializerMethodField(help_text="호출자가 회신할 수 있는지 여부")

    class Meta:
        model = Consultation
        fields = [
            "id",
            "proposal",
            "organisation",
            "organisation_name",
            "question",
            "due_at",
            "state",
            "state_label",
            "requested_by",
            "answer",
            "answered_by",
            "created_at",
            "answered_at",
            "can_respond",
        ]
        read_only_fields = fields

    def _may_read(self, consultation) -> bool:
        user = self.context["request"].user
        return user.has_perm("proposals.view_consultation", consultation) or user.has_perm(
            "proposals.view_internal_notes", consultation.proposal
        )

    def get_question(self, consultation) -> str | None:
        return consultation.question if self._may_read(consultation) else None

    def get_answer(self, consultation) -> str | None:
        return consultation.answer if self._may_read(consultation) else None

    def get_requested_by(self, consultation) -> str | None:
        return person_name(consultation.requested_by)

    def get_answered_by(self, consultation) -> str | None:
        return person_name(consultation.answered_by)

    def get_can_respond(self, consultation) -> bool:
        user = self.context["request"].user
        return consultation.accepts_replies and user.has_perm("proposals.respond_consultation", consultation)
