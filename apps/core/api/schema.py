"""Serializers used only to document error responses in the OpenAPI schema."""

from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class ErrorDetailSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="오류 메시지(한국어)")


def error_response(description: str) -> OpenApiResponse:
    return OpenApiResponse(response=ErrorDetailSerializer, description=description)


NOT_AUTHENTICATED = error_response("인증 필요 (`WWW-Authenticate: Token`)")
NOT_FOUND = error_response("없는 코드")
# For ``extend_schema_field`` on a method field that answers null when there is nothing.
NULLABLE_STRING = serializers.CharField(allow_null=True)
NULLABLE_INTEGER = serializers.IntegerField(allow_null=True)
FIELD_ERRORS = OpenApiResponse(description="필드별 오류 목록 `{필드: [메시지, …]}` 또는 `non_field_errors`")
TOO_MANY = error_response("요청이 너무 많거나(스로틀) 로그인이 잠김: 한국어 메시지와 `Retry-After` 헤더(초)")


_ERROR_BODY = {
    "type": "object",
    "description": "`detail`(한국어 메시지) 또는 필드별 오류 `{필드: [메시지, …]}`",
    "additionalProperties": {},
}
_COMMON_ERRORS = {
    "400": "잘못된 요청: 검색 조건·본문의 필드 오류, 제어 문자가 든 쿼리, 해석할 수 없거나 너무 깊게 중첩된 본문",
    "404": "없는 대상 또는 없는 페이지(`page`)",
    "409": "다른 사용자와 동시에 처리되어 반영하지 않음(교착·직렬화 실패): 다시 시도",
    "413": "본문이 너무 큼",
    "429": "쓰기 요청이 너무 많음(스로틀): 한국어 메시지와 `Retry-After` 헤더(초)",
}


# The text policy (apps/core/text.py) as a JSON Schema pattern: what every text input takes.
TEXT_PATTERN = "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufffe\\uffff]*$"


def _document_text_policy(schema: dict) -> None:
    """Every free-text string (no enum, no format, no pattern of its own) takes no control character."""
    if not isinstance(schema, dict):
        return
    if schema.get("type") == "string" and not ({"enum", "format", "pattern"} & set(schema)):
        schema["pattern"] = TEXT_PATTERN
    for key in ("properties",):
        for value in schema.get(key, {}).values():
            _document_text_policy(value)
    for key in ("items", "additionalProperties"):
        _document_text_policy(schema.get(key))
    for key in ("allOf", "oneOf", "anyOf"):
        for value in schema.get(key, []):
            _document_text_policy(value)


def document_text_policy(result, generator, request, public):
    """drf-spectacular postprocessing hook: the text policy in the schema, on every string
    parameter and every request body's string fields (responses may carry older text)."""
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            if isinstance(operation, dict):
                for parameter in operation.get("parameters", []):
                    _document_text_policy(parameter.get("schema"))
    for name, component in result.get("components", {}).get("schemas", {}).items():
        if name.endswith("Request"):
            _document_text_policy(component)
    return result


def document_common_errors(result, generator, request, public):
    """drf-spectacular postprocessing hook: the error answers every endpoint can give
    whatever its view says — 400 (``TextPolicyMiddleware``, filters, parsers), 404 for
    an address with an id or code or a page past the end, 413 for a body over
    ``API_JSON_MAX_BYTES``, 409 for a write that lost a race (``apps.core.conflicts``),
    429 for a write over the write throttle — so a client (and
    schemathesis) finds each one documented."""
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            responses = operation.setdefault("responses", {})
            params = {param.get("name") for param in operation.get("parameters", [])}
            wanted = ["400"]
            if "{" in path or "page" in params:
                wanted.append("404")
            if method in ("post", "put", "patch"):
                wanted.append("413")
            if method != "get":
                wanted += ["409", "429"]
            for code in wanted:
                responses.setdefault(
                    code,
                    {
                        "description": _COMMON_ERRORS[code],
                        "content": {"application/json": {"schema": _ERROR_BODY}},
                    },
                )
    return result
