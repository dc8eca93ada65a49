"""Shared pieces of the Django admin (data maintenance by operators).

Workflow permissions are django-rules and apply to superusers like anyone else
(``apps.accounts.models.User.has_perm``). Several rule names are also Django model
permissions (``proposals.view_proposal``, ``meetings.change_meeting`` …), so an admin
that asked ``user.has_perm`` would be answered by the workflow rules. The admin decides
with Django's model permissions only, through ``ModelPermissionsAdminMixin``, which every
ModelAdmin and inline of the project uses.
"""

from django.contrib import admin
from django.contrib.auth import get_permission_codename
from django.contrib.auth.backends import ModelBackend

_model_backend = ModelBackend()


def has_model_permission(user, perm: str) -> bool:
    """Django's model permission ``perm`` ("app_label.codename"), never a rule: active
    superusers hold them all, anyone else through their groups and user permissions."""
    return user.is_active and (user.is_superuser or _model_backend.has_perm(user, perm))


def has_module_permission(user, app_label: str) -> bool:
    return user.is_active and (user.is_superuser or _model_backend.has_module_perms(user, app_label))


class ModelPermissionsAdminMixin:
    """For a ModelAdmin or an inline: view/add/change/delete and the app's entry on the
    index are decided by Django model permissions, not by the workflow rules.

    A subclass may still narrow them (``has_add_permission`` returning False for rows only
    the services write); it should not widen them.
    """

    def _has_model_permission(self, request, action: str) -> bool:
        opts = self.opts
        return has_model_permission(request.user, f"{opts.app_label}.{get_permission_codename(action, opts)}")

    def has_view_permission(self, request, obj=None):
        return self._has_model_permission(request, "view") or self._has_model_permission(request, "change")

    def has_add_permission(self, request, obj=None):
        return self._has_model_permission(request, "add")

    def has_change_permission(self, request, obj=None):
        return self._has_model_permission(request, "change")

    def has_delete_permission(self, request, obj=None):
        return self._has_model_permission(request, "delete")

    def has_module_permission(self, request):
        return has_module_permission(request.user, self.opts.app_label)


class ReadOnlyInline(ModelPermissionsAdminMixin, admin.TabularInline):
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


class ServiceMadeAdmin(ModelPermissionsAdminMixin, admin.ModelAdmin):
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


def _plain(value):
    """A field value as the change log stores it (JSON-safe, short)."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if hasattr(value, "all"):  # a many-to-many manager
        return sorted(str(item) for item in value.all())
    return str(value)[:500]


def record_admin_change(request, obj, kind: str, changes: dict | None = None):
    from .models import AdminChange

    AdminChange.objects.create(
        actor=request.user if request.user.is_authenticated else None,
        kind=kind,
        model=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        changes=changes or {},
    )


def form_changes(form) -> dict:
    """field → [before, after] of what an admin form changed."""
    changes = {}
    for name in form.changed_data:
        before = form.initial.get(name)
        after = form.cleaned_data.get(name)
        changes[name] = [_plain(before), _plain(after)]
    return changes


class RecordedChangesAdminMixin:
    """Every add, change and delete made through this admin (and its inlines) writes an
    ``AdminChange``: the admin bypasses the services, so this is its record."""

    def save_model(self, request, obj, form, change):
        changes = form_changes(form)
        super().save_model(request, obj, form, change)
        if changes or not change:
            record_admin_change(request, obj, "changed" if change else "added", changes)

    def delete_model(self, request, obj):
        record_admin_change(request, obj, "deleted")
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            record_admin_change(request, obj, "deleted")
        super().delete_queryset(request, queryset)

    def save_formset(self, request, form, formset, change):
        added_or_changed = [
            (f, form_changes(f)) for f in formset.forms if f.has_changed() and f not in formset.deleted_forms
        ]
        deleted = [f.instance for f in formset.deleted_forms if f.instance.pk is not None]
        for obj in deleted:
            record_admin_change(request, obj, "deleted")
        was_new = {id(f): f.instance.pk is None for f, _changes in added_or_changed}
        super().save_formset(request, form, formset, change)
        for inline_form, changes in added_or_changed:
            kind = "added" if was_new[id(inline_form)] else "changed"
            record_admin_change(request, inline_form.instance, kind, changes)


# The shared records' admin pages: ad-hoc holidays (editable) and the change log (read only).
from .models import AdminChange, Holiday  # noqa: E402


@admin.register(Holiday)
class HolidayAdmin(RecordedChangesAdminMixin, ModelPermissionsAdminMixin, admin.ModelAdmin):
    list_display = ["date", "name"]
    search_fields = ["name"]
    date_hierarchy = "date"


@admin.register(AdminChange)
class AdminChangeAdmin(ModelPermissionsAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "actor", "kind", "model", "object_repr"]
    list_filter = ["kind", "model"]
    search_fields = ["object_repr", "object_id"]
    list_select_related = ["actor"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
