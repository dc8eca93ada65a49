"""``/api/v1/public/``: anonymous, read-only open data (DESIGN.md §7).

No authentication is read at all (a stale or wrong token changes nothing: the answer is
the same for everyone), every response is cacheable (``Cache-Control: public`` with an
ETag) and every field comes from the public allow-list in ``serializers``.
"""

from django.urls import path
from django.utils.decorators import method_decorator
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view, inline_serializer
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.core.api.schema import FIELD_ERRORS, error_response
from apps.core.ids import parse_id
from apps.proposals.api.milestones import MilestoneSerializer

from . import caching, selectors
from .serializers import PublicProposalDetailSerializer, PublicProposalSerializer
from .views import statistics

NOT_PUBLIC = error_response("없거나 공개되지 않은 건의과제 (존재 여부를 밝히지 않음)")


class PublicAPIView:
    permission_classes = [AllowAny]
    authentication_classes: list = []


@extend_schema_view(
    get=extend_schema(
        tags=["public"],
        summary="공개 건의과제 목록",
        description=(
            "누구나 볼 수 있는 건의과제(공개 설정, 접수 이후 — 작성중·부지사 확인중·철회 제외)의 공개 항목입니다. "
            "`region`은 오늘의 지역 코드로 찾으면 통합 전 지역(예: 12 → 29, 46)에 접수된 과제도 포함합니다. "
            "`q`는 낱말마다 제목·요약·과제번호와 핵심어 색인에서 찾습니다: 조사는 떼고(철도를 = 철도), "
            "띄어쓰기가 달라도, 운영자가 관리하는 동의어(그린벨트 → 개발제한구역)로도 찾으며, "
            "관련이 깊은 순으로 돌려줍니다(PostgreSQL에서는 제목 유사도 검색을 더함)."
        ),
        responses={200: PublicProposalSerializer(many=True), 400: FIELD_ERRORS},
    )
)
@method_decorator(caching.public_http, name="dispatch")
class PublicProposalListView(PublicAPIView, generics.ListAPIView):
    serializer_class = PublicProposalSerializer
    filterset_class = selectors.PublicProposalFilter

    def get_queryset(self):
        return selectors.ordered(selectors.public_proposals())


@extend_schema_view(
    get=extend_schema(
        tags=["public"],
        summary="공개 건의과제 상세(공개 처리 이력 포함)",
        parameters=[OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="건의과제 id")],
        responses={200: PublicProposalDetailSerializer, 404: NOT_PUBLIC},
    )
)
@method_decorator(caching.public_http, name="dispatch")
class PublicProposalDetailView(PublicAPIView, generics.GenericAPIView):
    serializer_class = PublicProposalDetailSerializer

    def get_queryset(self):
        return selectors.with_public_events(selectors.public_proposals())

    def get(self, request, id):
        pk = parse_id(id)
        proposal = self.get_queryset().filter(pk=pk).first() if pk is not None else None
        if proposal is None:
            raise NotFound
        return Response(self.get_serializer(proposal).data)


@extend_schema_view(
    get=extend_schema(
        tags=["public"],
        summary="공개 건의과제의 추진 단계",
        description="추진계획의 단계입니다. `late`: 예정일이 지났는데 완료되지 않았거나 예정일보다 늦게 완료됨.",
        parameters=[OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="건의과제 id")],
        responses={200: MilestoneSerializer(many=True), 404: NOT_PUBLIC},
    )
)
@method_decorator(caching.public_http, name="dispatch")
class PublicMilestoneListView(PublicAPIView, APIView):
    def get(self, request, id):
        pk = parse_id(id)
        proposal = selectors.public_proposals().filter(pk=pk).first() if pk is not None else None
        if proposal is None:
            raise NotFound
        milestones = proposal.milestones.select_related("department")
        return Response(MilestoneSerializer(milestones, many=True).data)


STATS_RESPONSE = inline_serializer(
    name="PublicStats",
    fields={
        "as_of": serializers.DateField(),
        "totals": serializers.DictField(child=serializers.FloatField(allow_null=True)),
        "sums": serializers.DictField(
            child=serializers.ListField(child=serializers.DictField()),
            help_text="how the totals add up: parts (public proposals by where they stand: proposals = the sum) "
            "and decided_parts (decided = the sum), each {code, label, total}",
        ),
        "by_status": serializers.ListField(child=serializers.DictField()),
        "by_outcome": serializers.ListField(child=serializers.DictField()),
        "by_category": serializers.ListField(child=serializers.DictField()),
        "by_region": serializers.ListField(child=serializers.DictField(), help_text="접수 당시 지역별"),
        "by_current_region": serializers.ListField(child=serializers.DictField(), help_text="오늘의 지역으로 합산"),
        "by_department": serializers.ListField(
            child=serializers.DictField(),
            help_text="주관부서별 건수·수용률·처리일수 중앙값(median_days)·90백분위(p90_days)",
        ),
        "by_strategy": serializers.ListField(child=serializers.DictField()),
        "monthly": serializers.ListField(child=serializers.DictField(), help_text="월별 접수·결정 건수(최근 24개월)"),
        "yearly": serializers.ListField(
            child=serializers.DictField(), help_text="연도별 접수·결정·수용 건수(가져온 과거 건의 포함)"
        ),
    },
)


@extend_schema_view(
    get=extend_schema(
        tags=["public"],
        summary="공개 통계",
        description=(
            "공개 건의과제만 집계합니다. 지역별(접수 당시·오늘 기준), 상태·검토결과·분야·부서·정책 전략별 건수, "
            "지역별 수용률((수용+일부수용)/결정), 부서별 접수→결정 일수의 중앙값과 90백분위, 월별 추이."
        ),
        responses={200: STATS_RESPONSE},
    )
)
@method_decorator(caching.public_http, name="dispatch")
class PublicStatsView(PublicAPIView, APIView):
    def get(self, request):
        return Response(statistics())


urlpatterns = [
    path("public/proposals/", PublicProposalListView.as_view(), name="api-public-proposal-list"),
    path("public/proposals/<str:id>/", PublicProposalDetailView.as_view(), name="api-public-proposal-detail"),
    path("public/proposals/<str:id>/milestones/", PublicMilestoneListView.as_view(), name="api-public-milestones"),
    path("public/stats/", PublicStatsView.as_view(), name="api-public-stats"),
]
