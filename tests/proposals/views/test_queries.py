"""Pages read through the selectors with their rows preloaded: the number of queries
does not grow with the number of rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.proposals.models import ProposalStatus as S
from apps.proposals.models import Strategy
from apps.proposals.services import proposal_fire
from tests.proposals.support import fire, proposal_in

pytestmark = pytest.mark.django_db


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def add_proposals(cast, status, number):
    strategies = list(Strategy.objects.all()[:2])
    for n in range(number):
        proposal = proposal_in(cast, status, title=f"과제 {status} {n}")
        proposal.strategies.set(strategies)


@pytest.mark.parametrize(
    ("person", "page", "status"),
    [
        ("tf_staff", "proposal-list", S.ASSIGNED),
        ("official", "proposal-mine", S.DRAFT),
        ("vice_governor", "proposal-endorsements", S.AWAITING_ENDORSEMENT),
        ("tf_staff", "proposal-triage", S.SUBMITTED),
        ("lead_reviewer", "proposal-inbox", S.IN_REVIEW),
        ("tf_lead", "proposal-workload", S.IN_REVIEW),
    ],
)
def test_queue_query_count_is_constant(login, cast, person, page, status):
    client = login(person)
    add_proposals(cast, status, 2)
    count_queries(client, reverse(page))  # warm the caches (service levels, ad-hoc holidays)
    small = count_queries(client, reverse(page))
    add_proposals(cast, status, 6)
    large = count_queries(client, reverse(page))

    assert small == large


def test_detail_query_count_is_constant_in_events(login, cast):
    proposal = proposal_in(cast, S.IN_PROGRESS)
    client = login("lead_reviewer")
    url = reverse("proposal-detail", args=[proposal.pk])
    small = count_queries(client, url)
    for progress in range(10, 70, 10):
        proposal = fire(cast, proposal, "lead_reviewer", "update_followup", progress=progress, milestone=f"{progress}")
    large = count_queries(client, url)

    assert small == large


def test_detail_query_count_is_constant_in_departments(login, cast):
    proposal = proposal_in(cast, S.SUBMITTED)
    client = login("tf_staff")
    proposal = proposal_fire(
        proposal=proposal, actor=cast["tf_staff"], action="assign", lead_department="녹색도시과",
        support_departments=["도시재생과"],
    )  # fmt: skip
    small = count_queries(client, reverse("proposal-detail", args=[proposal.pk]))
    other = proposal_in(cast, S.SUBMITTED, title="다른 과제")
    proposal_fire(
        proposal=other, actor=cast["tf_staff"], action="assign", lead_department="녹색도시과",
        support_departments=["도시재생과", "지역정책과", "철도정책과", "도로정책과"],
    )  # fmt: skip
    large = count_queries(client, reverse("proposal-detail", args=[other.pk]))

    assert small == large
