"""``/api/v1/`` reference data: regions, departments, bodies, partner organisations, regional offices.

Public and read-only; every object is keyed by its stable ``code`` (``/regions/51/``).
"""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.routers import SimpleRouter

from apps.core.api.schema import NOT_FOUND
from apps.core.api.views import ReferenceViewSet

from . import api_selectors as selectors
from .filters import BodyFilter, DepartmentFilter, PartnerOrganisationFilter, RegionalOfficeFilter, RegionFilter
from .serializers import (
    BodySerializer,
    DepartmentSerializer,
    PartnerOrganisationSerializer,
    RegionalOfficeSerializer,
    RegionSerializer,
)

PUBLIC_READ_ONLY = "누구나 조회할 수 있는 읽기 전용 참조 데이터로, 각 항목은 바뀌지 않는 `code`로 식별합니다."


def reference_schema(serializer, *, noun: str, description: str = ""):
    description = f"{PUBLIC_READ_ONLY} {description}".strip()
    return extend_schema_view(
        list=extend_schema(tags=["reference"], summary=f"{noun} 목록", description=description),
        retrieve=extend_schema(
            tags=["reference"],
            summary=f"{noun} 상세 (코드로 조회)",
            description=description,
            responses={200: serializer, 404: NOT_FOUND},
        ),
    )


@reference_schema(
    RegionSerializer,
    noun="지역(광역자치단체)",
    description=(
        "폐지된 지역도 포함합니다(`valid_to`, `successor`). `council_member`는 오늘 지역협의회 참여 여부입니다."
    ),
)
class RegionViewSet(ReferenceViewSet):
    serializer_class = RegionSerializer
    filterset_class = RegionFilter

    def get_queryset(self):
        return selectors.region_list()


@reference_schema(DepartmentSerializer, noun="소관부서")
class DepartmentViewSet(ReferenceViewSet):
    serializer_class = DepartmentSerializer
    filterset_class = DepartmentFilter

    def get_queryset(self):
        return selectors.department_list()


@reference_schema(BodySerializer, noun="기구")
class BodyViewSet(ReferenceViewSet):
    serializer_class = BodySerializer
    filterset_class = BodyFilter

    def get_queryset(self):
        return selectors.body_list()


@reference_schema(PartnerOrganisationSerializer, noun="협력기관(전문가 자문그룹·공공기관 그룹)")
class PartnerOrganisationViewSet(ReferenceViewSet):
    serializer_class = PartnerOrganisationSerializer
    filterset_class = PartnerOrganisationFilter

    def get_queryset(self):
        return selectors.organisation_list()


@reference_schema(RegionalOfficeSerializer, noun="지방조직(지방국토관리청·국토관리사무소)")
class RegionalOfficeViewSet(ReferenceViewSet):
    serializer_class = RegionalOfficeSerializer
    filterset_class = RegionalOfficeFilter

    def get_queryset(self):
        return selectors.regional_office_list()


router = SimpleRouter()
router.register("regions", RegionViewSet, basename="region")
router.register("departments", DepartmentViewSet, basename="department")
router.register("bodies", BodyViewSet, basename="body")
router.register("organisations", PartnerOrganisationViewSet, basename="organisation")
router.register("regional-offices", RegionalOfficeViewSet, basename="regional-office")

urlpatterns = router.urls
