"""The public portal's pages (``/public/…``); the public API is in ``api.py``."""

from django.urls import path

from . import accountability, caching, exports, feeds, follow_views, my_work, views

urlpatterns = [
    path("", views.home, name="home"),
    path("my-work/", my_work.my_work, name="my-work"),
    path("public/proposals/", views.proposal_list, name="portal-proposal-list"),
    path("public/proposals/<int:pk>/", views.proposal_detail, name="portal-proposal-detail"),
    path("public/proposals/download.<str:fmt>", exports.export, name="portal-export"),
    path(
        "public/proposals/<int:pk>/feed.atom",
        caching.public_http(accountability.ProposalTimelineFeed()),
        name="portal-proposal-feed",
    ),
    path("public/proposals/<int:pk>/follow/", follow_views.follow, name="portal-follow"),
    path("public/follow/confirm/<str:token>/", follow_views.confirm, name="portal-follow-confirm"),
    path("public/follow/unsubscribe/<str:token>/", follow_views.unsubscribe, name="portal-follow-unsubscribe"),
    path("public/accountability/", accountability.accountability_page, name="portal-accountability"),
    path("public/stats/", views.stats_page, name="portal-stats"),
    path("public/data/", views.open_data, name="portal-open-data"),
    path("public/feeds/decisions.rss", caching.public_http(feeds.DecisionsFeed()), name="portal-feed-rss"),
    path("public/feeds/decisions.atom", caching.public_http(feeds.DecisionsAtomFeed()), name="portal-feed-atom"),
]
