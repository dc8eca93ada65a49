"""Operators' admin for comments. Hiding and restoring go through the moderation page
(the services notify the author and resolve the reports); here comments are read-only."""

from django.contrib import admin

from apps.core.admin import ModelPermissionsAdminMixin

from .models import Comment, CommentReport, CommentRevision


class RevisionInline(ModelPermissionsAdminMixin, admin.TabularInline):
    model = CommentRevision
    extra = 0
    can_delete = False
    fields = ["edited_at", "edited_by", "body"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(ModelPermissionsAdminMixin, admin.ModelAdmin):
    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Comment)
class CommentAdmin(ReadOnlyAdmin):
    list_display = ["pk", "author", "visibility", "created_at", "is_hidden", "proposal", "agenda_item", "topic"]
    list_filter = ["visibility", "is_hidden"]
    search_fields = ["body", "author__username", "author__name"]
    list_select_related = ["author", "proposal", "agenda_item", "topic"]
    inlines = [RevisionInline]


@admin.register(CommentReport)
class CommentReportAdmin(ReadOnlyAdmin):
    list_display = ["comment", "reporter", "state", "created_at", "resolved_by"]
    list_filter = ["state"]
    search_fields = ["reason", "reporter__username"]
    list_select_related = ["comment", "reporter", "resolved_by"]
