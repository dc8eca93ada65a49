"""The public fields of a proposal — an explicit allow-list, the single definition used by
the public API, the JSON, CSV and XLSX downloads and the feeds.

Never here, by construction: ``decision_reasons`` (internal review opinion), event notes,
consultations, attachments (their names included), comments, the author and every person's
name, deadlines and internal bookkeeping (``due_at``, ``paused_days``, ``extension_used``,
``appeal_used``, ``rereview_at`` …). A field added to the model is not public until it is
added to ``PUBLIC_PROPOSAL_FIELDS`` below.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.core.api.fields import ChoiceLabelField
from apps.proposals.api.milestones import MilestoneSerializer
from apps.proposals.models import Outcome, Proposal, ProposalEvent
from apps.proposals.timeline import timeline_for

PUBLIC_PROPOSAL_FIELDS = (
    "id",
    "reference",
    "url",
    "title",
    "summary",
    "body",
    "requested_action",
    "related_laws",
    "region",
    "current_region",
    "location",
    "category",
    "category_label",
    "strategies",
    "budget_estimate",
    "status",
    "status_label",
    "lead_department",
    "support_departments",
    "submitted_at",
    "outcome",
    "outcome_label",
    "decision_summary",
    "decided_at",
    "planned_for",
    "progress",
    "completed_at",
    "referred_ministry",
    "merged_into",
)


def public_merge_target(proposal: Proposal) -> Proposal | None:
    """The proposal this one was merged into, only if the public may see it."""
    target = proposal.merged_into if proposal.merged_into_id else None
    if target is None or not target.is_open_to_public:
        return None
    return target


class CodeNameSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class MergeTargetSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()


class PublicProposalSerializer(serializers.ModelSerializer):
    """One public proposal (list rows and downloads)."""

    url = serializers.SerializerMethodField(help_text=_("공개 누리집 주소"))
    region = CodeNameSerializer(help_text=_("접수 당시 지역"))
    current_region = serializers.SerializerMethodField(help_text=_("오늘 기준 지역(통합·명칭 변경 반영)"))
    category_label = ChoiceLabelField(Proposal._meta.get_field("category"))
    strategies = CodeNameSerializer(many=True)
    status_label = ChoiceLabelField(Proposal._meta.get_field("status"))
    lead_department = CodeNameSerializer(allow_null=True)
    support_departments = CodeNameSerializer(many=True)
    # Blank until decided: the schema says so (an enum value or "").
    outcome = serializers.ChoiceField(choices=Outcome.choices, allow_blank=True, read_only=True, label=_("검토결과"))
    outcome_label = ChoiceLabelField(Proposal._meta.get_field("outcome"))
    merged_into = serializers.SerializerMethodField()

    class Meta:
        model = Proposal
        fields = PUBLIC_PROPOSAL_FIELDS
        read_only_fields = PUBLIC_PROPOSAL_FIELDS

    def get_url(self, proposal) -> str:
        path = reverse("portal-proposal-detail", args=[proposal.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path

    @extend_schema_field(CodeNameSerializer)
    def get_current_region(self, proposal) -> dict:
        region = proposal.region
        if not region.is_current and region.successor_id:
            region = region.successor
        return {"code": region.code, "name": region.name}

    @extend_schema_field(MergeTargetSerializer(allow_null=True))
    def get_merged_into(self, proposal) -> dict | None:
        target = public_merge_target(proposal)
        return {"id": target.pk, "reference": target.reference} if target is not None else None


class PublicEventSerializer(serializers.Serializer):
    """One line of the public timeline (``timeline_for`` with no viewer): what happened and
    when, never who wrote what, and only the payload keys the registry makes public."""

    action = serializers.CharField(help_text=_("작업 이름"))
    action_label = serializers.CharField(source="label")
    from_status = serializers.CharField(source="event.from_status", help_text=_("이전 상태 코드"))
    to_status = serializers.CharField(source="event.to_status", help_text=_("이후 상태 코드"))
    created_at = serializers.DateTimeField(source="event.created_at")
    details = serializers.DictField(
        source="payload",
        help_text=_("공개 항목만: outcome, decision_summary, planned_for, ministry, into_reference, progress"),
    )


class PublicProposalDetailSerializer(PublicProposalSerializer):
    """A public proposal with its public timeline."""

    timeline = serializers.SerializerMethodField()
    milestones = serializers.SerializerMethodField(help_text=_("추진계획의 단계(예정일·완료일·지연 여부)"))

    class Meta(PublicProposalSerializer.Meta):
        fields = (*PUBLIC_PROPOSAL_FIELDS, "timeline", "milestones")
        read_only_fields = fields

    @extend_schema_field(MilestoneSerializer(many=True))
    def get_milestones(self, proposal) -> list:
        return MilestoneSerializer(proposal.milestones.select_related("department"), many=True).data

    @extend_schema_field(PublicEventSerializer(many=True))
    def get_timeline(self, proposal) -> list:
        events = getattr(proposal, "public_event_list", None)
        if events is None:
            events = ProposalEvent.objects.filter(proposal=proposal, is_public=True).order_by("created_at", "pk")
        return PublicEventSerializer(timeline_for(None, proposal, events), many=True).data


# Flat columns for CSV and XLSX: (header, value getter) — the same public fields.
def _names(items) -> str:
    return "; ".join(item.name for item in items)


def _current_region(proposal) -> str:
    region = proposal.region
    if not region.is_current and region.successor_id:
        region = region.successor
    return region.name


def _date(value) -> str:
    if value is None:
        return ""
    return timezone.localtime(value).strftime("%Y-%m-%d") if hasattr(value, "hour") else value.isoformat()


def _merged_into(proposal) -> str:
    target = public_merge_target(proposal)
    return target.reference if target is not None else ""


EXPORT_COLUMNS = [
    (_("과제번호"), lambda p: p.reference),
    (_("제목"), lambda p: p.title),
    (_("요약"), lambda p: p.summary),
    (_("지역코드(접수 당시)"), lambda p: p.region.code),
    (_("지역(접수 당시)"), lambda p: p.region.name),
    (_("지역(현재)"), _current_region),
    (_("위치"), lambda p: p.location),
    (_("분야"), lambda p: p.get_category_display()),
    (_("정책 전략"), lambda p: _names(p.strategies.all())),
    (_("소요 예산(백만원)"), lambda p: p.budget_estimate if p.budget_estimate is not None else ""),
    (_("상태"), lambda p: p.get_status_display()),
    # The public site's word for the lead department (one vocabulary on the site and in files).
    (_("소관부서"), lambda p: p.lead_department.name if p.lead_department_id else ""),
    (_("협조부서"), lambda p: _names(p.support_departments.all())),
    (_("접수일"), lambda p: _date(p.submitted_at)),
    (_("검토결과"), lambda p: p.get_outcome_display() if p.outcome else ""),
    (_("검토결과 요지"), lambda p: p.decision_summary),
    (_("결정일"), lambda p: _date(p.decided_at)),
    (_("추진 예정일"), lambda p: _date(p.planned_for)),
    (_("추진률(%)"), lambda p: p.progress),
    (_("완료일"), lambda p: _date(p.completed_at)),
    (_("이관 부처"), lambda p: p.referred_ministry),
    (_("병합 대상"), _merged_into),
    (_("요청 사항"), lambda p: p.requested_action),
    (_("관련 법령"), lambda p: p.related_laws),
    (_("본문"), lambda p: p.body),
]
