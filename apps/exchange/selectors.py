"""Reads of the exchange app: a person's import jobs, and the proposal lists to export.

An export is the list the person is looking at — the same selector
(``apps.proposals.selectors.proposal_list``, scoped to them), the same filters from the
query string, and for a queue page the same narrowing as the page itself
(``apps.proposals.views``): so a file never holds a row the screen would not.
"""

from typing import NamedTuple

from django.http import Http404, QueryDict

from apps.core.ids import parse_id
from apps.proposals.queues import queue_rows

from .models import ImportJob


class ExportQueue(NamedTuple):
    title: str
    permission: str  # the rule of that list page (apps/proposals/rules.py)


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
    pk = parse_id(pk)
    if pk is None:
        return None
    return import_jobs_for(user).select_related("created_by").filter(pk=pk).first()


def own_job(model, user, pk):
    """A job (a ledger update or export) ``user`` asked for; anyone else's does not exist
    for them (Http404, which the API answers as its 404 too)."""
    pk = parse_id(pk)
    job = model.objects.filter(pk=pk, created_by=user).select_related("created_by").first() if pk else None
    if job is None:
        raise Http404
    return job


def export_queue_name(queue: str) -> str:
    """The list page named in the query string, or the general list for anything else."""
    return queue if queue in EXPORT_QUEUES else DEFAULT_QUEUE


def export_queryset(user, queue: str, params: QueryDict):
    """The rows of ``queue`` (a list page's URL name) as ``user`` sees them with ``params``.

    Whether ``user`` may export that list is the view's check (``EXPORT_QUEUES``).
    """
    queue = export_queue_name(queue)
    _filters, rows = queue_rows(user, queue, params)
    return queue, rows
