"""``/api/v1/ledger/``: the ministry's ledger (관리대장) as XLSX, and bulk updates from it.

- ``GET ledger/?format=xlsx`` — the caller's ledger with the proposal list's filters.
- ``POST ledger/updates/`` (multipart ``file``) — check an edited ledger (a job; the
  answer has each changed or refused row: ``{"row","reference","changes","errors"}``).
- ``GET ledger/updates/`` / ``ledger/updates/{id}/`` — the caller's jobs, to come back to.
- ``POST ledger/updates/{id}/apply/`` — apply a checked one; 409 if a row moved since.
- ``ledger/exports/…`` — the ledger written by a worker (``export_api``).
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from apps.core.api.permissions import RulesPermission
from apps.core.api.schema import FIELD_ERRORS, NOT_AUTHENTICATED, error_response
from apps.proposals.api.common import Conflict
from apps.proposals.models import Proposal
from apps.proposals.selectors import ProposalFilter
from apps.proposals.services import TransitionConflict

from .export_api import urlpatterns as export_urls
from .ledger import selectors as ledger_selectors
from .ledger import updates
from .ledger.export import XLSX, ledger_response
from .models import LedgerUpdate
from .safety import ImportRefused
from .selectors import own_job

FORBIDDEN = error_response("관리대장을 쓸 수 있는 역할이 아님 (TF·운영자·소관부서·지방조직; 일괄 수정은 TF·소관부서)")
NOT_FOUND = error_response("없거나 자신이 올린 작업이 아님")
CONFLICT = error_response("검사한 뒤에 바뀐 과제가 있어 아무것도 반영하지 않음, 또는 반영할 수 없는 상태의 작업")
JOB_ID = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="일괄 수정 작업 id")


class LedgerChangeSerializer(serializers.Serializer):
    column = serializers.CharField(help_text="열 키(예: `outcome`)")
    header = serializers.CharField(help_text="열 머리글")
    before = serializers.CharField(help_text="지금 값")
    after = serializers.CharField(help_text="파일의 값")


class LedgerRowSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text="시트의 행 번호(머리글이 1행)")
    reference = serializers.CharField(help_text="과제번호")
    changes = LedgerChangeSerializer(many=True)
    errors = serializers.ListField(child=serializers.CharField(), help_text="한국어 오류(있으면 그 행은 바꾸지 않음)")
    conflict = serializers.BooleanField(help_text="내려받은 뒤에 다른 사람이 바꾼 행")


class LedgerUpdateSerializer(serializers.ModelSerializer):
    rows = LedgerRowSerializer(many=True, help_text="바뀌거나 오류가 있는 행만 (바뀌지 않은 행은 없음)")
    status = serializers.ChoiceField(choices=LedgerUpdate.Status.choices)

    class Meta:
        model = LedgerUpdate
        fields = [
            "id", "status", "message", "original_name", "total_rows", "processed_rows", "changed_rows",
            "error_rows", "conflict_rows", "applied_rows", "created_at", "finished_at", "rows",
        ]  # fmt: skip
        read_only_fields = fields


class LedgerUploadSerializer(serializers.Serializer):
    file = serializers.FileField(label="파일", allow_empty_file=False, use_url=False)


class LedgerExportView(generics.ListAPIView):
    """The ledger is a file, whatever the caller accepts; errors are JSON."""

    permission_classes = [RulesPermission]
    permission_required = "exchange.export_ledger"
    filterset_class = ProposalFilter
    pagination_class = None
    renderer_classes = [JSONRenderer]

    def perform_content_negotiation(self, request, force=False):
        # ``?format=xlsx`` names the file's format, not a renderer: DRF would look for one.
        return (JSONRenderer(), JSONRenderer.media_type)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation reads no table
            return Proposal.objects.none()
        return ledger_selectors.ledger_rows(self.request.user)

    @extend_schema(
        tags=["ledger"],
        summary="관리대장 내려받기(XLSX)",
        description=(
            "호출자가 볼 수 있는 모든 건의과제를 관리대장 열(과제번호, 접수·현재 지역, "
            "상태, 처리기한·D-day, 주관·협조부서, "
            "검토결과, 추진 예정일·추진률, 자문, 공통건의, 단계별 일자 …)로 "
            "돌려줍니다. 내부 검토 의견·자문은 읽을 수 있는 "
            "과제에만 적힙니다. 목록(`GET /api/v1/proposals/`)의 필터를 그대로 씁니다."
        ),
        parameters=[
            OpenApiParameter("format", OpenApiTypes.STR, enum=["xlsx"], description="파일 형식 (xlsx만)"),
        ],
        responses={
            (200, XLSX): OpenApiResponse(OpenApiTypes.BINARY, description="관리대장 .xlsx"),
            400: FIELD_ERRORS,
            401: NOT_AUTHENTICATED,
            403: FORBIDDEN,
        },
    )
    def get(self, request, *args, **kwargs):
        wanted = request.query_params.getlist("format")
        if wanted and wanted != ["xlsx"]:
            raise exceptions.ValidationError({"format": ["xlsx만 지원합니다."]})
        rows = self.filter_queryset(self.get_queryset())
        return ledger_response(request.user, rows)


class LedgerUpdateListView(generics.GenericAPIView):
    permission_classes = [RulesPermission]
    permission_required = "exchange.update_ledger"
    parser_classes = [MultiPartParser, FormParser]
    serializer_class = LedgerUpdateSerializer
    filter_backends: list = []
    pagination_class = None

    @extend_schema(
        tags=["ledger"],
        summary="내 관리대장 일괄 수정 작업",
        responses={200: LedgerUpdateSerializer(many=True), 401: NOT_AUTHENTICATED, 403: FORBIDDEN},
    )
    def get(self, request):
        jobs = LedgerUpdate.objects.filter(created_by=request.user).order_by("-created_at", "-pk")[:50]
        return Response(LedgerUpdateSerializer(jobs, many=True).data)

    @extend_schema(
        tags=["ledger"],
        summary="고친 관리대장 올리기(검사)",
        description=(
            "관리대장에서 자기 역할의 열([TF]: 배정, [주관부서]: 검토결과·추진상황)을 고쳐 올리면 모든 행을 웹과 같은 "
            "규칙·상태·입력 검사로 확인해 바뀌는 칸(전 → 후)과 행별 오류를 돌려줍니다. 권한이 없는 행, 내려받은 뒤 "
            "바뀐 행(충돌)은 오류로 알리고 바꾸지 않습니다. 검사는 작업으로 실행되며 "
            "`status`가 `ready`이면 반영할 수 있습니다."
        ),
        request={"multipart/form-data": LedgerUploadSerializer},
        responses={201: LedgerUpdateSerializer, 400: FIELD_ERRORS, 401: NOT_AUTHENTICATED, 403: FORBIDDEN},
    )
    def post(self, request):
        upload = LedgerUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        try:
            job = updates.update_upload(actor=request.user, upload=upload.validated_data["file"])
        except ImportRefused as refusal:
            raise exceptions.ValidationError({"file": refusal.messages}) from refusal
        except DjangoPermissionDenied as error:
            raise exceptions.PermissionDenied(str(error)) from error
        job.refresh_from_db()
        return Response(LedgerUpdateSerializer(job).data, status=status.HTTP_201_CREATED)


class LedgerUpdateDetailView(generics.GenericAPIView):
    permission_classes = [RulesPermission]
    permission_required = "exchange.update_ledger"
    serializer_class = LedgerUpdateSerializer
    filter_backends: list = []

    @extend_schema(
        tags=["ledger"],
        summary="관리대장 일괄 수정 작업(진행 상황·행별 결과)",
        parameters=[JOB_ID],
        responses={200: LedgerUpdateSerializer, 401: NOT_AUTHENTICATED, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def get(self, request, id):
        return Response(LedgerUpdateSerializer(own_job(LedgerUpdate, request.user, id)).data)


class LedgerUpdateApplyView(generics.GenericAPIView):
    permission_classes = [RulesPermission]
    permission_required = "exchange.update_ledger"
    serializer_class = LedgerUpdateSerializer
    filter_backends: list = []

    @extend_schema(
        tags=["ledger"],
        summary="검사한 관리대장 반영",
        description=(
            "오류 없는 변경 행을 등록된 작업(배정·검토결과 결정·추진상황 갱신)으로 "
            "한 트랜잭션에서 반영합니다. 각 변경은 "
            "처리 이력과 알림을 남깁니다. 검사한 뒤에 바뀐 과제가 하나라도 있으면 409이며 아무것도 바꾸지 않습니다."
        ),
        request=None,
        parameters=[JOB_ID],
        responses={
            202: LedgerUpdateSerializer,
            401: NOT_AUTHENTICATED,
            403: FORBIDDEN,
            404: NOT_FOUND,
            409: CONFLICT,
        },
    )
    def post(self, request, id):
        job = own_job(LedgerUpdate, request.user, id)
        try:
            job = updates.update_apply(job=job, actor=request.user)
        except TransitionConflict as conflict:
            raise Conflict(str(conflict)) from conflict
        except DjangoValidationError as error:
            raise Conflict(" ".join(error.messages)) from error
        job.refresh_from_db()
        return Response(LedgerUpdateSerializer(job).data, status=status.HTTP_202_ACCEPTED)


urlpatterns = [
    path("ledger/", LedgerExportView.as_view(), name="api-ledger"),
    path("ledger/updates/", LedgerUpdateListView.as_view(), name="api-ledger-updates"),
    path("ledger/updates/<int:id>/", LedgerUpdateDetailView.as_view(), name="api-ledger-update"),
    path("ledger/updates/<int:id>/apply/", LedgerUpdateApplyView.as_view(), name="api-ledger-update-apply"),
    *export_urls,
]
