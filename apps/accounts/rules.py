import rules

from .predicates import is_admin, is_ministry_staff


@rules.predicate
def is_self(user, target):
    return target is not None and user.pk == getattr(target, "pk", None)


rules.add_perm("accounts.provision_member", is_admin)
rules.add_perm("accounts.view_user_memberships", rules.is_authenticated & (is_self | is_ministry_staff | is_admin))
