"""Who may import (DESIGN.md §2); exporting needs only a sign-in, the selectors scope it."""

import rules

from apps.accounts.models import Role
from apps.accounts.predicates import has_role, is_admin, is_tf

# Proposals are written by their region's officials and vice-governors: so are imports.
rules.add_perm("exchange.import_proposals", has_role(Role.REGIONAL_OFFICIAL, Role.VICE_GOVERNOR))
# An export holds the rows of one list page (apps.proposals.views), so it is allowed by
# that page's own rule (``selectors.EXPORT_QUEUES``). The general list: anyone signed in
# (the selectors scope it).
rules.add_perm("exchange.export_proposals", rules.is_authenticated)
# The ministry's ledger (관리대장): the staff who triage, review and follow proposals. Which
# rows and columns each sees is the selectors'; which cells each may change, the rules of
# the registry's actions, row by row.
ledger_staff = is_tf | is_admin | has_role(Role.DEPT_REVIEWER, Role.REGIONAL_OFFICE)
rules.add_perm("exchange.export_ledger", ledger_staff)
# Only those whose actions a ledger column feeds (TF: assignment; department reviewers:
# decisions and follow-up) upload one.
rules.add_perm("exchange.update_ledger", is_tf | has_role(Role.DEPT_REVIEWER))
# Past 건의 brought in with their original references (``manage.py import_history``): operators.
rules.add_perm("exchange.import_history", is_admin)
