"""Serializers used only to document error responses in the OpenAPI schema."""

from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class ErrorDetailSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="오류 메시지(한국어)")


def error_response(description: str) -> OpenApiResponse:
    return OpenApiResponse(response=ErrorDetailSerializer, description=description)


NOT_AUTHENTICATED = error_response("인증 필요 (`WWW-Authenticate: Token`)")
NOT_FOUND = error_response("없는 코드")
FIELD_ERRORS = OpenApiResponse(description="필드별 오류 목록 `{필드: [메시지, …]}` 또는 `non_field_errors`")
TOO_MANY = error_response("요청이 너무 많거나(스로틀) 로그인이 잠김: 한국어 메시지와 `Retry-After` 헤더(초)")
