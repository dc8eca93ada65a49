"""Who may import and export (DESIGN.md §2)."""

import rules

from apps.accounts.models import Role
from apps.accounts.predicates import has_role


@rules.predicate
def is_owner(user, job):
    return job is not None and job.created_by_id == user.pk


# Proposals are written by their region's officials and vice-governors: so are imports.
rules.add_perm("exchange.import_proposals", has_role(Role.REGIONAL_OFFICIAL, Role.VICE_GOVERNOR))
rules.add_perm("exchange.view_importjob", is_owner)

# An export holds the rows of one list page (apps.proposals.views), so it is allowed by
# that page's own rule (``selectors.EXPORT_QUEUES``). The general list: anyone signed in
# (the selectors scope it).
rules.add_perm("exchange.export_proposals", rules.is_authenticated)
