"""Who may import (DESIGN.md §2); exporting needs only a sign-in, the selectors scope it."""

import rules

from apps.accounts.models import Role
from apps.accounts.predicates import has_role

# Proposals are written by their region's officials and vice-governors: so are imports.
rules.add_perm("exchange.import_proposals", has_role(Role.REGIONAL_OFFICIAL, Role.VICE_GOVERNOR))
