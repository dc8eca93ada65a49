"""Who may compare proposals across regions and group them (DESIGN.md §2–3)."""

import rules

from apps.accounts.predicates import is_admin, is_tf

# The TF triages: it compares proposals of every region and groups duplicates.
rules.add_perm("similarity.manage_cluster", is_tf)
rules.add_perm("similarity.view_similar", is_tf | is_admin)
