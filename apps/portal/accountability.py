"""The accountability pages of the public portal (issue 17): a proposal's own Atom feed
of its public timeline, and the list of every accepted proposal with its progress and late
milestones (like Decidim's results), filterable by region, strategy and department."""

from django.contrib.syndication.views import Feed
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from apps.core.text import clean_text
from apps.proposals.display import payload_rows
from apps.proposals.models import Outcome
from apps.proposals.models import ProposalStatus as S
from apps.proposals.timeline import timeline_for

from . import caching, selectors

PLANNED_OUTCOMES = (Outcome.ACCEPTED, Outcome.PARTIALLY_ACCEPTED, Outcome.LONG_TERM)
FOLLOWED_UP = (S.DECIDED, S.IN_PROGRESS, S.COMPLETED)
PAGE_SIZE = 100


class ProposalTimelineFeed(Feed):
    """``/public/proposals/<pk>/feed.atom``: what the public may read of one proposal's timeline."""

    feed_type = Atom1Feed

    def get_object(self, request, pk):
        proposal = selectors.public_proposal_get(pk)
        if proposal is None:
            raise Http404
        return proposal

    def title(self, proposal):
        return clean_text(f"[{proposal.reference}] {proposal.title}")

    def link(self, proposal):
        return reverse("portal-proposal-detail", args=[proposal.pk])

    def subtitle(self, proposal):
        return _("이 건의과제의 공개 처리 경과입니다.")

    def feed_url(self, proposal):
        return reverse("portal-proposal-feed", args=[proposal.pk])

    def items(self, proposal):
        entries = timeline_for(None, proposal, selectors.public_events(proposal))
        return list(reversed(entries))[:100]

    def item_title(self, item):
        return clean_text(item.label)

    def item_description(self, item):
        rows = payload_rows(item.action, item.payload)
        return clean_text("\n".join(f"{label}: {value}" for label, value in rows))

    def item_link(self, item):
        return reverse("portal-proposal-detail", args=[item.event.proposal_id]) + f"#event-{item.id}"

    def item_guid(self, item):
        return f"proposal-event:{item.id}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.created_at


def accountability_rows(params):
    """Public proposals with a follow-up plan, filtered like the public list, with their
    milestone counts (done, late now) and progress."""
    queryset, filterset = selectors.filter_public(params)
    today = timezone.localdate()
    rows = (
        queryset.filter(outcome__in=PLANNED_OUTCOMES, status__in=FOLLOWED_UP)
        .annotate(
            milestone_total=Count("milestones", distinct=True),
            milestone_done=Count("milestones", filter=Q(milestones__done_on__isnull=False), distinct=True),
            milestone_late=Count(
                "milestones",
                filter=Q(milestones__done_on__isnull=True, milestones__planned_for__lt=today) & ~Q(status=S.COMPLETED),
                distinct=True,
            ),
        )
        .order_by("-milestone_late", "-decided_at", "-pk")
    )
    return rows, filterset


FILTERS = ("q", "region", "strategy", "department")


@require_safe
@caching.private_http
def accountability_page(request):
    from .forms import PublicFilterForm
    from .snapshots import filter_choices
    from .views import clean_params

    params = clean_params(request.GET)
    rows, _filterset = accountability_rows(params)
    form = PublicFilterForm(initial=params.dict(), choices=caching.cached("filter-choices", filter_choices))
    fields = [form[name] for name in FILTERS if name in form.fields]
    context = {"rows": list(rows[:PAGE_SIZE]), "fields": fields, "count": rows.count(), "page_size": PAGE_SIZE}
    return render(request, "portal/accountability.html", context)
