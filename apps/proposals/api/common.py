"""What the proposals API views share: error mapping, the visible proposal, schema bits."""

from contextlib import contextmanager

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions, status

from apps.core.api.schema import FIELD_ERRORS, NOT_AUTHENTICATED, error_response

from .. import selectors, services
from ..models import Proposal

FORBIDDEN = error_response("볼 수는 있지만 이 작업을 할 권한이 없음")
NOT_VISIBLE = error_response("없거나 볼 권한이 없음 (존재 여부를 밝히지 않음)")
CONFLICT = error_response("현재 상태에서 할 수 없는 작업이거나, 다른 사용자가 먼저 처리함")
# Every error a write to one proposal can answer.
WRITE_ERRORS = {
    400: FIELD_ERRORS,
    401: NOT_AUTHENTICATED,
    403: FORBIDDEN,
    404: NOT_VISIBLE,
    409: CONFLICT,
}
ID_PARAMETER = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="건의과제 id")
CONSULTATION_ID_PARAMETER = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="자문·의견조회 id"
)


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("현재 상태에서는 이 작업을 할 수 없습니다.")
    default_code = "conflict"


@contextmanager
def service_errors():
    """Services speak Django; the API answers 403 and 409 with their Korean message."""
    try:
        yield
    except services.TransitionConflict as error:
        raise Conflict(str(error) or None) from error
    except DjangoPermissionDenied as error:
        raise exceptions.PermissionDenied(str(error) or None) from error


def visible_proposal(user, pk) -> Proposal:
    proposal = selectors.proposal_get(user, pk)
    if proposal is None:
        raise exceptions.NotFound
    return proposal
