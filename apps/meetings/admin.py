"""Operators' admin for meetings and the forum. Meetings change state, agendas and
invitations only through the services (which notify invitees and write proposal
timelines), so here they are read-mostly; operators may correct wording and publicity."""

from django.contrib import admin

from apps.core.admin import ReadOnlyInline, RecordedChangesAdminMixin, ServiceMadeAdmin

from .models import AgendaItem, ForumTopic, Invitation, Meeting, Recommendation


class AgendaItemInline(ReadOnlyInline):
    model = AgendaItem
    fields = ["position", "title", "proposal", "topic", "outcome", "outcome_note"]
    readonly_fields = fields


class InvitationInline(ReadOnlyInline):
    model = Invitation
    fields = ["person", "capacity", "rsvp", "responded_at", "attended"]
    readonly_fields = fields


@admin.register(Meeting)
class MeetingAdmin(RecordedChangesAdminMixin, ServiceMadeAdmin):
    list_display = ["title", "body", "region", "starts_at", "place", "status", "is_public"]
    list_filter = ["body", "status", "is_public", "region"]
    search_fields = ["title", "place", "region__name"]
    list_select_related = ["body", "region"]
    date_hierarchy = "starts_at"
    inlines = [AgendaItemInline, InvitationInline]
    editable_fields = ("title", "place", "address", "is_public")


@admin.register(ForumTopic)
class ForumTopicAdmin(RecordedChangesAdminMixin, ServiceMadeAdmin):
    list_display = ["title", "status", "forum_only", "opened_by", "created_at"]
    list_filter = ["status", "forum_only"]
    search_fields = ["title", "body"]
    list_select_related = ["opened_by"]
    editable_fields = ("title", "forum_only")


@admin.register(Recommendation)
class RecommendationAdmin(RecordedChangesAdminMixin, ServiceMadeAdmin):
    list_display = ["title", "adopted_on", "topic", "meeting"]
    search_fields = ["title", "body"]
    list_select_related = ["topic", "meeting"]
    editable_fields = ("title",)
