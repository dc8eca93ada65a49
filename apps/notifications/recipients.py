"""Who hears of what (DESIGN.md §5): one function per kind of notification.

Each function answers with a filter over today's ``Membership`` rows: the people it
selects, in the capacity (role) in which they hear of it — the role then picks their
default e-mail channel (``preferences.py``). ``resolve`` turns a filter into
``{user_id: roles}`` in one query and always leaves out the person who acted.

Everyone selected here may see what the notification is about, and nobody else is
selected: a proposal's region is the region it was filed under and those that succeeded
it (광주 → 전남광주), never another region; reviewers are those of the departments the
proposal is assigned to, never another department; the TF never hears of a draft.
"""

import dataclasses
import datetime
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.db.models import Q

from apps.accounts.models import Membership, Role
from apps.organisations.models import Department, Region, today
from apps.proposals.models import PRE_SUBMISSION, Consultation, Proposal, ProposalEvent
from apps.proposals.models import ProposalStatus as S

from .models import Kind

User = get_user_model()
NOBODY = Q(pk__in=[])
REGION_AUTHORS = (Role.REGIONAL_OFFICIAL, Role.VICE_GOVERNOR)
CONSULTED_ROLES = (Role.ADVISOR, Role.INSTITUTION)


# --- building blocks ------------------------------------------------------------------


def answering_region_ids(region_id: int) -> list[int]:
    """The region a proposal was filed under and every region that succeeded it.

    Officials of 전남광주 (12) answer for what 광주 (29) filed before the merger; nobody
    of 광주's neighbours does.
    """
    ids, current = [], region_id
    while current is not None and current not in ids:
        ids.append(current)
        current = Region.objects.filter(pk=current).values_list("successor_id", flat=True).first()
    return ids


def region_people(proposal: Proposal, *roles: str) -> Q:
    """People of the proposal's region in ``roles`` (by default officials and vice-governors)."""
    return Q(role__in=roles or REGION_AUTHORS, region_id__in=answering_region_ids(proposal.region_id))


def tf(*roles: str) -> Q:
    """The planning group's TF (staff and lead, or only ``roles``)."""
    return Q(role__in=roles or (Role.TF_STAFF, Role.TF_LEAD))


def reviewers_of(department_ids) -> Q:
    ids = [pk for pk in department_ids if pk is not None]
    return Q(role=Role.DEPT_REVIEWER, department_id__in=ids) if ids else NOBODY


def lead_reviewers(proposal: Proposal) -> Q:
    """Reviewers of the proposal's lead department (none before it is assigned)."""
    return reviewers_of([proposal.lead_department_id])


def support_reviewers(proposal: Proposal) -> Q:
    return reviewers_of(proposal.support_departments.values_list("pk", flat=True))


def organisation_members(organisation_id: int | None) -> Q:
    return Q(role__in=CONSULTED_ROLES, organisation_id=organisation_id) if organisation_id else NOBODY


@dataclasses.dataclass
class Recipient:
    """A person to notify: the roles they are addressed in and their e-mail address."""

    roles: set[str]
    email: str


def resolve(query: Q, *, exclude_user_id: int | None = None, on: datetime.date | None = None) -> dict[int, Recipient]:
    """``{user_id: Recipient}`` for active people with a membership valid on ``on``
    (today) matching ``query``, in one query; never ``exclude_user_id`` (the actor)."""
    rows = (
        Membership.objects.valid_on(on or today())
        .filter(query, user__is_active=True)
        .values_list("user_id", "role", "user__email")
        .order_by()
    )
    if exclude_user_id is not None:
        rows = rows.exclude(user_id=exclude_user_id)
    people: dict[int, Recipient] = {}
    for user_id, role, email in rows:
        people.setdefault(user_id, Recipient(roles=set(), email=email or "")).roles.add(role)
    return people


def recipients_of_users(users, *, exclude_user_id: int | None = None) -> dict[int, Recipient]:
    """For other apps (meeting invitations, mentions): the given people, addressed in
    all their current roles (which pick their default channel)."""
    ids = [getattr(user, "pk", user) for user in users]
    people = resolve(Q(user_id__in=ids), exclude_user_id=exclude_user_id)
    # People without any current role still hear of what names them personally.
    for user_id, email in User.objects.filter(pk__in=ids, is_active=True).values_list("pk", "email"):
        if user_id != exclude_user_id:
            people.setdefault(user_id, Recipient(roles=set(), email=email or ""))
    return people


def _consultation(event: ProposalEvent) -> Consultation | None:
    pk = (event.payload or {}).get("consultation")
    return Consultation.objects.filter(pk=pk).first() if pk else None


# --- proposal events: one function per kind ---------------------------------------------


def endorsement_requested(event: ProposalEvent) -> Q:
    """``submit``: the region's vice-governor(s), who endorse or return the draft."""
    return region_people(event.proposal, Role.VICE_GOVERNOR)


def returned(event: ProposalEvent) -> Q:
    """``return``: the region's officials — the draft is back with them."""
    return region_people(event.proposal, Role.REGIONAL_OFFICIAL)


def submitted(event: ProposalEvent) -> Q:
    """``endorse``: the TF (staff and lead) who triage it, and the region's officials."""
    return tf() | region_people(event.proposal, Role.REGIONAL_OFFICIAL)


def info_requested(event: ProposalEvent) -> Q:
    """``request_info``: the region's officials and vice-governor(s), who must answer."""
    return region_people(event.proposal)


def resubmitted(event: ProposalEvent) -> Q:
    """``resubmit``: the TF, who asked for the information."""
    return tf()


def region_answered(event: ProposalEvent) -> Q:
    """``answer_region_request``: the lead department's reviewers, who asked during review."""
    return lead_reviewers(event.proposal)


def assigned(event: ProposalEvent) -> Q:
    """``assign`` / ``reassign``: reviewers of the lead and support departments, the
    region (officials and vice-governors), and on a reassignment the reviewers of the
    department that had it until now."""
    proposal = event.proposal
    query = lead_reviewers(proposal) | support_reviewers(proposal) | region_people(proposal)
    previous = (event.payload or {}).get("previous_lead_department")
    if event.action == "reassign" and previous:
        query |= reviewers_of(Department.objects.filter(code=previous).values_list("pk", flat=True))
    return query


def declined(event: ProposalEvent) -> Q:
    """``decline``: the TF, who must route it again."""
    return tf()


def consultation_requested(event: ProposalEvent) -> Q:
    """``consult``: the members of the consulted partner organisation."""
    consultation = _consultation(event)
    return organisation_members(consultation.organisation_id if consultation else None)


def consultation_answered(event: ProposalEvent) -> Q:
    """``consultation_answered``: the reviewer who asked and the lead department's reviewers."""
    consultation = _consultation(event)
    asked = Q(user_id=consultation.requested_by_id, role=Role.DEPT_REVIEWER) if consultation else NOBODY
    return asked | lead_reviewers(event.proposal)


def decided(event: ProposalEvent) -> Q:
    """``decide``: the region (officials, vice-governors and the 지역협력관) and the TF."""
    return region_people(event.proposal, Role.REGIONAL_OFFICIAL, Role.VICE_GOVERNOR, Role.LIAISON) | tf()


def followup_updated(event: ProposalEvent) -> Q:
    """``start_followup`` / ``update_followup``: the region, whose proposal is being carried out."""
    return region_people(event.proposal)


def extended(event: ProposalEvent) -> Q:
    """``extend``: the region — the rules require a notice to it of the new due date."""
    return region_people(event.proposal)


def appealed(event: ProposalEvent) -> Q:
    """``appeal``: the TF lead, who upholds or reopens, and the lead department."""
    return tf(Role.TF_LEAD) | lead_reviewers(event.proposal)


def upheld(event: ProposalEvent) -> Q:
    """``uphold``: the region that appealed, and the lead department."""
    return region_people(event.proposal) | lead_reviewers(event.proposal)


def reopened(event: ProposalEvent) -> Q:
    """``reopen``: the region, and the lead department, who review it again."""
    return region_people(event.proposal) | lead_reviewers(event.proposal)


def completed(event: ProposalEvent) -> Q:
    """``complete``: everyone involved — the TF, the lead department and the region."""
    return tf() | lead_reviewers(event.proposal) | region_people(event.proposal)


def referred(event: ProposalEvent) -> Q:
    """``refer``: the TF, the lead department if it had been assigned, and the region."""
    return tf() | lead_reviewers(event.proposal) | region_people(event.proposal)


def merged(event: ProposalEvent) -> Q:
    """``merge``: the TF and the region (merging happens before assignment)."""
    return tf() | lead_reviewers(event.proposal) | region_people(event.proposal)


def withdrawn(event: ProposalEvent) -> Q:
    """``withdraw``: the region; once submitted, also the TF and any lead department.
    A draft never reached the ministry, so the ministry never hears of it."""
    query = region_people(event.proposal)
    if event.from_status in PRE_SUBMISSION:
        return query
    return query | tf() | lead_reviewers(event.proposal)


def rereview(event: ProposalEvent) -> Q:
    """``rereview`` (long_term item back on schedule): the TF and the lead department."""
    return tf() | lead_reviewers(event.proposal)


# kind → who hears of it. Which kind an action sends is its registry record's
# (``apps.proposals.registry``, ``notifies``); actions that send none (create, update,
# start_review, attach) concern nobody but the person doing them.
KIND_RECIPIENTS: dict[str, Callable[[ProposalEvent], Q]] = {
    Kind.ENDORSEMENT_REQUESTED: endorsement_requested,
    Kind.RETURNED: returned,
    Kind.SUBMITTED: submitted,
    Kind.INFO_REQUESTED: info_requested,
    Kind.RESUBMITTED: resubmitted,
    Kind.ASSIGNED: assigned,
    Kind.DECLINED: declined,
    Kind.CONSULTATION_REQUESTED: consultation_requested,
    Kind.CONSULTATION_ANSWERED: consultation_answered,
    Kind.DECIDED: decided,
    Kind.FOLLOWUP_UPDATED: followup_updated,
    Kind.EXTENDED: extended,
    Kind.APPEALED: appealed,
    Kind.UPHELD: upheld,
    Kind.REOPENED: reopened,
    Kind.COMPLETED: completed,
    Kind.REFERRED: referred,
    Kind.MERGED: merged,
    Kind.WITHDRAWN: withdrawn,
    Kind.REREVIEW: rereview,
    Kind.REGION_ANSWERED: region_answered,
}


# --- deadlines (Celery beat): one function per kind --------------------------------------


def assignees(proposal: Proposal) -> Q:
    """Whoever the clock is running for: the TF while it waits for triage (submitted),
    the lead department's reviewers while it is assigned or in review."""
    if proposal.status == S.SUBMITTED:
        return tf(Role.TF_STAFF)
    if proposal.status in (S.ASSIGNED, S.IN_REVIEW):
        return lead_reviewers(proposal)
    return NOBODY


def due_soon(proposal: Proposal) -> Q:
    """Due within 3 business days: the assignee."""
    return assignees(proposal)


def overdue(proposal: Proposal) -> Q:
    """Past its due date: the assignee."""
    return assignees(proposal)


def escalated(proposal: Proposal) -> Q:
    """Past its due date: escalated to the TF lead (국토정책관·국토도시실장)."""
    return tf(Role.TF_LEAD)


def interim_notice(proposal: Proposal) -> Q:
    """A review that runs long: a progress notice to the region."""
    return region_people(proposal)


def rereview_due(proposal: Proposal) -> Q:
    """A long_term decision coming up for re-review: the TF."""
    return tf()


REMINDER_RECIPIENTS: dict[str, Callable[[Proposal], Q]] = {
    Kind.DUE_SOON: due_soon,
    Kind.OVERDUE: overdue,
    Kind.ESCALATED: escalated,
    Kind.INTERIM_NOTICE: interim_notice,
    Kind.REREVIEW_DUE: rereview_due,
}
