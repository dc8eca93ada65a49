"""The rows of each proposal queue (a list page), as a person sees them with the filters
they chose: the pages and the Excel export of a page read them here, so a queue is
narrowed and ordered in one place."""

import dataclasses
from collections.abc import Callable

from django.db.models import F, Q, QuerySet
from django.http import QueryDict

from apps.accounts.models import Role
from apps.accounts.selectors import user_department_ids, user_region_scope_ids
from apps.core.querystrings import list_filters
from apps.similarity import documents

from .models import Outcome, ProposalStatus
from .selectors import proposal_list, worked_by_q

# Query-string keys that are not filters: paging, and which queue an export is of.
NOT_FILTERS = ("page", "queue")


def query_filters(params: QueryDict, defaults: dict | None = None) -> QueryDict:
    return list_filters(params, defaults=defaults, ignore=NOT_FILTERS)


def newest_first(rows: QuerySet) -> QuerySet:
    return rows.order_by(F("submitted_at").desc(nulls_first=True), "-created_at", "-pk")


def _own_regions(user, rows, filters):
    return newest_first(rows.filter(region_id__in=user_region_scope_ids(user)))


def _awaiting_endorsement(user, rows, filters):
    regions = user_region_scope_ids(user, Role.VICE_GOVERNOR)
    rows = rows.filter(region_id__in=regions, status=ProposalStatus.AWAITING_ENDORSEMENT)
    return rows.order_by("updated_at", "pk")


def _departments_work(user, rows, filters):
    departments = user_department_ids(user)
    rows = rows.filter(worked_by_q(Q(pk__in=departments)))
    if "status" not in filters:
        # What still needs the department: reviews, and accepted items to follow up.
        rows = rows.filter(
            Q(status__in=[ProposalStatus.ASSIGNED, ProposalStatus.IN_REVIEW, ProposalStatus.IN_PROGRESS])
            | Q(status=ProposalStatus.DECIDED, outcome__in=[Outcome.ACCEPTED, Outcome.PARTIALLY_ACCEPTED])
        )
    return rows.order_by(F("due_at").asc(nulls_last=True), "pk")


def _everything(user, rows, filters):
    return newest_first(rows)


@dataclasses.dataclass(frozen=True)
class Queue:
    narrow: Callable  # (user, rows, filters) → the queue's rows, ordered
    defaults: dict = dataclasses.field(default_factory=dict)  # filters applied unless sent


QUEUES = {
    "proposal-list": Queue(_everything),
    "proposal-mine": Queue(_own_regions),
    "proposal-endorsements": Queue(_awaiting_endorsement),
    "proposal-triage": Queue(_everything, defaults={"status": [ProposalStatus.SUBMITTED]}),
    "proposal-inbox": Queue(_departments_work),
}


def queue_rows(user, name: str, params: QueryDict) -> tuple[QueryDict, QuerySet]:
    """The filters in force and the rows of queue ``name`` (a list page's URL name)."""
    queue = QUEUES[name]
    filters = query_filters(params, defaults=queue.defaults)
    rows = queue.narrow(user, proposal_list(user, filters), filters)
    if "search_rank" in rows.query.annotations:
        # A search shows the best match first; the queue's own order ranks equals, but a
        # newest-first queue on PostgreSQL ranks them by record as the public list does,
        # so a page joins 20 proposals rather than every match (similarity.search.ranked).
        equals = rows.query.order_by
        if queue.narrow in (_everything, _own_regions) and documents.enabled():
            equals = ("-pk",)
        rows = rows.order_by(F("search_rank").desc(), *equals)
    return filters, rows
