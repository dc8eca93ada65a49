"""Reusable django-rules predicates about who a person is (their active roles).

Each app's ``rules.py`` combines these into its named permissions; this is the one
place that knows how roles are read from memberships.
"""

import rules

from .models import MINISTRY_ROLES, Role
from .selectors import user_roles


def has_role(*roles: str):
    wanted = frozenset(roles)
    name = "has_role:" + ",".join(sorted(wanted))

    @rules.predicate(name=name)
    def predicate(user):
        return bool(user_roles(user) & wanted)

    return predicate


# Roles only: a Django superuser is an admin-site account, not a workflow role.
is_admin = has_role(Role.ADMIN)
is_tf = has_role(Role.TF_STAFF, Role.TF_LEAD)
is_tf_lead = has_role(Role.TF_LEAD)
is_ministry_staff = has_role(*MINISTRY_ROLES)
is_forum = has_role(Role.FORUM_MEMBER, Role.FORUM_CHAIR)
