"""Server-side caching is only active outside transactions, so these tests commit
(``transaction=True``); HTTP headers are checked in ordinary tests."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.portal import caching
from tests.portal.support import S, decided, fire, proposal_in

committed = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


@committed
def test_pages_are_served_from_cache_until_a_proposal_changes(client, cast):
    proposal = proposal_in(cast, S.IN_REVIEW, title="캐시 과제")
    url = reverse("portal-proposal-detail", args=[proposal.pk])
    cold, page = queries(client, url)
    warm, again = queries(client, url)
    assert warm < cold and "캐시 과제" in again and "캐시 과제" in page

    fire(cast, proposal, "lead_reviewer", "decide", outcome="not_accepted", note="내부", decision_summary="곤란 요지")

    _count, fresh = queries(client, url)
    assert "곤란 요지" in fresh


@committed
def test_stats_and_list_invalidate_on_change(client, cast):
    proposal_in(cast, S.SUBMITTED, title="첫 과제")
    _count, stats = queries(client, reverse("portal-stats"))
    _count, listing = queries(client, reverse("portal-proposal-list"))
    assert "첫 과제" in listing

    decided(cast, "accepted", title="둘째 과제")

    assert "둘째 과제" in queries(client, reverse("portal-proposal-list"))[1]
    assert queries(client, reverse("portal-stats"))[1] != stats


@committed
def test_nothing_is_cached_inside_a_transaction(cast):
    from django.db import transaction

    calls = []
    with transaction.atomic():
        caching.cached("probe", lambda: calls.append(1))
        caching.cached("probe", lambda: calls.append(1))
    assert len(calls) == 2


@pytest.mark.django_db
def test_html_pages_are_private_with_etag_and_304(client):
    client.get(reverse("portal-proposal-list"))  # sets the CSRF cookie, part of an HTML page's ETag
    response = client.get(reverse("portal-proposal-list"))

    assert "private" in response["Cache-Control"] and "must-revalidate" in response["Cache-Control"]
    assert response["ETag"] and response["Last-Modified"]
    for header in ("Accept-Language", "Cookie"):
        assert header in response["Vary"]
    again = client.get(reverse("portal-proposal-list"), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/v1/public/proposals/", "/api/v1/public/stats/", "/public/feeds/decisions.atom"])
def test_open_data_is_public_and_short_lived(client, url):
    response = client.get(url)

    assert response["Cache-Control"] == "max-age=60, public" or set(response["Cache-Control"].split(", ")) == {
        "public",
        "max-age=60",
    }
    assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    assert "Accept-Language" in response["Vary"]


@pytest.mark.django_db
def test_etag_changes_when_data_changes(client, cast):
    first = client.get("/api/v1/public/stats/")["ETag"]
    proposal_in(cast, S.SUBMITTED)

    assert client.get("/api/v1/public/stats/")["ETag"] != first


@pytest.mark.django_db
def test_etag_differs_per_language(client):
    korean = client.get("/api/v1/public/stats/", HTTP_ACCEPT_LANGUAGE="ko")["ETag"]
    english = client.get("/api/v1/public/stats/", HTTP_ACCEPT_LANGUAGE="en")["ETag"]

    assert korean != english


@committed
def test_a_change_to_one_proposal_leaves_the_other_pages_cached(client, cast):
    changed = proposal_in(cast, S.IN_REVIEW, title="바뀌는 과제")
    other = proposal_in(cast, S.IN_REVIEW, title="그대로인 과제")
    url = reverse("portal-proposal-detail", args=[other.pk])
    queries(client, url)
    warm, _page = queries(client, url)

    fire(cast, changed, "lead_reviewer", "decide", outcome="not_accepted", note="내부", decision_summary="곤란 요지")

    assert queries(client, url)[0] == warm
    assert "곤란 요지" in queries(client, reverse("portal-proposal-detail", args=[changed.pk]))[1]


def test_a_proposals_change_right_after_a_burst_of_changes_still_renews_its_pages():
    """Hundreds of reference-data changes in a moment (a seed, an import) and then a
    change to one proposal: that proposal's cached pages must still be renewed."""
    caching.bump()
    for _ in range(300):
        caching.bump()
    before = caching.key("detail", 1, scope="proposal:1")
    caching.bump("proposal:1")
    assert caching.key("detail", 1, scope="proposal:1") != before
    assert caching.key("detail", 2, scope="proposal:2") == caching.key("detail", 2, scope="proposal:2")
