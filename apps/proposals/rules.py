"""Who may do what to a proposal (DESIGN.md §2–3), as django-rules permissions.

Named ``proposals.<action>_proposal``; services, views and the API all check these.
"""

import rules

from apps.accounts.models import Role
from apps.accounts.predicates import has_role, is_admin, is_tf, is_tf_lead
from apps.accounts.selectors import (
    user_covered_region_ids,
    user_department_ids,
    user_organisation_ids,
    user_region_scope_ids,
)

from .models import PRE_SUBMISSION, ProposalStatus


def _region_predicate(name: str, *roles: str):
    @rules.predicate(name=name)
    def predicate(user, proposal):
        return proposal is not None and proposal.region_id in user_region_scope_ids(user, *roles)

    return predicate


is_of_region = _region_predicate("is_of_region")
is_region_author = _region_predicate("is_region_author", Role.REGIONAL_OFFICIAL, Role.VICE_GOVERNOR)
is_region_vice_governor = _region_predicate("is_region_vice_governor", Role.VICE_GOVERNOR)


@rules.predicate
def is_submitted(user, proposal):
    return proposal is not None and proposal.status not in PRE_SUBMISSION


@rules.predicate
def is_covering_office(user, proposal):
    return proposal is not None and proposal.region_id in user_covered_region_ids(user)


@rules.predicate
def is_lead_reviewer(user, proposal):
    return proposal is not None and proposal.lead_department_id in user_department_ids(user)


@rules.predicate
def is_support_reviewer(user, proposal):
    if proposal is None:
        return False
    departments = user_department_ids(user)
    return bool(departments) and any(d.pk in departments for d in proposal.support_departments.all())


@rules.predicate
def is_consulted(user, proposal):
    if proposal is None:
        return False
    organisations = user_organisation_ids(user)
    return bool(organisations) and any(c.organisation_id in organisations for c in proposal.consultations.all())


can_view = is_of_region | (
    is_submitted & (is_tf | is_admin | is_covering_office | is_lead_reviewer | is_support_reviewer)
)

rules.add_perm("proposals.add_proposal", has_role(Role.REGIONAL_OFFICIAL, Role.VICE_GOVERNOR))
rules.add_perm("proposals.view_proposal", can_view)
# A consulted organisation sees only the consulted part, through the consultation.
rules.add_perm("proposals.view_consulted_proposal", is_consulted)
rules.add_perm(
    "proposals.view_internal_notes", is_submitted & (is_tf | is_admin | is_lead_reviewer | is_support_reviewer)
)
rules.add_perm("proposals.change_proposal", is_region_author)

# Transitions (DESIGN.md §3 "Who may fire").
for action in ("submit", "resubmit", "withdraw", "appeal"):
    rules.add_perm(f"proposals.{action}_proposal", is_region_author)
for action in ("endorse", "return"):
    rules.add_perm(f"proposals.{action}_proposal", is_region_vice_governor)
for action in ("request_info", "assign", "reassign", "refer", "merge"):
    rules.add_perm(f"proposals.{action}_proposal", is_tf)
for action in ("start_review", "decline", "decide", "start_followup", "complete", "extend", "update_followup"):
    rules.add_perm(f"proposals.{action}_proposal", is_lead_reviewer)
for action in ("uphold", "reopen"):
    rules.add_perm(f"proposals.{action}_proposal", is_tf_lead)

rules.add_perm("proposals.consult_proposal", is_lead_reviewer | is_support_reviewer)


@rules.predicate
def is_still_open(user, proposal):
    return proposal is not None and proposal.status not in (ProposalStatus.WITHDRAWN, ProposalStatus.MERGED)


rules.add_perm("proposals.attach_proposal", is_still_open & (is_region_author | is_tf | is_lead_reviewer))


@rules.predicate
def is_consulted_organisation_member(user, consultation):
    return consultation is not None and consultation.organisation_id in user_organisation_ids(user)


@rules.predicate
def may_see_consulted_proposal_internals(user, consultation):
    return consultation is not None and user.has_perm("proposals.view_internal_notes", consultation.proposal)


rules.add_perm("proposals.view_consultation", is_consulted_organisation_member | may_see_consulted_proposal_internals)
rules.add_perm("proposals.respond_consultation", is_consulted_organisation_member)
