"""The public portal (DESIGN.md §6): anonymous, Korean first, read-only.

Every read starts from ``selectors.public_proposals()``; templates show the public fields
only. The expensive parts of each page (results, a proposal's body, the statistics) are
cached per data generation and language (``caching``); the page around them — header,
CSRF token, the signed-in person's name — is rendered for each request.
"""

from django.contrib.humanize.templatetags.humanize import intcomma
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe

from apps.core.htmx import wants_partial
from apps.core.paging import KnownCountPaginator
from apps.core.templatetags.site_tags import localized_name
from apps.organisations import selectors as organisation_selectors
from apps.organisations.models import Region
from apps.proposals.steps import steps_for
from apps.proposals.timeline import timeline_for
from apps.similarity.search import highlight_terms

from . import caching, selectors, snapshots
from .forms import PublicFilterForm
from .geo import region_shapes
from .serializers import EXPORT_COLUMNS, public_merge_target

PAGE_SIZE = 20
# "count=exact": count every match of a search (otherwise counted up to SEARCH_COUNT_CAP);
# "order=relevance": rank a search with that many matches too.
FILTER_KEYS = ("q", "region", "status", "outcome", "category", "strategy", "department", "year", "count", "order")
# A search matching more than this many says "more than …" (the exact count one link away)
# and lists them newest first (ranking one link away): counting or ranking 20,000 matches
# of a common word read every one of them, where a newest-first page reads a few dozen.
SEARCH_COUNT_CAP = 1000
MAP_CLASSES = 5


def clean_params(query: QueryDict) -> QueryDict:
    """The filters only, without empty values or NUL bytes (which no value holds)."""
    cleaned = QueryDict(mutable=True)
    for name in FILTER_KEYS:
        values = [value.replace("\x00", "").strip()[:200] for value in query.getlist(name)]
        values = [value for value in values if value]
        if values:
            cleaned.setlist(name, values)
    return cleaned


def statistics() -> dict:
    return caching.cached("stats", snapshots.statistics, scope="stats")


# --- list ----------------------------------------------------------------------------------


def _page_url(params: QueryDict, number: int) -> str:
    query = params.copy()
    query["page"] = str(number)
    return f"{reverse('portal-proposal-list')}?{query.urlencode()}"


def _with(params: QueryDict, **values) -> QueryDict:
    """``params`` with ``values`` set (an empty value removes the key)."""
    query = params.copy()
    for name, value in values.items():
        if value:
            query[name] = value
        else:
            query.pop(name, None)
    return query


def _results(params: QueryDict, page_number) -> dict:
    query = params.urlencode()
    suffix = f"?{query}" if query else ""
    exact = params.get("count") == "exact"
    queryset, filterset = selectors.filter_public(
        params,
        count_matches_up_to=None if exact else SEARCH_COUNT_CAP,
        merge_target=False,
        support_departments=False,
    )
    capped = many = False
    if not params.get("q"):
        # Unfiltered or filtered by what the maintained counts know: no COUNT over the proposals.
        known = selectors.tallied_total(params)
    else:
        if exact:
            known = queryset.order_by().count()
        elif filterset.matches is not None:  # counted while searching
            known = filterset.matches
        else:
            known = queryset.order_by()[: SEARCH_COUNT_CAP + 1].count()
        many = known > SEARCH_COUNT_CAP
        capped = many and not exact
        known = min(known, SEARCH_COUNT_CAP) if capped else known
    by_relevance = bool(params.get("q")) and (not many or params.get("order") == "relevance")
    if params.get("q") and not by_relevance:
        queryset = selectors.ordered(queryset)  # an index walk, not a ranking of every match
    paginator = KnownCountPaginator(queryset, PAGE_SIZE, count=known)
    page = paginator.get_page(page_number)
    pages = []
    for number in paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1):
        if number == paginator.ELLIPSIS:
            pages.append({"ellipsis": True})
        else:
            pages.append({"number": number, "url": _page_url(params, number), "current": number == page.number})
    context = {
        "page_obj": page,
        "proposals": page.object_list,
        "pages": pages,
        "previous_url": _page_url(params, page.previous_page_number()) if page.has_previous() else "",
        "next_url": _page_url(params, page.next_page_number()) if page.has_next() else "",
        "invalid": not filterset.is_valid(),
        "searching": by_relevance,
        "capped": capped,
        "exact_count_url": _page_url(_with(params, count="exact"), 1) if capped else "",
        # The other order of a search with many matches.
        "reorder_url": _page_url(_with(params, order="" if by_relevance else "relevance"), 1) if many else "",
        "search_terms": highlight_terms(params.get("q", "")),
        # The downloads follow the filters: they are part of the results htmx replaces.
        "downloads": [
            (label, f"{reverse('portal-export', args=[fmt])}{suffix}", fmt)
            for fmt, label in (("csv", "CSV"), ("xlsx", "XLSX"), ("json", "JSON"))
        ],
        "api_url": f"{reverse('api-public-proposal-list')}{suffix}",
        "feed_url": f"{reverse('portal-feed-atom')}{suffix}",
    }
    return {"html": render_to_string("portal/_results.html", context), "count": paginator.count, "capped": capped}


@require_safe
@caching.private_http
def proposal_list(request):
    params = clean_params(request.GET)
    page_number = request.GET.get("page", "1").replace("\x00", "")[:10]
    results = caching.cached("list", lambda: _results(params, page_number), params.urlencode(), page_number)
    if results.get("capped"):
        announce = _("%(count)s건 넘게 찾았습니다") % {"count": intcomma(results["count"])}
    else:
        announce = ngettext("모두 %(count)d건", "모두 %(count)d건", results["count"]) % {"count": results["count"]}
    if wants_partial(request):
        response = HttpResponse(
            results["html"] + format_html('<p id="result-announce" hx-swap-oob="innerHTML">{}</p>', announce)
        )
    else:
        choices = caching.cached("filter-choices", snapshots.filter_choices)
        form = PublicFilterForm(initial=params.dict(), choices=choices)
        response = render(
            request,
            "portal/proposal_list.html",
            {"form": form, "results_html": results["html"], "count": results["count"]},
        )
    return response


# --- one proposal ----------------------------------------------------------------------------


def _detail(pk) -> dict:
    proposal = selectors.public_proposal_get(pk)
    if proposal is None:
        return {"missing": True}
    timeline = [
        {"event": item.event, "details": item.payload, "label": item.label}
        for item in timeline_for(None, proposal, selectors.public_events(proposal))
    ]
    merged_from = list(
        selectors.public_proposals()
        .prefetch_related(None)
        .filter(merged_into=proposal)
        .order_by("reference")
        .values("pk", "reference", "title")
    )
    current_region = proposal.region
    if not current_region.is_current and current_region.successor_id:
        current_region = current_region.successor
    context = {
        "proposal": proposal,
        "timeline": timeline,
        "merged_from": merged_from,
        "merged_into": public_merge_target(proposal),
        "current_region": current_region,
        "steps": steps_for(proposal),
        "milestones": list(proposal.milestones.select_related("department")),
    }
    return {
        "missing": False,
        "reference": proposal.reference,
        "title": proposal.title,
        "summary": proposal.summary,
        "html": render_to_string("portal/_proposal_body.html", context),
    }


@require_safe
@caching.private_http
def proposal_detail(request, pk: int):
    data = caching.cached("detail", lambda: _detail(pk), pk, scope=f"proposal:{pk}")
    if data["missing"]:
        raise Http404
    from .follow_views import follow_context

    return render(request, "portal/proposal_detail.html", {**data, "pk": pk, **follow_context(request, pk)})


# --- statistics ----------------------------------------------------------------------------


def map_regions(rows: list[dict]) -> list[dict]:
    """Today's regions with their outline and a colour class 0–4 by number of proposals
    (equal steps up to the largest count; 0 is none)."""
    shapes = region_shapes()["shapes"]
    top = max((row["total"] for row in rows), default=0)
    regions = []
    for row in rows:
        if row["code"] not in shapes:
            continue
        level = 0 if not row["total"] or not top else min(MAP_CLASSES - 1, 1 + (row["total"] * 4 - 1) // top)
        regions.append({**row, "d": shapes[row["code"]], "level": level})
    return regions


def map_legend(rows: list[dict]) -> list[dict]:
    top = max((row["total"] for row in rows), default=0)
    legend = [{"level": 0, "label": _("없음")}]
    if top:
        for level in range(1, MAP_CLASSES):
            low = (level - 1) * top // 4 + 1
            high = level * top // 4
            if high >= low:
                legend.append({"level": level, "label": f"{low}–{high}" if high > low else f"{low}"})
    return legend


def month_label(row: dict) -> str:
    if row.get("partial"):
        return _("%(month)s(진행 중)") % {"month": row["month"]}
    return row["month"]


def _chart_data(stats: dict) -> dict:
    return {
        "status": {
            "labels": [r["label"] for r in stats["by_status"]],
            "values": [r["total"] for r in stats["by_status"]],
        },
        "outcome": {
            "labels": [r["label"] for r in stats["by_outcome"]],
            "values": [r["total"] for r in stats["by_outcome"]],
        },
        "region": {
            "labels": [localized_name(r, "short") for r in stats["by_current_region"]],
            "values": [r["total"] for r in stats["by_current_region"]],
            "rates": [r["acceptance_rate"] for r in stats["by_current_region"]],
        },
        "department": {
            "labels": [localized_name(r) for r in stats["by_department"]],
            "median": [r["median_days"] for r in stats["by_department"]],
            "p90": [r["p90_days"] for r in stats["by_department"]],
        },
        "strategy": {
            "labels": [localized_name(r) for r in stats["by_strategy"]],
            "values": [r["total"] for r in stats["by_strategy"]],
        },
        "monthly": {
            "labels": [month_label(r) for r in stats["monthly"]],
            "received": [r["received"] for r in stats["monthly"]],
            "decided": [r["decided"] for r in stats["monthly"]],
            # The running month: drawn dashed with a hollow point, not as a drop.
            "partial_index": next((i for i, r in enumerate(stats["monthly"]) if r.get("partial")), -1),
        },
        "labels": {
            "count": _("건수"),
            "rate": _("수용률(%)"),
            "median": _("중앙값(일)"),
            "p90": _("90백분위(일)"),
            "received": _("접수"),
            "decided": _("결정"),
        },
    }


def _stats_context() -> dict:
    stats = statistics()
    return {
        "stats": stats,
        "map_view_box": region_shapes()["view_box"],
        "map_regions": map_regions(stats["by_current_region"]),
        "map_legend": map_legend(stats["by_current_region"]),
        "chart_data": _chart_data(stats),
        "historical_regions": [row for row in stats["by_region"] if not row["is_current"]],
    }


@require_safe
@caching.private_http
def stats_page(request):
    body = caching.cached("stats-page", lambda: render_to_string("portal/_stats_body.html", _stats_context()))
    return render(request, "portal/stats.html", {"body_html": body})


# --- open data -----------------------------------------------------------------------------


@require_safe
@caching.private_http
def open_data(request):
    return render(
        request,
        "portal/open_data.html",
        {
            "columns": [str(label) for label, _getter in EXPORT_COLUMNS],
            "regions": Region.objects.order_by("code").values(
                "code", "name", "name_en", "name_en_verified", "valid_to"
            ),
        },
    )


# --- home ----------------------------------------------------------------------------------


def _latest_decisions(limit: int = 5) -> list[dict]:
    rows = (
        selectors.public_proposals()
        .prefetch_related(None)
        .filter(status__in=selectors.DECIDED_STATUSES, decided_at__isnull=False)
        .exclude(outcome="")
        .order_by("-decided_at", "-pk")[:limit]
    )
    return [
        {
            "pk": p.pk,
            "reference": p.reference,
            "title": p.title,
            "region": localized_name(p.region),
            "outcome": p.outcome,
            "outcome_label": p.get_outcome_display(),
            "decided_at": p.decided_at,
        }
        for p in rows
    ]


def home_context() -> dict:
    """What the public home page adds: the headline numbers and the latest decisions."""
    return caching.cached(
        "home",
        lambda: {
            "headline": statistics()["totals"],
            "sums": statistics().get("sums", {}),
            "latest_decisions": _latest_decisions(),
        },
    )


@caching.private_http
def home(request):
    """The site's front page: what the platform is, the bodies, the headline numbers."""
    context = {
        "bodies": organisation_selectors.body_tree(),
        "council_region_count": organisation_selectors.council_region_count(),
        **home_context(),
    }
    return render(request, "portal/home.html", context)
