"""Who a person is to a proposal, as django-rules predicates (DESIGN.md §2).

The action registry (``registry.py``) names which of these may fire each action and
``rules.py`` registers the permissions; nothing else decides who may do what.
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

__all__ = ["is_admin", "is_tf", "is_tf_lead"]


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
def is_still_open(user, proposal):
    return proposal is not None and proposal.status not in (ProposalStatus.WITHDRAWN, ProposalStatus.MERGED)


@rules.predicate
def is_consulted_organisation_member(user, consultation):
    return consultation is not None and consultation.organisation_id in user_organisation_ids(user)


@rules.predicate
def may_see_consulted_proposal_internals(user, consultation):
    return consultation is not None and user.has_perm("proposals.view_internal_notes", consultation.proposal)


@rules.predicate
def is_consulted_on(user, proposal):
    """A member of an organisation asked about the proposal (open or answered)."""
    organisations = user_organisation_ids(user)
    return (
        proposal is not None
        and bool(organisations)
        and proposal.consultations.filter(organisation_id__in=organisations).exists()
    )


can_view = is_of_region | (
    is_submitted & (is_tf | is_admin | is_covering_office | is_lead_reviewer | is_support_reviewer)
)
reads_internal_notes = is_submitted & (is_tf | is_admin | is_lead_reviewer | is_support_reviewer)

# The roles each page of the proposal menu is for.
is_region_member = has_role(Role.REGIONAL_OFFICIAL, Role.VICE_GOVERNOR, Role.LIAISON)
is_region_writer = has_role(Role.REGIONAL_OFFICIAL, Role.VICE_GOVERNOR)
is_vice_governor = has_role(Role.VICE_GOVERNOR)
is_triage_staff = is_tf | is_admin
is_reviewer = has_role(Role.DEPT_REVIEWER)
is_consulted_expert = has_role(Role.ADVISOR, Role.INSTITUTION)
sees_proposals = is_region_member | is_triage_staff | is_reviewer | has_role(Role.REGIONAL_OFFICE)
