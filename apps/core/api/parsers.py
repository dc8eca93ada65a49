"""Request parsers that cannot be exhausted and that keep the text policy.

Every API body goes through one of these (``REST_FRAMEWORK["DEFAULT_PARSER_CLASSES"]``):

- JSON: at most ``API_JSON_MAX_BYTES`` (413 above it — DRF reads the body past Django's
  ``DATA_UPLOAD_MAX_MEMORY_SIZE``), nested at most ``API_JSON_MAX_DEPTH`` deep (400: a
  body nested thousands deep would otherwise exhaust the recursion of any code that walks
  it);
- every body: no string — key or value, file names included — with a character
  ``apps.core.text`` refuses (400 with the field errors, shaped like the body).
"""

import codecs
import re

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, parsers, status
from rest_framework.utils import json

from apps.core.text import MESSAGE, find_control_characters, has_control_characters

_STRINGS = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKETS = re.compile(rb"[^\[\]{}]+")


class BodyTooDeep(exceptions.APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "parse_error"


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = _("요청 본문이 너무 큽니다. 크기를 줄여 다시 보내 주세요.")
    default_code = "request_too_large"


def json_depth(body: bytes) -> int:
    """How deep arrays and objects nest in ``body`` (brackets inside strings ignored)."""
    depth = deepest = 0
    for bracket in _NOT_BRACKETS.sub(b"", _STRINGS.sub(b"", body)):
        if bracket in b"[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def _refuse_control_characters(data, files=None):
    errors = find_control_characters(data.dict() if hasattr(data, "dict") else data) or {}
    for name, upload in (files or {}).items():
        if has_control_characters(getattr(upload, "name", "")):
            errors[name] = [MESSAGE]
    if errors:
        raise exceptions.ValidationError(errors)


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.API_JSON_MAX_BYTES
        body = stream.read(limit + 1) if stream is not None else b""
        if len(body) > limit:
            raise RequestTooLarge()
        if json_depth(body) > settings.API_JSON_MAX_DEPTH:
            raise BodyTooDeep(
                _("요청 본문이 너무 깊게 중첩되어 있습니다(최대 %(depth)s단계).")
                % {"depth": settings.API_JSON_MAX_DEPTH}
            )
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            data = json.loads(
                codecs.decode(body, encoding), parse_constant=json.strict_constant if self.strict else None
            )
        except (ValueError, RecursionError) as error:
            raise exceptions.ParseError() from error
        _refuse_control_characters(data)
        return data


class FormParser(parsers.FormParser):
    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        _refuse_control_characters(data)
        return data


class MultiPartParser(parsers.MultiPartParser):
    def parse(self, stream, media_type=None, parser_context=None):
        result = super().parse(stream, media_type, parser_context)
        _refuse_control_characters(result.data, result.files)
        return result
