"""What the proposal pages share: the visible proposal, queue rendering, the menu."""

from django.http import Http404, QueryDict
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from apps.core.htmx import wants_partial
from apps.core.paging import KnownCountPaginator
from apps.similarity.search import highlight_terms

from .. import selectors
from ..forms import ProposalFilterForm
from ..models import Proposal, ProposalStatus

PAGE_SIZE = 20

STATUS_BADGES = {
    ProposalStatus.DRAFT: "outline-gray",
    ProposalStatus.AWAITING_ENDORSEMENT: "outline-warning",
    ProposalStatus.SUBMITTED: "outline-primary",
    ProposalStatus.INFO_REQUESTED: "outline-warning",
    ProposalStatus.ASSIGNED: "outline-information",
    ProposalStatus.IN_REVIEW: "outline-information",
    ProposalStatus.DECIDED: "outline-success",
    ProposalStatus.IN_PROGRESS: "outline-primary",
    ProposalStatus.COMPLETED: "outline-success",
    ProposalStatus.REFERRED: "outline-secondary",
    ProposalStatus.MERGED: "outline-secondary",
    ProposalStatus.WITHDRAWN: "outline-gray",
    ProposalStatus.RECONSIDERATION: "outline-danger",
}


def status_badge_class(status: str) -> str:
    return STATUS_BADGES.get(status, "outline-gray")


def queue_links(user) -> list[tuple[str, str]]:
    """The proposal pages this person may use, as (url name, label): each page's own rule."""
    if not user.is_authenticated:
        return []
    pages = [
        ("proposals.list_proposals", "proposal-list", pgettext("menu", "건의과제")),
        ("proposals.list_region_proposals", "proposal-mine", _("우리 지역 과제")),
        ("proposals.list_endorsements", "proposal-endorsements", _("부지사 확인")),
        ("proposals.triage_proposals", "proposal-triage", _("분류·배정")),
        ("proposals.review_proposals", "proposal-inbox", _("부서 검토함")),
        ("proposals.view_workload", "proposal-workload", _("부서별 처리 현황")),
        ("proposals.answer_consultations", "consultation-list", _("받은 자문")),
        ("exchange.import_proposals", "exchange-import-list", _("엑셀로 가져오기")),
        ("similarity.view_similar", "similarity-cluster-list", _("공통건의")),
    ]
    return [(url_name, label) for permission, url_name, label in pages if user.has_perm(permission)]


def visible_proposal(user, pk) -> Proposal:
    proposal = selectors.proposal_get(user, pk)
    if proposal is None:
        raise Http404
    return proposal


def render_queue(
    request, queryset, *, filters: QueryDict, context: dict, template="proposals/proposal_list.html", count=None
):
    """One page of ``queryset``; ``count``: its total when already known (no COUNT query)."""
    paginator = KnownCountPaginator(queryset, PAGE_SIZE, count=count)
    page = paginator.get_page(request.GET.get("page"))
    context = {
        "page_obj": page,
        "proposals": page.object_list,
        "page_range": paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "filter_form": ProposalFilterForm(initial={**filters.dict(), "overdue": filters.get("overdue") == "true"}),
        "results_url": request.path,
        "search_terms": highlight_terms(filters.get("q", "")),
        "hidden_filters": frozenset(),  # filters that do not fit the queue's role
        **context,
    }
    if wants_partial(request):
        template = "proposals/_list.html"
    response = render(request, template, context)
    # The same URL answers with a page or a fragment: caches must keep them apart.
    patch_vary_headers(response, ("HX-Request",))
    return response
