"""Reads of the exchange app: a person's import jobs, and the proposal lists to export.

An export is the list the person is looking at — the same selector
(``apps.proposals.selectors.proposal_list``, scoped to them), the same filters from the
query string, and for a queue page the same narrowing as the page itself
(``apps.proposals.views``): so a file never holds a row the screen would not.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import F, Q
from django.http import QueryDict
from django.utils.translation import gettext as _

from apps.accounts.models import Role
from apps.accounts.selectors import user_department_ids, user_region_scope_ids, user_roles
from apps.core.ids import parse_id
from apps.core.querystrings import list_filters
from apps.proposals.models import Outcome, ProposalStatus
from apps.proposals.selectors import proposal_list

from .models import ImportJob

REGION_ROLES = frozenset({Role.REGIONAL_OFFICIAL, Role.VICE_GOVERNOR, Role.LIAISON})
TRIAGE_ROLES = frozenset({Role.TF_STAFF, Role.TF_LEAD, Role.ADMIN})

QUEUE_TITLES = {
    "proposal-list": "건의과제",
    "proposal-mine": "우리 지역 과제",
    "proposal-endorsements": "부지사 확인",
    "proposal-triage": "분류·배정",
    "proposal-inbox": "부서 검토함",
}


def import_jobs_for(user):
    return ImportJob.objects.filter(created_by=user).order_by("-created_at", "-pk")


def import_job_get(user, pk) -> ImportJob | None:
    pk = parse_id(pk)
    if pk is None:
        return None
    return import_jobs_for(user).select_related("created_by").filter(pk=pk).first()


def _roles(user) -> frozenset[str]:
    roles = user_roles(user)
    return roles | {Role.ADMIN} if user.is_superuser else roles


def _require(user, allowed):
    if not _roles(user) & allowed:
        raise PermissionDenied(_("이 목록을 내려받을 권한이 없습니다."))


def _filters(params: QueryDict, defaults: dict | None = None) -> QueryDict:
    """As the list pages read them (the export link also carries ``queue``)."""
    return list_filters(params, defaults=defaults, ignore=("page", "queue"))


def export_queryset(user, queue: str, params: QueryDict):
    """The rows of ``queue`` (a list page's URL name) as ``user`` sees them with ``params``."""
    if queue not in QUEUE_TITLES:
        queue = "proposal-list"
    if queue == "proposal-mine":
        _require(user, REGION_ROLES)
        rows = proposal_list(user, _filters(params)).filter(region_id__in=user_region_scope_ids(user))
    elif queue == "proposal-endorsements":
        _require(user, {Role.VICE_GOVERNOR})
        regions = user_region_scope_ids(user, Role.VICE_GOVERNOR)
        rows = proposal_list(user, _filters(params)).filter(
            region_id__in=regions, status=ProposalStatus.AWAITING_ENDORSEMENT
        )
        return queue, rows.order_by("updated_at", "pk")
    elif queue == "proposal-triage":
        _require(user, TRIAGE_ROLES)
        rows = proposal_list(user, _filters(params, defaults={"status": [ProposalStatus.SUBMITTED]}))
    elif queue == "proposal-inbox":
        _require(user, {Role.DEPT_REVIEWER})
        departments = user_department_ids(user)
        filters = _filters(params)
        rows = proposal_list(user, filters).filter(
            Q(lead_department_id__in=departments) | Q(support_departments__in=departments)
        )
        if "status" not in filters:
            rows = rows.filter(
                Q(status__in=[ProposalStatus.ASSIGNED, ProposalStatus.IN_REVIEW, ProposalStatus.IN_PROGRESS])
                | Q(status=ProposalStatus.DECIDED, outcome__in=[Outcome.ACCEPTED, Outcome.PARTIALLY_ACCEPTED])
            )
        rows = rows.distinct().order_by(F("due_at").asc(nulls_last=True), "pk")
        return queue, rows
    else:
        rows = proposal_list(user, _filters(params))
    return queue, rows.order_by(F("submitted_at").desc(nulls_first=True), "-created_at", "-pk")
