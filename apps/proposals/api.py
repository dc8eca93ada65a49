"""``/api/v1/`` proposals, their timeline, attachments and consultations (DESIGN.md §7).

Views are thin: input serializers check types (400), selectors scope every read to the
caller (404 for what they may not see, never revealing existence) and services do every
write, raising Http404 / PermissionDenied (403) / ValidationError (400) /
TransitionConflict (409), which ``service_errors`` maps to DRF responses.

Timeline notes (``GET proposals/{id}/events/``): people with
``proposals.view_internal_notes`` (TF, admins, the lead and support departments) read
every note. Everyone else who sees the proposal (its region, a covering regional office)
reads the notes the region wrote itself and those the ministry addresses to the region
(``serializers.REGION_VISIBLE_NOTE_ACTIONS``); other notes come back as ``null``. Being a
public event is not enough: the ``decide`` event is public but its note holds the
internal ``decision_reasons``.
"""

from contextlib import contextmanager

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.urls import path, register_converter
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, generics, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from apps.core.api.schema import FIELD_ERRORS, NOT_AUTHENTICATED, error_response

from . import selectors, services
from .models import Attachment, Consultation, Proposal, ProposalEvent
from .selectors import ProposalFilter
from .serializers import (
    AttachmentSerializer,
    AttachmentUploadSerializer,
    ConsultationCreateSerializer,
    ConsultationRespondSerializer,
    ConsultationSerializer,
    ProposalActionSerializer,
    ProposalCreateSerializer,
    ProposalEventSerializer,
    ProposalSerializer,
    ProposalUpdateSerializer,
)

FORBIDDEN = error_response("볼 수는 있지만 이 작업을 할 권한이 없음")
NOT_VISIBLE = error_response("없거나 볼 권한이 없음 (존재 여부를 밝히지 않음)")
CONFLICT = error_response("현재 상태에서 할 수 없는 작업이거나, 다른 사용자가 먼저 처리함")
ID_PARAMETER = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="건의과제 id")
CONSULTATION_ID_PARAMETER = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="자문·의견조회 id"
)


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("현재 상태에서는 이 작업을 할 수 없습니다.")
    default_code = "conflict"


@contextmanager
def service_errors():
    """Services speak Django; the API answers 403 and 409 with their Korean message."""
    try:
        yield
    except services.TransitionConflict as error:
        raise Conflict(str(error) or None) from error
    except DjangoPermissionDenied as error:
        raise exceptions.PermissionDenied(str(error) or None) from error


def visible_proposal(user, pk) -> Proposal:
    proposal = selectors.proposal_get(user, pk)
    if proposal is None:
        raise exceptions.NotFound
    return proposal


def reloaded(user, pk) -> Proposal:
    """The proposal as the caller now sees it, with its deadline flags. After ``decline``
    the reviewer may no longer see it; they still get the state they left it in."""
    proposal = selectors.proposal_get(user, pk)
    if proposal is None:
        proposal = selectors.with_deadline_flags(Proposal.objects.filter(pk=pk)).get()
    return proposal


class ProposalAPIView(generics.GenericAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = ProposalSerializer
    filter_backends: list = []

    def get_queryset(self):
        return selectors.proposal_list(self.request.user)

    def output(self, proposal, status_code=status.HTTP_200_OK) -> Response:
        proposal = reloaded(self.request.user, proposal.pk)
        return Response(self.get_serializer(proposal).data, status=status_code)


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
        responses={
            200: ProposalSerializer,
            400: FIELD_ERRORS,
            401: NOT_AUTHENTICATED,
            403: FORBIDDEN,
            404: NOT_VISIBLE,
            409: CONFLICT,
        },
    ),
)
class ProposalDetailView(ProposalAPIView):
    def get(self, request, id):
        return Response(self.get_serializer(visible_proposal(request.user, id)).data)

    def patch(self, request, id):
        proposal = visible_proposal(request.user, id)
        serializer = ProposalUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with service_errors():
            proposal = services.proposal_update(proposal=proposal, actor=request.user, **serializer.to_service_kwargs())
        return self.output(proposal)


ACTION_ROWS = [
    ("`submit`, `resubmit`, `withdraw`", "해당 지역 지자체 담당자·부지사", "`note`"),
    ("`endorse`", "해당 지역 부지사", "`note`"),
    ("`return`", "해당 지역 부지사", "`note` (필수)"),
    ("`request_info`", "TF", "`note` (필수)"),
    ("`assign`, `reassign`", "TF", "`lead_department` (필수), `support_departments`, `due_at`"),
    ("`refer`", "TF", "`ministry` (필수)"),
    ("`merge`", "TF", "`into` (필수, 건의과제 id)"),
    ("`start_review`, `complete`", "주관부서 담당자", "`note`"),
    ("`decline`", "주관부서 담당자", "`note` (필수)"),
    (
        "`decide`",
        "주관부서 담당자",
        "`outcome` (필수), `note` (필수, 내부 검토 의견), `decision_summary` (수용곤란·중장기검토는 필수), "
        "`planned_for` (수용·일부수용은 필수)",
    ),
    ("`start_followup`", "주관부서 담당자", "`planned_for`"),
    ("`update_followup`", "주관부서 담당자", "`progress` (필수, 0~100), `milestone`"),
    ("`extend`", "주관부서 담당자 (검토마다 한 번)", "`due_at` (필수), `note` (필수)"),
    ("`appeal`", "해당 지역 지자체 담당자·부지사 (한 번)", "`note` (필수)"),
    ("`uphold`", "국토정책관·국토도시실장", "`note` (필수)"),
    ("`reopen`", "국토정책관·국토도시실장", "`note`"),
]
ACTION_HELP = "\n".join(
    [
        "| action | 누가 | 필드 |",
        "|---|---|---|",
        *(f"| {name} | {who} | {fields} |" for name, who, fields in ACTION_ROWS),
        "",
        "볼 수 없는 건의과제는 404, 볼 수 있지만 권한이 없으면 403, 현재 상태에서 할 수 없거나 다른 사용자가 "
        "먼저 처리했으면 409입니다.",
    ]
)


class ActionConverter:
    """Only the names of ``services.ACTIONS`` match, so sibling paths (``events/`` …) stay free."""

    regex = "|".join(sorted(services.ACTIONS, key=len, reverse=True))

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ActionConverter, "proposal_action")


class ProposalActionView(ProposalAPIView):
    @extend_schema(
        tags=["proposals"],
        summary="건의과제 처리(상태 전이·기한 연장·추진상황 갱신)",
        description=ACTION_HELP,
        operation_id="proposals_action",
        parameters=[
            ID_PARAMETER,
            OpenApiParameter(
                "action", OpenApiTypes.STR, OpenApiParameter.PATH, enum=list(services.ACTIONS), description="작업 이름"
            ),
        ],
        request=ProposalActionSerializer,
        responses={
            200: ProposalSerializer,
            400: FIELD_ERRORS,
            401: NOT_AUTHENTICATED,
            403: FORBIDDEN,
            404: NOT_VISIBLE,
            409: CONFLICT,
        },
    )
    def post(self, request, id, action):
        proposal = visible_proposal(request.user, id)
        serializer = ProposalActionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with service_errors():
            proposal = services.proposal_fire(
                proposal=proposal, actor=request.user, action=action, **serializer.to_service_kwargs()
            )
        return self.output(proposal)


@extend_schema_view(
    get=extend_schema(
        tags=["proposals"],
        summary="건의과제 처리 이력(타임라인)",
        description=(
            "시간순 처리 이력입니다. 내부 메모를 볼 권한(`proposals.view_internal_notes`)이 없으면 지역이 쓴 메모와 "
            "지역에 보낸 메모(보완요청·기한연장·재검토 유지 사유)만 보이고, 그 밖의 메모는 `null`입니다."
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
        self.proposal = visible_proposal(self.request.user, self.kwargs["id"])
        return selectors.proposal_events(self.proposal)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        proposal = getattr(self, "proposal", None)
        context["show_internal_notes"] = proposal is not None and self.request.user.has_perm(
            "proposals.view_internal_notes", proposal
        )
        return context


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
        from .attachments import attachment_add

        proposal = visible_proposal(request.user, kwargs["id"])
        serializer = AttachmentUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with service_errors():
            attachment = attachment_add(proposal=proposal, actor=request.user, upload=serializer.validated_data["file"])
        return Response(AttachmentSerializer(attachment).data, status=status.HTTP_201_CREATED)


# --- consultations ------------------------------------------------------------------------


def consultation_queryset(user):
    # Whether the caller may read question and answer depends on the proposal's support departments.
    return selectors.consultations_for(user).prefetch_related(
        Prefetch("proposal__support_departments"),
    )


def visible_consultation(user, pk) -> Consultation:
    consultation = consultation_queryset(user).filter(pk=pk).first()
    if consultation is None:
        raise exceptions.NotFound
    return consultation


class ConsultationAPIView(generics.GenericAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = ConsultationSerializer
    filter_backends: list = []

    def get_queryset(self):
        return consultation_queryset(self.request.user)


@extend_schema_view(
    get=extend_schema(
        tags=["consultations"],
        summary="자문·의견조회 목록",
        description=(
            "호출자의 협력기관에 온 자문과, 호출자가 볼 수 있는 건의과제의 자문입니다. 자문기관에는 건의과제의 "
            "과제번호·제목·요약만 보입니다. 자문기관 소속도 아니고 내부 메모 권한도 없으면 `question`·`answer`는 "
            "`null`입니다."
        ),
        responses={200: ConsultationSerializer(many=True), 401: NOT_AUTHENTICATED},
    ),
    post=extend_schema(
        tags=["consultations"],
        summary="자문·의견조회 요청",
        description="주관·협조부서 담당자가 검토배정·검토중인 건의과제에 대해 협력기관에 묻습니다.",
        request=ConsultationCreateSerializer,
        responses={
            201: ConsultationSerializer,
            400: FIELD_ERRORS,
            401: NOT_AUTHENTICATED,
            403: FORBIDDEN,
            409: CONFLICT,
        },
    ),
)
class ConsultationListView(ConsultationAPIView, generics.ListCreateAPIView):
    def create(self, request, *args, **kwargs):
        serializer = ConsultationCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        proposal = selectors.proposal_get(request.user, data["proposal"])
        if proposal is None:
            raise DjangoValidationError({"proposal": _("건의과제를 찾을 수 없습니다.")})
        with service_errors():
            consultation = services.consultation_request(
                proposal=proposal,
                actor=request.user,
                organisation=data["organisation"],
                question=data["question"],
                due_at=data.get("due_at"),
            )
        consultation = visible_consultation(request.user, consultation.pk)
        return Response(self.get_serializer(consultation).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    get=extend_schema(
        tags=["consultations"],
        summary="자문·의견조회 상세",
        parameters=[CONSULTATION_ID_PARAMETER],
        responses={200: ConsultationSerializer, 401: NOT_AUTHENTICATED, 404: NOT_VISIBLE},
    )
)
class ConsultationDetailView(ConsultationAPIView):
    def get(self, request, id):
        return Response(self.get_serializer(visible_consultation(request.user, id)).data)


@extend_schema_view(
    post=extend_schema(
        tags=["consultations"],
        summary="자문 회신",
        description="자문을 받은 협력기관 소속만 회신할 수 있습니다. 이미 회신한 자문은 409입니다.",
        parameters=[CONSULTATION_ID_PARAMETER],
        request=ConsultationRespondSerializer,
        responses={
            200: ConsultationSerializer,
            400: FIELD_ERRORS,
            401: NOT_AUTHENTICATED,
            403: FORBIDDEN,
            404: NOT_VISIBLE,
            409: CONFLICT,
        },
    )
)
class ConsultationRespondView(ConsultationAPIView):
    def post(self, request, id):
        consultation = visible_consultation(request.user, id)
        if not request.user.has_perm("proposals.respond_consultation", consultation):
            raise exceptions.PermissionDenied(_("자문을 받은 기관만 회신할 수 있습니다."))
        serializer = ConsultationRespondSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with service_errors():
            consultation = services.consultation_respond(
                consultation=consultation, actor=request.user, answer=serializer.validated_data["answer"]
            )
        consultation = visible_consultation(request.user, consultation.pk)
        return Response(self.get_serializer(consultation).data)


urlpatterns = [
    path("proposals/", ProposalListView.as_view(), name="api-proposal-list"),
    path("proposals/<int:id>/", ProposalDetailView.as_view(), name="api-proposal-detail"),
    path("proposals/<int:id>/events/", ProposalEventListView.as_view(), name="api-proposal-events"),
    path("proposals/<int:id>/attachments/", ProposalAttachmentListView.as_view(), name="api-proposal-attachments"),
    path("proposals/<int:id>/<proposal_action:action>/", ProposalActionView.as_view(), name="api-proposal-action"),
    path("consultations/", ConsultationListView.as_view(), name="api-consultation-list"),
    path("consultations/<int:id>/", ConsultationDetailView.as_view(), name="api-consultation-detail"),
    path("consultations/<int:id>/respond/", ConsultationRespondView.as_view(), name="api-consultation-respond"),
]
