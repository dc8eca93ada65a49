"""Reads of the exchange app: a person's import jobs, and the proposal lists to export.

An export is the list the person is looking at — the same selector
(``apps.proposals.selectors.proposal_list``, scoped to them), the same filters from the
query string, and for a queue page the same narrowing as the page itself
(``apps.proposals.views``): so a file never holds a row the screen would not.
"""

from typing import NamedTuple

from django.db.models import F, Q
from django.http import QueryDict

from apps.accounts.models import Role
from apps.accounts.selectors import user_department_ids, user_region_scope_ids
from apps.proposals.models import Outcome, ProposalStatus
from apps.proposals.selectors import proposal_list

from .models import ImportJob


class ExportQueue(NamedTuple):
    title: str
    permission: str  # apps/exchange/rules.py: who uses that list page


# The list pages a file can be exported from, by URL name.
EXPORT_QUEUES = {
    "proposal-list": ExportQueue("건의과제", "exchange.export_proposals"),
    "proposal-mine": ExportQueue("우리 지역 과제", "proposals.list_region_proposals"),
    "proposal-endorsements": ExportQueue("부지사 확인", "proposals.list_endorsements"),
    "proposal-triage": ExportQueue("분류·배정", "proposals.triage_proposals"),
    "proposal-inbox": ExportQueue("부서 검토함", "proposals.review_proposals"),
}
DEFAULT_QUEUE = "proposal-list"


def import_jobs_for(user):
    return ImportJob.objects.filter(created_by=user).order_by("-created_at", "-pk")


def import_job_get(user, pk) -> ImportJob | None:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return import_jobs_for(user).select_related("created_by").filter(pk=pk).first()


def export_queue_name(queue: str) -> str:
    """The list page named in the query string, or the general list for anything else."""
    return queue if queue in EXPORT_QUEUES else DEFAULT_QUEUE


def _filters(params: QueryDict, defaults: dict | None = None) -> QueryDict:
    """As the list pages read them: empty values and paging dropped; ``defaults`` for
    keys not sent at all."""
    cleaned = QueryDict(mutable=True)
    for key in params:
        if key in ("page", "queue"):
            continue
        values = [value for value in params.getlist(key) if value.strip()]
        if values:
            cleaned.setlist(key, values)
    for key, value in (defaults or {}).items():
        if key not in params:
            cleaned.setlist(key, value if isinstance(value, list) else [value])
    return cleaned


def export_queryset(user, queue: str, params: QueryDict):
    """The rows of ``queue`` (a list page's URL name) as ``user`` sees them with ``params``.

    Whether ``user`` may export that list is the view's check (``EXPORT_QUEUES``).
    """
    queue = export_queue_name(queue)
    if queue == "proposal-mine":
        rows = proposal_list(user, _filters(params)).filter(region_id__in=user_region_scope_ids(user))
    elif queue == "proposal-endorsements":
        regions = user_region_scope_ids(user, Role.VICE_GOVERNOR)
        rows = proposal_list(user, _filters(params)).filter(
            region_id__in=regions, status=ProposalStatus.AWAITING_ENDORSEMENT
        )
        return queue, rows.order_by("updated_at", "pk")
    elif queue == "proposal-triage":
        rows = proposal_list(user, _filters(params, defaults={"status": [ProposalStatus.SUBMITTED]}))
    elif queue == "proposal-inbox":
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
