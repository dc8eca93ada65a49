"""The statistics come from a stored snapshot: the page costs the same queries whatever
the number of proposals, a change is recomputed by a worker, and the figures are never
older than ``PORTAL_STATISTICS_STALE_SECONDS``."""

import time
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.portal import caching, snapshots
from apps.portal.models import StatisticsSnapshot
from tests.portal.support import S, proposal_in, public_set

pytestmark = pytest.mark.django_db


def stats_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("portal-stats"))
    assert response.status_code == 200
    return len(queries)


def test_statistics_page_reads_one_snapshot_at_any_size(client, cast):
    public_set(cast, 2)
    client.get(reverse("portal-stats"))  # computes and stores the snapshot
    small = stats_queries(client)

    public_set(cast, 6, prefix="더")
    snapshots.refresh("ko")  # what the worker does after the change commits
    large = stats_queries(client)

    assert small == large
    assert StatisticsSnapshot.objects.get(language="ko").data["totals"]["proposals"] == 8


def test_a_change_queues_a_refresh_after_commit(settings, cast, django_capture_on_commit_callbacks):
    settings.CELERY_TASK_ALWAYS_EAGER = False  # with workers
    with (
        mock.patch("apps.portal.tasks.refresh_statistics.apply_async") as queued,
        django_capture_on_commit_callbacks(execute=True),
    ):
        proposal_in(cast, S.SUBMITTED, title="새 과제")

    queued.assert_called_once()


def test_a_draft_changes_nothing_public(cast):
    before = caching.generation("stats", "lists")

    proposal_in(cast, S.DRAFT, title="작성중 과제")

    assert caching.generation("stats", "lists") == before


def test_stale_figures_are_served_only_within_the_allowed_time(settings, cast):
    public_set(cast, 2)
    snapshots.refresh("ko")
    proposal_in(cast, S.SUBMITTED, title="새 과제")  # the figures are now stale
    settings.PORTAL_STATISTICS_STALE_SECONDS = 60
    settings.CELERY_TASK_ALWAYS_EAGER = False  # with workers

    with mock.patch.object(snapshots, "refresh_soon") as queued:
        assert snapshots.statistics()["totals"]["proposals"] == 2
    queued.assert_called_once()

    with mock.patch.object(time, "time", return_value=time.time() + 61):
        assert snapshots.statistics()["totals"]["proposals"] == 3


def test_the_figures_follow_the_language(client, cast):
    public_set(cast, 1)

    korean = client.get(reverse("portal-stats"), HTTP_ACCEPT_LANGUAGE="ko")
    english = client.get("/api/v1/public/stats/", HTTP_ACCEPT_LANGUAGE="en")

    assert korean.status_code == english.status_code == 200
    assert set(StatisticsSnapshot.objects.values_list("language", flat=True)) == {"ko", "en"}
