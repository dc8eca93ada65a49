"""Admin pieces every app's admin shares."""

from django.contrib import admin


class ReadOnlyInline(admin.TabularInline):
    """Rows shown under their parent for reading only: the platform's services write them
    (a proposal's timeline, a meeting's agenda and invitations), never the admin."""

    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ServiceMadeAdmin(admin.ModelAdmin):
    """Rows the platform's services make: no adding or deleting here, and operators only
    correct ``editable_fields`` (everything else moves through the services, which check
    the rules and record what happened)."""

    editable_fields: tuple = ()

    def get_readonly_fields(self, request, obj=None):
        meta = self.model._meta
        return [field.name for field in [*meta.fields, *meta.many_to_many] if field.name not in self.editable_fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
