"""/metrics after a browser session: what a person did in chromium shows up in Prometheus
— requests and responses by view and status (a refused page included), latency by view,
and on PostgreSQL the database queries those pages ran — read over HTTP from the live
server as Prometheus reads it (127.0.0.1 is in METRICS_ALLOWED_IPS)."""

import urllib.request

import pytest
from django.db import connection
from prometheus_client.parser import text_string_to_metric_families

from tests.e2e.conftest import sign_in
from tests.factories import member

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

RESPONSES = "django_http_responses_total_by_status_view_method_total"
LATENCY = "django_http_requests_latency_seconds_by_view_method_count"


def scrape(base_url: str) -> dict:
    with urllib.request.urlopen(f"{base_url}/metrics", timeout=60) as response:  # noqa: S310 - live server
        assert response.status == 200
        text = response.read().decode()
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def grown(before: dict, after: dict, name: str, **labels) -> float:
    """How much every series of ``name`` carrying ``labels`` grew between two scrapes."""

    def total(samples):
        return sum(v for (n, ls), v in samples.items() if n == name and set(labels.items()) <= set(ls))

    return total(after) - total(before)


def test_metrics_show_what_the_browser_did(page, live_server):
    official = member("tf_staff")
    before = scrape(live_server.url)

    page.goto("/")
    page.goto("/public/proposals/")
    page.goto("/public/stats/")
    missing = page.goto("/public/proposals/999999/")
    assert missing is not None and missing.status == 404
    sign_in(page, official.username, "pass-1234!")
    page.goto("/proposals/")

    after = scrape(live_server.url)
    for view in ("home", "portal-proposal-list", "portal-stats", "proposal-list"):
        assert grown(before, after, RESPONSES, view=view, status="200", method="GET") >= 1, view
        assert grown(before, after, LATENCY, view=view, method="GET") >= 1, view
    assert grown(before, after, RESPONSES, view="portal-proposal-detail", status="404", method="GET") == 1
    assert grown(before, after, RESPONSES, method="POST", status="302") >= 1  # the sign-in form
    if connection.vendor == "postgresql":  # django-prometheus's backend counts the queries
        assert grown(before, after, "django_db_execute_total", alias="default") > 0
