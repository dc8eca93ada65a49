"""``/api/v1/proposals/{id}/comments/``: a proposal's discussion (DESIGN.md §7).

GET lists the comments the caller may see, oldest first (the public reads the public
comments of a public proposal). POST adds one (or a reply with ``parent``) as the
caller: the proposal's region and the staff working on it (403 otherwise; 404 when they
may not see the proposal), 429 beyond the rate limit.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.urls import path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, generics, status
from rest_framework.permissions import IsAuthenticatedOrReadOnly
from rest_framework.response import Response

from apps.core.api.schema import FIELD_ERRORS, NOT_AUTHENTICATED, error_response

from . import selectors, services
from .models import Comment, TargetKind
from .serializers import CommentCreateSerializer, CommentSerializer
from .views import resolve_target

NOT_VISIBLE = error_response("없거나 볼 권한이 없음 (존재 여부를 밝히지 않음)")
FORBIDDEN = error_response("볼 수는 있지만 의견을 남길 권한이 없음")
CONFLICT = error_response("의견을 남길 수 없는 상태")
TOO_MANY = error_response("짧은 시간에 너무 많이 등록함")
ID_PARAMETER = OpenApiParameter("proposal_id", OpenApiTypes.INT, OpenApiParameter.PATH, description="건의과제 id")


class RateLimited(exceptions.Throttled):
    default_detail = _("댓글을 너무 자주 등록했습니다. 잠시 뒤에 다시 시도해 주세요.")


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("지금은 의견을 남길 수 없습니다.")
    default_code = "conflict"


@extend_schema_view(
    get=extend_schema(
        tags=["comments"],
        summary="건의과제 의견 목록",
        description="호출자가 볼 수 있는 의견만 오래된 순으로 돌려줍니다. 숨김 처리된 의견은 운영자와 작성자에게만 "
        "보이며 `hidden_reason`에 사유가 있습니다.",
        parameters=[ID_PARAMETER],
        responses={200: CommentSerializer(many=True), 404: NOT_VISIBLE},
    ),
    post=extend_schema(
        tags=["comments"],
        summary="건의과제 의견 등록",
        description="해당 지역과 처리 담당 부처 직원만 남길 수 있습니다. `visibility`가 `public`이면 "
        "공개 건의과제에서만 됩니다. `parent`로 답글을 답니다(상위 의견의 공개 범위를 따릅니다). 본문의 "
        "`@아이디`는 그 사람에게 알림이 갑니다(볼 수 있는 사람만).",
        parameters=[ID_PARAMETER],
        request=CommentCreateSerializer,
        responses={
            201: CommentSerializer,
            400: FIELD_ERRORS,
            401: NOT_AUTHENTICATED,
            403: FORBIDDEN,
            404: NOT_VISIBLE,
            409: CONFLICT,
            429: TOO_MANY,
        },
    ),
)
class ProposalCommentsView(generics.ListCreateAPIView):
    permission_classes = [IsAuthenticatedOrReadOnly]
    serializer_class = CommentSerializer
    filter_backends: list = []

    def target(self):
        try:
            return resolve_target(self.request.user, TargetKind.PROPOSAL, self.kwargs["proposal_id"])
        except Http404 as error:
            raise exceptions.NotFound from error

    def list(self, request, *args, **kwargs):
        if getattr(self, "swagger_fake_view", False):
            return Response([])
        comments, parents = selectors.visible_comments(request.user, self.target())
        page = self.paginate_queryset(comments)
        serializer = CommentSerializer(
            page if page is not None else comments, many=True, context={"parents": parents, "request": request}
        )
        return self.get_paginated_response(serializer.data) if page is not None else Response(serializer.data)

    def get_queryset(self):
        return Comment.objects.none()

    def create(self, request, *args, **kwargs):
        target = self.target()
        serializer = CommentCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        parent = None
        if data.get("parent"):
            parent = selectors.comment_get(request.user, data["parent"])
            if parent is None:
                raise exceptions.ValidationError({"parent": [_("답글을 달 댓글을 찾을 수 없습니다.")]})
        try:
            comment = services.comment_post(
                target=target, actor=request.user, body=data["body"], visibility=data["visibility"], parent=parent
            )
        except DjangoPermissionDenied as error:
            raise exceptions.PermissionDenied(str(error) or None) from error
        except services.RateLimited as error:
            raise RateLimited(detail=str(error)) from error
        except services.CommentConflict as error:
            raise Conflict(str(error)) from error
        return Response(CommentSerializer(comment, context={"request": request}).data, status=status.HTTP_201_CREATED)


urlpatterns = [
    path("proposals/<int:proposal_id>/comments/", ProposalCommentsView.as_view(), name="api-proposal-comments"),
]
