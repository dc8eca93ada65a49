"""``/api/v1/meetings/``: meetings with their agenda (DESIGN.md §7).

Scoped to the caller like the pages: anonymous callers see public meetings of public
bodies; others also what they take part in. What the caller may not see answers 404.
"""

from django.db.models import Prefetch
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, generics
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from apps.core.api.schema import FIELD_ERRORS, error_response

from . import selectors
from .models import AgendaItem, Invitation, Meeting
from .selectors import MeetingFilter
from .serializers import MeetingSerializer

NOT_VISIBLE = error_response("없거나 볼 권한이 없음 (존재 여부를 밝히지 않음)")
ID_PARAMETER = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="회의 id")


def with_agenda(queryset, user):
    prefetches = [
        Prefetch(
            "agenda_items", queryset=AgendaItem.objects.select_related("proposal", "topic").order_by("position", "pk")
        )
    ]
    if user.is_authenticated:
        prefetches.append(
            Prefetch("invitations", queryset=Invitation.objects.filter(person=user), to_attr="my_invitations")
        )
    return queryset.prefetch_related(*prefetches)


def agenda_context(meetings, user) -> dict:
    """Which linked proposals and topics the caller may see, for all the meetings at once."""
    items = [item for meeting in meetings for item in meeting.agenda_items.all()]
    return {
        "user": user,
        "visible_proposals": selectors.visible_proposal_ids(user, [item.proposal_id for item in items]),
        "visible_topics": selectors.visible_topic_ids(user, [item.topic_id for item in items]),
    }


class MeetingListView(generics.ListAPIView):
    permission_classes = [AllowAny]
    serializer_class = MeetingSerializer
    filterset_class = MeetingFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Meeting.objects.none()
        return with_agenda(selectors.meeting_list(self.request.user), self.request.user)

    @extend_schema(
        tags=["meetings"],
        summary="회의 목록(안건 포함)",
        description=(
            "호출자가 볼 수 있는 회의를 최신순으로 돌려줍니다. 비로그인은 공개 기구의 공개 회의만 봅니다. "
            "`body`(기구 코드), `region`(지역 코드), `status`, `start`·`end`(YYYY-MM-DD), `q`로 거릅니다. "
            "호출자가 볼 수 없는 건의과제·의제가 걸린 안건은 제목 대신 ‘비공개 안건’으로 보입니다."
        ),
        responses={200: MeetingSerializer(many=True), 400: FIELD_ERRORS},
    )
    def get(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        meetings = list(page if page is not None else queryset)
        serializer = MeetingSerializer(meetings, many=True, context=agenda_context(meetings, request.user))
        return self.get_paginated_response(serializer.data) if page is not None else Response(serializer.data)


class MeetingDetailView(generics.GenericAPIView):
    permission_classes = [AllowAny]
    serializer_class = MeetingSerializer

    @extend_schema(
        tags=["meetings"],
        summary="회의 상세(안건·공개된 회의록)",
        parameters=[ID_PARAMETER],
        responses={200: MeetingSerializer, 404: NOT_VISIBLE},
    )
    def get(self, request, id):
        visible = selectors.meeting_list(request.user).filter(pk=id)
        meeting = with_agenda(visible, request.user).first() if 0 < id < 2**63 else None
        if meeting is None:
            raise exceptions.NotFound
        return Response(MeetingSerializer(meeting, context=agenda_context([meeting], request.user)).data)


urlpatterns = [
    path("meetings/", MeetingListView.as_view(), name="api-meeting-list"),
    path("meetings/<int:id>/", MeetingDetailView.as_view(), name="api-meeting-detail"),
]
