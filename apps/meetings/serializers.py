"""Serializers of the meetings API (DESIGN.md §7): output only, reading what the view
preloaded. An agenda item whose proposal or topic the caller may not see keeps its place
and outcome but shows neither its title nor the link (``title`` is 비공개 안건)."""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.comments.mentions import render_text
from apps.core.api.schema import NULLABLE_STRING

from .models import AgendaItem, Meeting, MeetingStatus


class AgendaProposalSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    title = serializers.CharField()


class AgendaTopicSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()


class AgendaItemSerializer(serializers.ModelSerializer):
    title = serializers.SerializerMethodField()
    proposal = serializers.SerializerMethodField()
    topic = serializers.SerializerMethodField()
    # Plain strings, not enums: ``outcome`` and ``status`` already name the proposals' enums in the schema.
    outcome = serializers.CharField(
        read_only=True, help_text="논의 결과: noted | discussed | agreed | follow_up | deferred (기록 전에는 빈 값)"
    )
    outcome_display = serializers.CharField(source="get_outcome_display", read_only=True, help_text="논의 결과(한국어)")
    outcome_note = serializers.SerializerMethodField()

    class Meta:
        model = AgendaItem
        fields = ["id", "position", "title", "proposal", "topic", "outcome", "outcome_display", "outcome_note"]

    def _hidden(self, item) -> bool:
        proposals = self.context.get("visible_proposals", frozenset())
        topics = self.context.get("visible_topics", frozenset())
        return bool(
            (item.proposal_id and item.proposal_id not in proposals) or (item.topic_id and item.topic_id not in topics)
        )

    @extend_schema_field(OpenApiTypes.STR)
    def get_title(self, item) -> str:
        return _("비공개 안건") if self._hidden(item) else item.title

    @extend_schema_field(AgendaProposalSerializer(allow_null=True))
    def get_proposal(self, item):
        if not item.proposal_id or self._hidden(item):
            return None
        return {"id": item.proposal_id, "reference": item.proposal.reference, "title": item.proposal.title}

    @extend_schema_field(AgendaTopicSerializer(allow_null=True))
    def get_topic(self, item):
        if not item.topic_id or self._hidden(item):
            return None
        return {"id": item.topic_id, "title": item.topic.title}

    @extend_schema_field(OpenApiTypes.STR)
    def get_outcome_note(self, item) -> str:
        return "" if self._hidden(item) else item.outcome_note


class InvitationSerializer(serializers.Serializer):
    rsvp = serializers.CharField(help_text="pending | accepted | tentative | declined")
    rsvp_display = serializers.CharField(source="get_rsvp_display")
    attended = serializers.BooleanField(allow_null=True)


class MeetingSerializer(serializers.ModelSerializer):
    body = serializers.SlugRelatedField(slug_field="code", read_only=True, help_text="기구 코드")
    body_name = serializers.CharField(source="body.name", read_only=True)
    region = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True, help_text="개최 지역 코드"
    )
    status = serializers.CharField(
        read_only=True, help_text="drafted | scheduled | held | minutes_published | cancelled"
    )
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    chair = serializers.SerializerMethodField()
    agenda = serializers.SerializerMethodField()
    minutes = serializers.SerializerMethodField()
    minutes_html = serializers.SerializerMethodField()
    my_invitation = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = [
            "id", "title", "body", "body_name", "region", "starts_at", "ends_at", "place", "address", "chair",
            "chair_title", "status", "status_display", "is_public", "cancel_reason", "agenda", "minutes",
            "minutes_html", "minutes_published_at", "my_invitation", "updated_at",
        ]  # fmt: skip

    @extend_schema_field(NULLABLE_STRING)
    def get_chair(self, meeting):
        return meeting.chair.get_full_name() if meeting.chair_id else None

    @extend_schema_field(AgendaItemSerializer(many=True))
    def get_agenda(self, meeting):
        return AgendaItemSerializer(meeting.agenda_items.all(), many=True, context=self.context).data

    def _minutes_visible(self, meeting) -> bool:
        if meeting.status == MeetingStatus.MINUTES_PUBLISHED:
            return True
        user = self.context.get("user")
        return bool(
            user is not None
            and meeting.status == MeetingStatus.HELD
            and user.has_perm("meetings.edit_minutes", meeting)
        )

    @extend_schema_field(NULLABLE_STRING)
    def get_minutes(self, meeting):
        return meeting.minutes if self._minutes_visible(meeting) else None

    @extend_schema_field(NULLABLE_STRING)
    def get_minutes_html(self, meeting):
        return render_text(meeting.minutes) if self._minutes_visible(meeting) and meeting.minutes else None

    @extend_schema_field(InvitationSerializer(allow_null=True))
    def get_my_invitation(self, meeting):
        user = self.context.get("user")
        if user is None or not user.is_authenticated:
            return None
        mine = getattr(meeting, "my_invitations", None)
        if mine is None:
            mine = [i for i in meeting.invitations.all() if i.person_id == user.pk]
        return InvitationSerializer(mine[0]).data if mine else None
