"""Serializers of the proposals API (DESIGN.md §7): one per use, input apart from output.

Input serializers only check types, lengths and codes (400 with field errors); the rules
of the workflow stay in ``services.py``. Output serializers read what the selectors
preloaded, so a list page runs the same number of queries for 3 rows as for 300.
"""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from apps.core.markdown import render_markdown
from apps.organisations.models import Department, PartnerOrganisation, Region

from . import services
from .models import Attachment, Category, Consultation, Outcome, Proposal, ProposalEvent, Strategy

# The largest value a 64-bit signed integer column holds: anything above is a 400, never an overflow.
MAX_BIGINT = 2**63 - 1
NOTE_MAX_LENGTH = 20_000
BODY_MAX_LENGTH = 100_000

# Notes a person without ``proposals.view_internal_notes`` may read: those written by the
# region itself, and those the ministry addresses to the region (what to supplement, why
# the deadline moved, why an appeal was upheld). Every other note is another body's
# internal note (DESIGN.md §2) — notably ``decide``, whose note is the internal
# ``decision_reasons``; its public part is ``decision_summary``.
REGION_VISIBLE_NOTE_ACTIONS = frozenset(
    {"create", "update", "submit", "resubmit", "withdraw", "appeal", "return", "endorse",
     "request_info", "extend", "uphold", "rereview", "meeting_outcome", "forum_tabled", "forum_recommendation"}
)  # fmt: skip


def person_name(user) -> str | None:
    if user is None:
        return None
    return user.name or user.username


class CodeField(serializers.SlugRelatedField):
    """A related object given by its stable ``code``; unknown or malformed codes are 400."""

    default_error_messages = {
        "does_not_exist": _("알 수 없는 코드입니다: {value}"),
        "invalid": _("코드 형식이 올바르지 않습니다."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("slug_field", "code")
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        # A NUL byte cannot reach PostgreSQL (the driver raises ValueError); no code holds one.
        if not isinstance(data, str | int) or isinstance(data, bool) or "\x00" in str(data) or len(str(data)) > 100:
            self.fail("invalid")
        return super().to_internal_value(str(data))


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


class ProposalActionSerializer(serializers.Serializer):
    """The body of ``POST proposals/{id}/{action}/``: ``note`` plus the fields the action uses."""

    note = serializers.CharField(
        label=_("메모·사유"), max_length=NOTE_MAX_LENGTH, required=False, allow_blank=True, default=""
    )
    lead_department = CodeField(
        label=_("주관부서"), queryset=Department.objects.all(), required=False, allow_null=True, help_text="부서 코드"
    )
    support_departments = serializers.ListField(
        label=_("협조부서"),
        child=CodeField(queryset=Department.objects.all()),
        required=False,
        allow_null=True,
        max_length=50,
        help_text="부서 코드 목록",
    )
    due_at = serializers.DateField(label=_("처리기한"), required=False, allow_null=True)
    outcome = serializers.ChoiceField(label=_("검토결과"), choices=Outcome.choices, required=False, allow_null=True)
    decision_summary = serializers.CharField(
        label=_("검토결과 요지(공개)"), max_length=NOTE_MAX_LENGTH, required=False, allow_blank=True, allow_null=True
    )
    planned_for = serializers.DateField(label=_("추진 예정일"), required=False, allow_null=True)
    ministry = serializers.CharField(label=_("이관 부처"), max_length=100, required=False, allow_null=True)
    into = serializers.IntegerField(
        label=_("병합 대상"),
        min_value=1,
        max_value=MAX_BIGINT,
        required=False,
        allow_null=True,
        help_text="건의과제 id",
    )
    progress = serializers.IntegerField(
        label=_("추진률(%)"), min_value=0, max_value=100, required=False, allow_null=True
    )
    milestone = serializers.CharField(
        label=_("추진 단계"), max_length=500, required=False, allow_blank=True, allow_null=True
    )

    def to_service_kwargs(self) -> dict:
        data = {name: value for name, value in self.validated_data.items() if value is not None}
        if "support_departments" in data:
            data["support_departments"] = list(dict.fromkeys(data["support_departments"]))
        return data


# --- proposals: output ------------------------------------------------------------------


class ProposalSerializer(serializers.ModelSerializer):
    """A proposal as the caller may see it. ``decision_reasons`` (internal) appears only for
    people with ``proposals.view_internal_notes``; ``available_actions`` lists what the
    caller may fire now."""

    body_html = serializers.SerializerMethodField(help_text="본문을 안전한 HTML로 변환한 것")
    region = serializers.SlugRelatedField(slug_field="code", read_only=True, help_text="지역 코드")
    region_name = serializers.CharField(source="region.name", read_only=True)
    category_label = serializers.CharField(source="get_category_display", read_only=True)
    strategies = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True, help_text="정책 전략 코드")
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    outcome_label = serializers.CharField(source="get_outcome_display", read_only=True)
    lead_department = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True, help_text="주관부서 코드"
    )
    support_departments = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True, help_text="협조부서 코드"
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
        return render_markdown(proposal.body)

    def get_available_actions(self, proposal) -> list[str]:
        return services.available_actions(self.context["request"].user, proposal)

    def to_representation(self, proposal):
        data = super().to_representation(proposal)
        if not self.context["request"].user.has_perm("proposals.view_internal_notes", proposal):
            data.pop("decision_reasons", None)
        return data


class ProposalEventSerializer(serializers.ModelSerializer):
    """One line of the timeline. ``note`` is null when it is another body's internal note
    and the caller lacks ``proposals.view_internal_notes`` (see REGION_VISIBLE_NOTE_ACTIONS)."""

    actor = serializers.SerializerMethodField(help_text="행위자 이름 (자동 처리는 null)")
    note = serializers.SerializerMethodField(help_text="메모. 볼 권한이 없는 내부 메모는 null")
    # Plain strings: blank for actions that keep the state (``consult``, ``extend`` …).
    from_status = serializers.CharField(read_only=True, help_text="이전 상태 코드 (상태가 그대로면 빈 문자열)")
    to_status = serializers.CharField(read_only=True, help_text="이후 상태 코드 (상태가 그대로면 빈 문자열)")
    payload = serializers.JSONField(read_only=True)

    class Meta:
        model = ProposalEvent
        fields = ["id", "action", "actor", "from_status", "to_status", "note", "payload", "is_public", "created_at"]
        read_only_fields = fields

    def get_actor(self, event) -> str | None:
        return person_name(event.actor)

    def get_note(self, event) -> str | None:
        if self.context.get("show_internal_notes") or event.action in REGION_VISIBLE_NOTE_ACTIONS:
            return event.note
        return None


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
    due_at = serializers.DateField(label=_("회신 기한"), required=False, allow_null=True)


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
        return consultation.state == Consultation.State.OPEN and user.has_perm(
            "proposals.respond_consultation", consultation
        )
