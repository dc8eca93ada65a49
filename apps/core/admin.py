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
