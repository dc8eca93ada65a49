"""FilterSets for the reference-data API."""

from django_filters import rest_framework as filters

from apps.core.api.filters import StrictBooleanFilter

from .models import Body, Department, PartnerOrganisation, Region, RegionalOffice


class RegionFilter(filters.FilterSet):
    code = filters.CharFilter(field_name="code", help_text="지역 코드(2자리 행정표준코드)")
    is_capital_area = StrictBooleanFilter(field_name="is_capital_area", help_text="수도권 여부")
    # Both annotated by apps.organisations.api_selectors.region_list.
    council_member = StrictBooleanFilter(field_name="council_member", help_text="오늘 지역협의회 참여 여부")
    current = StrictBooleanFilter(
        field_name="is_current_on", help_text="오늘 유효한 지역만(true) 또는 폐지된 지역만(false)"
    )

    class Meta:
        model = Region
        fields = ["code", "is_capital_area", "council_member", "current"]


class DepartmentFilter(filters.FilterSet):
    office = filters.CharFilter(field_name="office", help_text="실·국 명칭")
    q = filters.CharFilter(field_name="name", lookup_expr="icontains", help_text="부서 명칭에 포함된 문자열")
    is_active = StrictBooleanFilter(field_name="is_active", help_text="운영 중인 부서 여부")

    class Meta:
        model = Department
        fields = ["office", "q", "is_active"]


class BodyFilter(filters.FilterSet):
    parent = filters.CharFilter(field_name="parent__code", help_text="상위 기구의 코드")

    class Meta:
        model = Body
        fields = ["parent"]


class PartnerOrganisationFilter(filters.FilterSet):
    group = filters.CharFilter(field_name="group__code", help_text="소속 그룹(기구)의 코드")

    class Meta:
        model = PartnerOrganisation
        fields = ["group"]


class RegionalOfficeFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=RegionalOffice.Kind.choices, help_text="유형")
    region = filters.CharFilter(field_name="regions__code", distinct=True, help_text="관할 지역의 코드")

    class Meta:
        model = RegionalOffice
        fields = ["kind", "region"]
