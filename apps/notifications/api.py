"""``/api/v1/notifications/``: the caller's own notifications (DESIGN.md §7).

Only the caller's: another person's notification answers 404, never revealing it exists.
"""

from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, generics, serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.core.api.schema import NOT_AUTHENTICATED, error_response
from apps.core.ids import parse_id
from apps.proposals.models import Proposal

from . import follows, messages, selectors, services
from .selectors import NotificationFilter
from .serializers import NotificationSerializer

NOT_YOURS = error_response("없거나 다른 사람의 알림 (존재 여부를 밝히지 않음)")
ID_PARAMETER = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="알림 id")
PROPOSAL_ID_PARAMETER = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="건의과제 id")


@extend_schema(
    tags=["notifications"],
    summary="내 알림 목록",
    description="호출한 사람의 알림만, 최신순으로 돌려줍니다. `unread=true`는 읽지 않은 알림, `unread=false`는 읽은 "
    "알림만, `kind`는 종류로 거릅니다.",
    responses={200: NotificationSerializer(many=True), 401: NOT_AUTHENTICATED},
)
class NotificationListView(generics.ListAPIView):
    serializer_class = NotificationSerializer
    permission_classes = [IsAuthenticated]
    filterset_class = NotificationFilter

    def get_queryset(self):
        return selectors.notifications_for(self.request.user)

    def paginate_queryset(self, queryset):
        # Title and body in the caller's language, one query for the departments named.
        page = super().paginate_queryset(queryset)
        return messages.render_all(page) if page is not None else None


@extend_schema(
    tags=["notifications"],
    summary="알림 읽음 표시",
    description="호출한 사람의 알림을 읽음으로 표시하고 그 알림을 돌려줍니다. 이미 읽은 알림은 그대로 둡니다.",
    parameters=[ID_PARAMETER],
    request=None,
    responses={200: NotificationSerializer, 401: NOT_AUTHENTICATED, 404: NOT_YOURS},
)
class NotificationReadView(APIView):
    permission_classes = [IsAuthenticated]

    def post(self, request: Request, id) -> Response:
        notification = selectors.notification_get(request.user, id)
        if notification is None:
            raise exceptions.NotFound
        notification = services.mark_read(user=request.user, notification=notification)
        return Response(NotificationSerializer(notification).data)


class FollowStateSerializer(serializers.Serializer):
    proposal = serializers.IntegerField(help_text="건의과제 id")
    following = serializers.BooleanField(help_text="호출자가 이 과제의 소식을 받는지 여부")


@extend_schema_view(
    post=extend_schema(
        tags=["notifications"],
        summary="건의과제 소식 받기(팔로우)",
        description=(
            "공개 과제나 호출자가 볼 수 있는 과제의 공개 처리 소식을 알림함과 이메일(알림 설정에 따라)로 받습니다. "
            "이미 받고 있으면 그대로입니다."
        ),
        parameters=[PROPOSAL_ID_PARAMETER],
        request=None,
        responses={200: FollowStateSerializer, 401: NOT_AUTHENTICATED, 404: NOT_YOURS},
    ),
    delete=extend_schema(
        tags=["notifications"],
        summary="건의과제 소식 받기 취소",
        parameters=[PROPOSAL_ID_PARAMETER],
        request=None,
        responses={204: None, 401: NOT_AUTHENTICATED, 404: NOT_YOURS},
    ),
)
class ProposalFollowView(APIView):
    permission_classes = [IsAuthenticated]

    def _proposal(self, request, id):
        pk = parse_id(id)
        proposal = Proposal.objects.filter(pk=pk).first() if pk is not None else None
        if proposal is None or not follows.may_follow(request.user, proposal):
            raise exceptions.NotFound
        return proposal

    def post(self, request: Request, id) -> Response:
        proposal = self._proposal(request, id)
        follows.follow(user=request.user, proposal=proposal)
        return Response({"proposal": proposal.pk, "following": True})

    def delete(self, request: Request, id) -> Response:
        proposal = self._proposal(request, id)
        follows.unfollow(user=request.user, proposal=proposal)
        return Response(status=status.HTTP_204_NO_CONTENT)


urlpatterns = [
    path("proposals/<int:id>/follow/", ProposalFollowView.as_view(), name="api-proposal-follow"),
    path("notifications/", NotificationListView.as_view(), name="api-notification-list"),
    path("notifications/<int:id>/read/", NotificationReadView.as_view(), name="api-notification-read"),
]
