"""The public portal's pages (``/public/…``); the public API is in ``api.py``."""

from django.urls import path

from . import caching, exports, feeds, my_work, views

urlpatterns = [
    path("", views.home, name="home"),
    path("my-work/", my_work.my_work, name="my-work"),
    path("public/proposals/", views.proposal_list, name="portal-proposal-list"),
    path("public/proposals/<int:pk>/", views.proposal_detail, name="portal-proposal-detail"),
    path("public/proposals/download.<str:fmt>", exports.export, name="portal-export"),
    path("public/stats/", views.stats_page, name="portal-stats"),
    path("public/data/", views.open_data, name="portal-open-data"),
    path("public/feeds/decisions.rss", caching.public_http(feeds.DecisionsFeed()), name="portal-feed-rss"),
    path("public/feeds/decisions.atom", caching.public_http(feeds.DecisionsAtomFeed()), name="portal-feed-atom"),
]
