"""``/api/v1/proposals/{id}/milestones/`` and ``/api/v1/milestones/{id}/``: the follow-up
plan's dated milestones (issue 17). Writes are the registry's ``add_milestone`` and
``update_milestone`` actions, so rules, input checks, the timeline and notifications are
those of every action."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, generics, serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from apps.core.api.schema import NOT_AUTHENTICATED
from apps.core.ids import parse_id

from .. import services
from ..inputs import BoundedDateField
from ..models import Milestone, MilestoneKind
from .common import ID_PARAMETER, NOT_VISIBLE, WRITE_ERRORS, service_errors, visible_proposal

MILESTONE_ID_PARAMETER = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="추진 단계 id")


class MilestoneSerializer(serializers.ModelSerializer):
    """A milestone as anyone who may see its proposal reads it (the public too)."""

    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    department = serializers.SlugRelatedField(slug_field="code", read_only=True, help_text="담당부서 코드")
    department_name = serializers.CharField(source="department.name", read_only=True, default="")
    state = serializers.ChoiceField(
        choices=Milestone.State.choices, read_only=True, help_text="완료·지연 완료·지연·예정"
    )
    late = serializers.BooleanField(
        source="is_late", read_only=True, help_text="예정일이 지났는데 미완료이거나 늦게 완료됨"
    )

    class Meta:
        model = Milestone
        fields = [
            "id", "title", "kind", "kind_label", "department", "department_name", "planned_for", "done_on",
            "progress", "note", "state", "late",
        ]  # fmt: skip
        read_only_fields = fields


class MilestoneCreateSerializer(serializers.Serializer):
    """POST: the types (400); the action's input (``inputs.AddMilestoneInput``) checks the rest."""

    title = serializers.CharField(label=_("단계명"), max_length=200)
    kind = serializers.ChoiceField(label=_("종류"), choices=MilestoneKind.choices, required=False)
    department = serializers.CharField(
        label=_("담당부서"), max_length=100, required=False, help_text="부서 코드(없으면 주관부서)"
    )
    planned_for = BoundedDateField(label=_("예정일"))
    note = serializers.CharField(label=_("공개 메모"), max_length=5000, required=False, allow_blank=True)


class MilestoneUpdateSerializer(serializers.Serializer):
    """PATCH: only what is sent changes."""

    done_on = BoundedDateField(label=_("완료일"), required=False, allow_null=True)
    note = serializers.CharField(label=_("공개 메모"), max_length=5000, required=False, allow_blank=True)
    progress = serializers.IntegerField(
        label=_("진행률(%)"), min_value=0, max_value=100, required=False, allow_null=True
    )


@extend_schema_view(
    get=extend_schema(
        tags=["proposals"],
        summary="추진 단계 목록",
        parameters=[ID_PARAMETER],
        responses={200: MilestoneSerializer(many=True), 401: NOT_AUTHENTICATED, 404: NOT_VISIBLE},
    ),
    post=extend_schema(
        tags=["proposals"],
        summary="추진 단계 등록",
        description=(
            "수용·일부수용·중장기검토로 결정된(또는 추진중인) 과제에 주관부서 담당자나 기획단 TF가 등록합니다. "
            "`note`는 공개 메모입니다. 전체 추진률은 단계들의 진행률로 다시 계산됩니다."
        ),
        parameters=[ID_PARAMETER],
        request=MilestoneCreateSerializer,
        responses={201: MilestoneSerializer, **WRITE_ERRORS},
    ),
)
class ProposalMilestoneListView(generics.ListCreateAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = MilestoneSerializer
    filter_backends: list = []
    pagination_class = None

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no request, no id
            return Milestone.objects.none()
        proposal = visible_proposal(self.request.user, self.kwargs["id"])
        return proposal.milestones.select_related("department")

    def create(self, request, *args, **kwargs):
        proposal = visible_proposal(request.user, kwargs["id"])
        body = MilestoneCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        fields = dict(body.validated_data)
        with service_errors():
            _proposal, event = services.fire(proposal=proposal, actor=request.user, action="add_milestone", **fields)
        milestone = Milestone.objects.select_related("department").get(pk=event.payload["milestone_id"])
        return Response(MilestoneSerializer(milestone).data, status=status.HTTP_201_CREATED)


@extend_schema(
    tags=["proposals"],
    summary="추진 단계 갱신(완료일·진행률·공개 메모)",
    description="주관부서 담당자나 기획단 TF가 갱신합니다. 완료일을 적으면 진행률은 100입니다.",
    parameters=[MILESTONE_ID_PARAMETER],
    request=MilestoneUpdateSerializer,
    responses={200: MilestoneSerializer, **WRITE_ERRORS},
)
class MilestoneDetailView(generics.GenericAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = MilestoneSerializer
    filter_backends: list = []

    def patch(self, request, id):
        pk = parse_id(id)
        milestone = Milestone.objects.filter(pk=pk).first() if pk is not None else None
        if milestone is None:
            raise exceptions.NotFound
        proposal = visible_proposal(request.user, milestone.proposal_id)
        body = MilestoneUpdateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        fields = dict(body.validated_data)
        with service_errors():
            services.fire(proposal=proposal, actor=request.user, action="update_milestone", milestone=pk, **fields)
        milestone = Milestone.objects.select_related("department").get(pk=pk)
        return Response(MilestoneSerializer(milestone).data)
