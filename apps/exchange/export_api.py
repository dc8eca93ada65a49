"""``/api/v1/ledger/exports/``: the ledger written by a worker, for large ledgers.

- ``POST ledger/exports/?<the list's filters>`` — ask for the caller's ledger; 202 with
  the job (``status`` ``queued`` → ``writing`` → ``done``, ``processed_rows`` of
  ``total_rows``). The same filters asked again while writing give the same job.
- ``GET ledger/exports/`` / ``ledger/exports/{id}/`` — the caller's jobs; a finished one
  has ``download_url``.
- ``GET ledger/exports/{id}/file/`` — the .xlsx, for the job's owner only (404 for anyone
  else, and once the file has expired).

``GET ledger/?format=xlsx`` (``api.LedgerExportView``) still answers with the file itself.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import path, reverse
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import exceptions, generics, serializers, status
from rest_framework.response import Response

from apps.core.api.filters import StrictFilterBackend
from apps.core.api.permissions import RulesPermission
from apps.core.api.schema import FIELD_ERRORS, NOT_AUTHENTICATED, error_response
from apps.proposals.models import Proposal
from apps.proposals.selectors import ProposalFilter

from .ledger import exports
from .ledger.export import XLSX
from .ledger_views import export_download
from .models import LedgerExport
from .selectors import own_job

FORBIDDEN = error_response("관리대장을 쓸 수 있는 역할이 아님 (TF·운영자·소관부서·지방조직)")
NOT_FOUND = error_response("없거나 자신이 요청한 파일이 아님, 또는 아직 다 만들지 않았거나 보관 기간이 지남")
EXPORT_ID = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="관리대장 파일 작업 id")


class FiltersOnPost(AutoSchema):
    """The list's filters documented on a POST as spectacular documents them on the list
    (``GET /api/v1/ledger/``): the same types, choices and patterns."""

    def get_filter_backends(self):
        if self.method == "POST":
            return [StrictFilterBackend]
        return super().get_filter_backends()


class LedgerExportJobSerializer(serializers.ModelSerializer):
    status = serializers.ChoiceField(choices=LedgerExport.Status.choices)
    filters = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()), help_text="요청할 때의 목록 필터"
    )
    percent = serializers.IntegerField(help_text="담은 행의 비율(0~100)")
    download_url = serializers.SerializerMethodField(help_text="다 만들어진 파일의 주소(요청한 사람만), 아니면 null")

    class Meta:
        model = LedgerExport
        fields = [
            "id", "status", "message", "filters", "filters_label", "total_rows", "processed_rows", "percent",
            "size", "created_at", "finished_at", "expires_at", "download_url",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_download_url(self, job):
        if not job.is_ready or exports.is_overdue(job):
            return None
        url = reverse("api-ledger-export-file", kwargs={"id": job.pk})
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request is not None else url


class _ExportView(generics.GenericAPIView):
    permission_classes = [RulesPermission]
    permission_required = "exchange.export_ledger"
    serializer_class = LedgerExportJobSerializer
    filter_backends: list = []
    pagination_class = None


class LedgerExportJobListView(_ExportView):
    schema = FiltersOnPost()
    filterset_class = ProposalFilter  # for the schema: the filters are read by ``exports``

    def get_queryset(self):
        return Proposal.objects.none()  # the schema's filter types only; no table is read here

    @extend_schema(
        tags=["ledger"],
        summary="내가 요청한 관리대장 파일",
        responses={200: LedgerExportJobSerializer(many=True), 401: NOT_AUTHENTICATED, 403: FORBIDDEN},
    )
    def get(self, request):
        jobs = LedgerExport.objects.filter(created_by=request.user).order_by("-created_at", "-pk")[:50]
        return Response(LedgerExportJobSerializer(jobs, many=True, context={"request": request}).data)

    @extend_schema(
        tags=["ledger"],
        summary="관리대장 파일 만들기 요청(작업)",
        description=(
            "호출자의 관리대장(`GET /api/v1/ledger/?format=xlsx`와 같은 행과 열)을 작업자가 파일로 만듭니다. "
            "목록(`GET /api/v1/proposals/`)의 필터를 쿼리 문자열로 줍니다. `status`가 `done`이 되면 "
            "`download_url`에서 요청한 사람만 내려받을 수 있고, 파일은 정해진 기간(기본 7일)이 지나면 지워집니다. "
            "같은 조건으로 만드는 중인 작업이 있으면 그 작업을 돌려줍니다."
        ),
        request=None,
        responses={202: LedgerExportJobSerializer, 400: FIELD_ERRORS, 401: NOT_AUTHENTICATED, 403: FORBIDDEN},
    )
    def post(self, request):
        try:
            job = exports.export_request(actor=request.user, params=request.query_params)
        except DjangoValidationError as error:
            raise exceptions.ValidationError(error.message_dict) from error
        job.refresh_from_db()
        return Response(
            LedgerExportJobSerializer(job, context={"request": request}).data, status=status.HTTP_202_ACCEPTED
        )


class LedgerExportJobDetailView(_ExportView):
    @extend_schema(
        tags=["ledger"],
        summary="관리대장 파일 작업(진행 상황·내려받기 주소)",
        parameters=[EXPORT_ID],
        responses={200: LedgerExportJobSerializer, 401: NOT_AUTHENTICATED, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def get(self, request, id):
        job = own_job(LedgerExport, request.user, id)
        return Response(LedgerExportJobSerializer(job, context={"request": request}).data)


class LedgerExportFileView(_ExportView):
    @extend_schema(
        tags=["ledger"],
        summary="만들어진 관리대장 파일 내려받기(XLSX)",
        parameters=[EXPORT_ID],
        responses={
            (200, XLSX): OpenApiResponse(OpenApiTypes.BINARY, description="관리대장 .xlsx"),
            401: NOT_AUTHENTICATED,
            403: FORBIDDEN,
            404: NOT_FOUND,
        },
    )
    def get(self, request, id):
        return export_download(own_job(LedgerExport, request.user, id))  # DRF answers Http404 as its 404


urlpatterns = [
    path("ledger/exports/", LedgerExportJobListView.as_view(), name="api-ledger-exports"),
    path("ledger/exports/<int:id>/", LedgerExportJobDetailView.as_view(), name="api-ledger-export"),
    path("ledger/exports/<int:id>/file/", LedgerExportFileView.as_view(), name="api-ledger-export-file"),
]
