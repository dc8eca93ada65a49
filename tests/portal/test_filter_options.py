"""The public list's filter options come from the statistics snapshot while it is fresh,
and are computed on the spot when it is not: a new department or year is never missing
for longer than the figures would be stale."""

import pytest
from django.urls import reverse

from apps.portal import caching, snapshots
from apps.portal.models import StatisticsSnapshot
from apps.portal.tasks import refresh_statistics
from tests.portal.support import S, proposal_in

pytestmark = pytest.mark.django_db


def _options(client):
    return client.get(reverse("portal-proposal-list")).content.decode()


def test_the_refresh_stores_the_options_the_list_then_reads(client, cast):
    proposal_in(cast, S.ASSIGNED)
    refresh_statistics()

    stored = StatisticsSnapshot.objects.get(language="ko").filters
    assert stored["department"] and stored["year"]
    first_department = stored["department"][0][1][0]  # [office, [[code, name], …]]
    assert f'<option value="{first_department[0]}">{first_department[1]}</option>' in _options(client)


def test_a_change_after_the_refresh_is_in_the_options_at_once_without_workers(client, cast):
    refresh_statistics()
    assert 'value="2026"' not in _options(client)  # no public proposal yet: no year to choose

    proposal_in(cast, S.SUBMITTED)  # the statistics are stale now; tests run tasks in-process

    assert snapshots.filter_choices()["year"], "computed, not read from the stale snapshot"
    assert f'value="{snapshots.filter_choices()["year"][0][0]}"' in _options(client)


def test_with_workers_a_slightly_stale_snapshot_is_still_read(cast, settings, monkeypatch):
    proposal_in(cast, S.SUBMITTED)
    refresh_statistics()
    marked = {"region": [], "department": [], "strategy": [], "year": [["1999", "1999"]]}
    StatisticsSnapshot.objects.filter(language="ko").update(filters=marked)
    caching.bump("stats")  # a public change since the refresh
    monkeypatch.setattr(snapshots, "stale_seconds", lambda: 60)

    settings.CELERY_TASK_ALWAYS_EAGER = False  # a worker is refreshing it
    assert snapshots.filter_choices()["year"] == [["1999", "1999"]]
    settings.CELERY_TASK_ALWAYS_EAGER = True  # nobody will: computed now
    assert snapshots.filter_choices()["year"] != [["1999", "1999"]]
