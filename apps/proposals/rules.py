"""Who may do what to a proposal (DESIGN.md §2–3), as django-rules permissions.

Named ``proposals.<action>_proposal``. Each action's rule is its registry record's
(``registry.py``); the predicates are in ``predicates.py``. Views, the API and the
services check these and nothing else.
"""

import rules

from . import predicates as p
from .registry import FIREABLE

rules.add_perm("proposals.add_proposal", p.is_region_writer)
rules.add_perm("proposals.view_proposal", p.can_view)
rules.add_perm("proposals.view_internal_notes", p.reads_internal_notes)
# The consulted read the proposal itself (body, attachments, their question), not its
# record: a permission of its own, so comments and the timeline stay with view_proposal.
rules.add_perm("proposals.read_consulted_proposal", p.is_submitted & p.is_consulted_on)
rules.add_perm("proposals.change_proposal", p.is_region_author)
rules.add_perm("proposals.attach_proposal", p.is_still_open & (p.is_region_author | p.is_tf | p.is_lead_reviewer))

for spec in FIREABLE.values():
    rules.add_perm(spec.permission, spec.rule)

rules.add_perm(
    "proposals.view_consultation", p.is_consulted_organisation_member | p.may_see_consulted_proposal_internals
)
rules.add_perm("proposals.respond_consultation", p.is_consulted_organisation_member)

# The pages of the proposal menu, by the roles they are for.
rules.add_perm("proposals.list_proposals", p.sees_proposals)
rules.add_perm("proposals.list_region_proposals", p.is_region_member)
rules.add_perm("proposals.list_endorsements", p.is_vice_governor)
rules.add_perm("proposals.triage_proposals", p.is_triage_staff)
rules.add_perm("proposals.review_proposals", p.is_reviewer)
rules.add_perm("proposals.view_workload", p.is_triage_staff | p.is_reviewer)
rules.add_perm("proposals.answer_consultations", p.is_consulted_expert)
