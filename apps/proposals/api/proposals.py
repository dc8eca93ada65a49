"""``/api/v1/proposals/``: proposals, their actions, timeline and attachments (DESIGN.md §7).

The actions are the registry's (``registry.FIREABLE``): their names make the URL, their
rules the permissions, their inputs the 400s. The timeline is ``timeline.timeline_for``'s,
the same policy as the web page: a note the caller may not read is ``null`` and payload
keys are cut to the caller's audience.
"""

from django.urls import register_converter
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, generics, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from apps.core.api.permissions import RulesPermission
from apps.core.api.schema import FIELD_ERRORS, NOT_AUTHENTICATED
from apps.core.ids import parse_id

from .. import selectors, services
from ..attachments import attachment_add
from ..models import Attachment, Proposal, ProposalEvent
from ..registry import FIREABLE
from ..selectors import ProposalFilter
from ..serializers import (
    AttachmentSerializer,
    AttachmentUploadSerializer,
    ProposalActionSerializer,
    ProposalCreateSerializer,
    ProposalEventSerializer,
    ProposalSerializer,
    ProposalUpdateSerializer,
)
from ..timeline import timeline_for
from .common import (
    FORBIDDEN,
    ID_PARAMETER,
    NOT_VISIBLE,
    WRITE_ERRORS,
    service_errors,
    visible_proposal,
)


class ProposalAPIView(generics.GenericAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = ProposalSerializer
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation reads no table
            return Proposal.objects.none()
        # The serializer reads the relations' codes itself (ProposalListSerializer) and
        # never the author.
        rows = selectors.proposal_list(self.request.user).prefetch_related(None)
        return selectors.with_action_conditions(rows.select_related(None).select_related("region", "lead_department"))

    def shown(self, pk) -> Proposal | None:
        """One proposal read as the list reads its rows (codes and action conditions in the
        same queries), or None when the caller may not see it."""
        pk = parse_id(pk)
        return None if pk is None else self.get_queryset().filter(pk=pk).first()

    def output(self, proposal, status_code=status.HTTP_200_OK) -> Response:
        # After ``decline`` the reviewer may no longer see it; they still get the state they left it in.
        shown = self.shown(proposal.pk) or selectors.with_deadline_flags(Proposal.objects.filter(pk=proposal.pk)).get()
        return Response(self.get_serializer(shown).data, status=status_code)


# --- proposals ----------------------------------------------------------------------------


@extend_schema_view(
    get=extend_schema(
        tags=["proposals"],
        summary="건의과제 목록",
        description=(
            "호출자가 볼 수 있는 건의과제만 돌려줍니다: 소속 지역의 건의과제(작성중 포함), 접수 이후의 과제 중 "
            "TF·운영자는 전부, 부서 담당자는 주관·협조 과제, 지방조직은 관할 지역 과제."
        ),
        responses={200: ProposalSerializer(many=True), 400: FIELD_ERRORS, 401: NOT_AUTHENTICATED},
    ),
    post=extend_schema(
        tags=["proposals"],
        summary="건의과제 작성(작성중 상태로 생성)",
        description=(
            "호출자가 작성할 수 있는 지역(지자체 담당자·부지사의 소속 지역)에만 작성할 수 있습니다(그 밖에는 403). "
            "폐지된 지역 코드는 400입니다."
        ),
        request=ProposalCreateSerializer,
        responses={201: ProposalSerializer, 400: FIELD_ERRORS, 401: NOT_AUTHENTICATED, 403: FORBIDDEN},
    ),
)
class ProposalListView(ProposalAPIView, generics.ListCreateAPIView):
    filter_backends = generics.GenericAPIView.filter_backends
    filterset_class = ProposalFilter

    def known_count(self, request) -> int | None:
        """The TF's total for an unfiltered or state-filtered list, from the maintained counts."""
        filters = request.query_params.copy()
        for paging in ("page", "page_size"):
            filters.pop(paging, None)
        return selectors.counted_total(request.user, filters)

    def create(self, request, *args, **kwargs):
        serializer = ProposalCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with service_errors():
            proposal = services.proposal_create(actor=request.user, **serializer.to_service_kwargs())
        return self.output(proposal, status.HTTP_201_CREATED)


@extend_schema_view(
    get=extend_schema(
        tags=["proposals"],
        summary="건의과제 상세",
        parameters=[ID_PARAMETER],
        responses={200: ProposalSerializer, 401: NOT_AUTHENTICATED, 404: NOT_VISIBLE},
    ),
    patch=extend_schema(
        tags=["proposals"],
        summary="건의과제 수정",
        description="소속 지역의 작성중·보완요청 상태 건의과제만 수정할 수 있습니다. 보낸 필드만 바뀝니다.",
        parameters=[ID_PARAMETER],
        request=ProposalUpdateSerializer,
        responses={200: ProposalSerializer, **WRITE_ERRORS},
    ),
)
class ProposalDetailView(ProposalAPIView):
    def get(self, request, id):
        proposal = self.shown(id)
        if proposal is None:
            raise exceptions.NotFound
        return Response(self.get_serializer(proposal).data)

    def patch(self, request, id):
        proposal = visible_proposal(request.user, id)
        serializer = ProposalUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with service_errors():
            proposal = services.proposal_update(proposal=proposal, actor=request.user, **serializer.to_service_kwargs())
        return self.output(proposal)


def _action_row(spec) -> str:
    fields = []
    for name, field in spec.input().fields.items():
        if name == "note":
            fields.append("`note` (필수)" if spec.needs_note else "`note`")
        else:
            fields.append(f"`{name}`" + (" (필수)" if field.required else ""))
    return f"| `{spec.name}` | {spec.who} | {', '.join(fields)} |"


ACTION_HELP = "\n".join(
    [
        "| action | 누가 | 필드 |",
        "|---|---|---|",
        *(_action_row(spec) for spec in FIREABLE.values()),
        "",
        "`decide`: `note`는 내부 검토 의견, `decision_summary`는 수용곤란·중장기검토일 때 필수, `planned_for`는 "
        "수용·일부수용일 때 필수입니다. 모든 작업에 `expected_status`(호출자가 본 상태)를 보낼 수 있습니다.",
        "",
        "볼 수 없는 건의과제는 404, 볼 수 있지만 권한이 없으면 403, 현재 상태에서 할 수 없거나 다른 사용자가 "
        "먼저 처리했으면 409입니다.",
    ]
)


class ActionConverter:
    """Only the registry's action names match, so sibling paths (``events/`` …) stay free."""

    regex = "|".join(sorted(FIREABLE, key=len, reverse=True))

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ActionConverter, "proposal_action")


class ProposalActionView(ProposalAPIView):
    """The action's own rule decides (``RulesPermission``) before the body is read; the
    service checks it again on the locked row."""

    permission_classes = [IsAuthenticated, RulesPermission]
    permission_denied_message = _("이 작업을 할 권한이 없습니다.")

    def get_permission_required(self):
        return FIREABLE[self.kwargs["action"]].permission

    def get_permission_object(self):
        if not hasattr(self, "proposal"):
            self.proposal = visible_proposal(self.request.user, self.kwargs["id"])
        return self.proposal

    @extend_schema(
        tags=["proposals"],
        summary="건의과제 처리(상태 전이·기한 연장·추진상황 갱신)",
        description=ACTION_HELP,
        operation_id="proposals_action",
        parameters=[
            ID_PARAMETER,
            OpenApiParameter(
                "action", OpenApiTypes.STR, OpenApiParameter.PATH, enum=list(FIREABLE), description="작업 이름"
            ),
        ],
        request=ProposalActionSerializer,
        responses={200: ProposalSerializer, **WRITE_ERRORS},
    )
    def post(self, request, id, action):
        proposal = self.get_permission_object()
        body = ProposalActionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        fields = {name: value for name, value in body.validated_data.items() if value is not None}
        with service_errors():
            proposal = services.proposal_fire(proposal=proposal, actor=request.user, action=action, **fields)
        return self.output(proposal)


@extend_schema_view(
    get=extend_schema(
        tags=["proposals"],
        summary="건의과제 처리 이력(타임라인)",
        description=(
            "시간순 처리 이력입니다. 웹 화면과 같은 공개 정책을 따릅니다: 내부 메모를 볼 권한"
            "(`proposals.view_internal_notes`)이 없으면 지역이 쓴 메모와 지역에 보낸 메모(보완요청·기한연장·"
            "재검토 유지 사유 등)만 보이고 그 밖의 메모는 `null`이며, `payload`에는 볼 수 있는 항목만 있습니다."
        ),
        parameters=[ID_PARAMETER],
        responses={200: ProposalEventSerializer(many=True), 401: NOT_AUTHENTICATED, 404: NOT_VISIBLE},
    )
)
class ProposalEventListView(generics.ListAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = ProposalEventSerializer
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no request, no id
            return ProposalEvent.objects.none()
        proposal = visible_proposal(self.request.user, self.kwargs["id"])
        return timeline_for(self.request.user, proposal, selectors.proposal_events(proposal))


@extend_schema_view(
    get=extend_schema(
        tags=["proposals"],
        summary="첨부파일 목록",
        parameters=[ID_PARAMETER],
        responses={200: AttachmentSerializer(many=True), 401: NOT_AUTHENTICATED, 404: NOT_VISIBLE},
    ),
    post=extend_schema(
        tags=["proposals"],
        summary="첨부파일 등록",
        description="`multipart/form-data`의 `file` 필드로 보냅니다. 허용되지 않는 형식·크기는 400입니다.",
        parameters=[ID_PARAMETER],
        request={"multipart/form-data": AttachmentUploadSerializer},
        responses={
            201: AttachmentSerializer,
            400: FIELD_ERRORS,
            401: NOT_AUTHENTICATED,
            403: FORBIDDEN,
            404: NOT_VISIBLE,
        },
    ),
)
class ProposalAttachmentListView(generics.ListCreateAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = AttachmentSerializer
    parser_classes = [MultiPartParser, FormParser]
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no request, no id
            return Attachment.objects.none()
        proposal = visible_proposal(self.request.user, self.kwargs["id"])
        return proposal.attachments.select_related("uploaded_by").order_by("created_at", "pk")

    def create(self, request, *args, **kwargs):
        proposal = visible_proposal(request.user, kwargs["id"])
        serializer = AttachmentUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with service_errors():
            attachment = attachment_add(proposal=proposal, actor=request.user, upload=serializer.validated_data["file"])
        return Response(AttachmentSerializer(attachment).data, status=status.HTTP_201_CREATED)
