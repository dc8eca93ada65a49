"""Operators' admin for proposals. Proposals change state only through the services
(which write the timeline), so here they are read-mostly; the timeline is read-only;
the per-stage service levels are what operators edit (DESIGN.md §3)."""

from django.contrib import admin

from apps.core.admin import (
    ModelPermissionsAdminMixin,
    ReadOnlyInline,
    RecordedChangesAdminMixin,
    ServiceMadeAdmin,
    form_changes,
)

from .models import Attachment, Consultation, Proposal, ProposalEvent, ServiceLevel, Strategy
from .services.events import record_event


class ProposalEventInline(ReadOnlyInline):
    model = ProposalEvent
    fields = ["created_at", "action", "actor", "from_status", "to_status", "note"]
    readonly_fields = fields
    ordering = ["created_at", "pk"]


class AttachmentInline(ReadOnlyInline):
    model = Attachment
    fields = ["original_name", "content_type", "size", "uploaded_by", "created_at"]
    readonly_fields = fields


@admin.register(Proposal)
class ProposalAdmin(ServiceMadeAdmin):
    list_display = ["reference", "title", "region", "category", "status", "outcome", "lead_department", "due_at"]
    list_filter = ["region", "status", "outcome", "category"]
    search_fields = ["reference", "title"]
    list_select_related = ["region", "lead_department"]
    date_hierarchy = "submitted_at"
    inlines = [ProposalEventInline, AttachmentInline]
    # Only whether it is public may be corrected here; everything else moves through
    # the services, which check the rules and record the timeline.
    editable_fields = ("is_public",)

    def save_model(self, request, obj, form, change):
        # The correction goes on the proposal's own timeline, like every other change.
        changes = form_changes(form)
        super().save_model(request, obj, form, change)
        if changes:
            record_event(
                proposal=obj,
                actor=request.user,
                action="admin_change",
                payload={"fields": sorted(changes), **{name: after for name, (_b, after) in changes.items()}},
            )


@admin.register(ProposalEvent)
class ProposalEventAdmin(ModelPermissionsAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "proposal", "action", "actor", "from_status", "to_status", "is_public"]
    list_filter = ["action", "is_public"]
    search_fields = ["proposal__reference", "note"]
    list_select_related = ["proposal", "actor"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Consultation)
class ConsultationAdmin(ModelPermissionsAdminMixin, admin.ModelAdmin):
    list_display = ["proposal", "organisation", "state", "due_at", "requested_by", "answered_at"]
    list_filter = ["state", "organisation"]
    search_fields = ["proposal__reference", "question", "answer"]
    list_select_related = ["proposal", "organisation", "requested_by"]
    readonly_fields = [
        "proposal", "organisation", "question", "state", "requested_by", "answer", "answered_by", "created_at",
        "answered_at",
    ]  # fmt: skip

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Strategy)
class StrategyAdmin(ModelPermissionsAdminMixin, admin.ModelAdmin):
    list_display = ["order", "name", "code", "source"]
    list_display_links = ["name"]
    search_fields = ["name", "code"]


@admin.register(ServiceLevel)
class ServiceLevelAdmin(RecordedChangesAdminMixin, ModelPermissionsAdminMixin, admin.ModelAdmin):
    list_display = ["stage", "business_days"]
    list_editable = ["business_days"]
    list_display_links = None
    fields = ["stage", "business_days"]

    def get_readonly_fields(self, request, obj=None):
        # The stages are fixed by the workflow; only their length is set here.
        return ["stage"] if obj is not None else []

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Attachment)
class AttachmentAdmin(ModelPermissionsAdminMixin, admin.ModelAdmin):
    list_display = ["original_name", "proposal", "content_type", "size", "uploaded_by", "created_at"]
    search_fields = ["original_name", "proposal__reference"]
    list_select_related = ["proposal", "uploaded_by"]
    readonly_fields = ["proposal", "file", "original_name", "content_type", "size", "uploaded_by", "created_at"]

    def has_add_permission(self, request):
        return False
