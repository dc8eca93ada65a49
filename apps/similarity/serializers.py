from rest_framework import serializers


class SimilarProposalSerializer(serializers.Serializer):
    """One likely duplicate (a ``selectors.Match``)."""

    id = serializers.IntegerField(source="proposal.pk", help_text="건의과제 id")
    reference = serializers.CharField(source="proposal.reference", help_text="과제번호")
    title = serializers.CharField(source="proposal.title")
    region = serializers.CharField(source="proposal.region.code", help_text="지역 코드")
    region_name = serializers.CharField(source="proposal.region.name")
    status = serializers.CharField(source="proposal.status")
    score = serializers.FloatField(
        help_text="유사도 0~1 (핵심어 TF-IDF 코사인; PostgreSQL pg_trgm이 있으면 제목 유사도 포함)"
    )
    shared_terms = serializers.ListField(child=serializers.CharField(), help_text="함께 쓰인 핵심어, 무게 순")
