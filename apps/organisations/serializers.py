"""Output serializers for the reference-data API; every object is keyed by ``code``."""

from rest_framework import serializers

from .models import Body, Department, PartnerOrganisation, Region, RegionalOffice


class RegionSerializer(serializers.ModelSerializer):
    council_member = serializers.BooleanField(read_only=True, help_text="오늘 지역협의회에 참여하는 지역인지 여부")
    successor = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True, help_text="폐지된 지역을 승계한 지역의 코드"
    )
    is_current = serializers.BooleanField(source="is_current_on", read_only=True, help_text="오늘 유효한 지역인지 여부")

    class Meta:
        model = Region
        fields = [
            "code",
            "name",
            "short_name",
            "name_en",
            "is_capital_area",
            "council_member",
            "valid_from",
            "valid_to",
            "successor",
            "is_current",
        ]
        read_only_fields = fields


class DepartmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Department
        fields = ["code", "name", "office", "bureau", "unit_type", "is_active"]
        read_only_fields = fields


class BodySerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True, help_text="상위 기구의 코드"
    )

    class Meta:
        model = Body
        fields = [
            "code",
            "name",
            "name_en",
            "parent",
            "chair_title",
            "secretary_title",
            "composition",
            "members_public",
        ]
        read_only_fields = fields


class PartnerOrganisationSerializer(serializers.ModelSerializer):
    group = serializers.SlugRelatedField(slug_field="code", read_only=True, help_text="소속 그룹(기구)의 코드")

    class Meta:
        model = PartnerOrganisation
        fields = ["code", "name", "name_en", "abbreviation", "group"]
        read_only_fields = fields


class RegionalOfficeSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    parent = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True, help_text="상위 기관의 코드"
    )
    regions = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True, help_text="관할 지역의 코드")

    class Meta:
        model = RegionalOffice
        fields = ["code", "name", "kind", "kind_label", "parent", "regions"]
        read_only_fields = fields
