"""``GET /api/v1/proposals/{id}/similar/`` (DESIGN.md §7): likely duplicates of a
proposal among those the caller may see, best first."""

from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, generics
from rest_framework.permissions import IsAuthenticated

from apps.core.api.schema import NOT_AUTHENTICATED, error_response
from apps.proposals.selectors import proposal_get

from .selectors import MIN_SCORE, similar_to_proposal
from .serializers import SimilarProposalSerializer

MAX_LIMIT = 20


@extend_schema(
    tags=["proposals"],
    summary="유사 건의과제(중복 의심)",
    description=(
        "호출자가 볼 수 있는 건의과제 가운데 이 과제와 같은 요청으로 보이는 과제를 유사도 높은 순으로 돌려줍니다. "
        "제목·요약·요청 사항의 핵심어(형태소 분석)로 비교하며, `shared_terms`는 함께 쓰인 핵심어입니다. "
        f"유사도 {MIN_SCORE} 미만과 철회된 과제는 뺍니다. 볼 수 없는 과제는 404입니다."
    ),
    parameters=[
        OpenApiParameter("proposal_id", OpenApiTypes.INT, OpenApiParameter.PATH, description="건의과제 id"),
        OpenApiParameter("limit", OpenApiTypes.INT, description=f"최대 건수 (1~{MAX_LIMIT}, 기본 5)"),
    ],
    responses={
        200: SimilarProposalSerializer(many=True),
        401: NOT_AUTHENTICATED,
        404: error_response("없거나 볼 권한이 없음 (존재 여부를 밝히지 않음)"),
    },
)
class SimilarProposalsView(generics.ListAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = SimilarProposalSerializer
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no request, no id
            return []
        proposal = proposal_get(self.request.user, self.kwargs["proposal_id"])
        if proposal is None:
            raise exceptions.NotFound
        return similar_to_proposal(self.request.user, proposal, limit=self._limit())

    def _limit(self) -> int:
        raw = self.request.query_params.get("limit", "")
        if not raw:
            return 5
        if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= MAX_LIMIT:
            raise exceptions.ValidationError({"limit": [_("1~%(max)s 사이의 정수여야 합니다.") % {"max": MAX_LIMIT}]})
        return int(raw)


urlpatterns = [
    path("proposals/<int:proposal_id>/similar/", SimilarProposalsView.as_view(), name="api-proposal-similar"),
]
