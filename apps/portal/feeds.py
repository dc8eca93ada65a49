"""Atom and RSS feeds of decisions (검토결과) on public proposals, newest first.

Filterable like the list (``?region=12``, ``?department=…``, ``?outcome=…``). Each entry
carries the outcome and the public decision summary — never the internal reasons.
"""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from apps.core.text import clean_text

from . import selectors
from .views import clean_params

LIMIT = 50


class DecisionsFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, *args, **kwargs):
        # The feed's "object" is its filters (the instance is shared between requests).
        return clean_params(request.GET)

    def title(self):
        return _("균형발전 소통창구 — 건의과제 검토결과")

    def link(self):
        return reverse("portal-proposal-list")

    def description(self):
        return _("국토교통부가 지역 건의과제에 대해 결정한 검토결과(공개 과제)입니다.")

    def feed_url(self):
        return reverse("portal-feed-atom" if self.feed_type is Atom1Feed else "portal-feed-rss")

    def items(self, params):
        queryset, _filterset = selectors.filter_public(params)
        return (
            queryset.filter(status__in=selectors.DECIDED_STATUSES, decided_at__isnull=False)
            .exclude(outcome="")
            .order_by("-decided_at", "-pk")[:LIMIT]
        )

    def item_title(self, item):
        # Text stored before the text policy may hold control characters XML refuses.
        return clean_text(f"[{item.get_outcome_display()}] {item.title}")

    def item_description(self, item):
        return clean_text(f"{item.region.name} · {item.reference}\n{item.decision_summary}")

    def item_link(self, item):
        return reverse("portal-proposal-detail", args=[item.pk])

    def item_guid(self, item):
        return f"{item.reference}:{item.decided_at.isoformat()}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.decided_at

    def item_updateddate(self, item):
        return item.decided_at

    def item_categories(self, item):
        return [clean_text(item.region.name), item.get_outcome_display(), item.get_category_display()]


class DecisionsAtomFeed(DecisionsFeed):
    feed_type = Atom1Feed
    subtitle = DecisionsFeed.description
