"""Who may import (DESIGN.md §2); exporting needs only a sign-in, the selectors scope it."""

import rules

from apps.accounts.models import Role
from apps.accounts.predicates import has_role

# Proposals are written by their region's officials and vice-governors: so are imports.
rules.add_perm("exchange.import_proposals", has_role(Role.REGIONAL_OFFICIAL, Role.VICE_GOVERNOR))
# An export holds the rows of one list page (apps.proposals.views), so it is allowed by
# that page's own rule (``selectors.EXPORT_QUEUES``). The general list: anyone signed in
# (the selectors scope it).
rules.add_perm("exchange.export_proposals", rules.is_authenticated)
