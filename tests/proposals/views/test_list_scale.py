"""Every list and count costs the same number of queries with a few rows and with more
than a page (issue 16), shows one page of rows, and lists a proposal once however many
departments support it (the lists have no DISTINCT over every column any more)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from knox.models import AuthToken

from apps.organisations.models import Department
from apps.proposals import tallies
from apps.proposals.models import Proposal, ProposalEvent, Strategy
from apps.proposals.models import ProposalStatus as S
from apps.proposals.views.common import PAGE_SIZE
from apps.similarity.models import Cluster, ClusterMember
from tests.proposals.support import LEAD_DEPARTMENT, OTHER_DEPARTMENT, fire, proposal_in

pytestmark = pytest.mark.django_db

MORE_THAN_A_PAGE = PAGE_SIZE * 2 + 3


def copies(template: Proposal, number: int, prefix: str) -> list[Proposal]:
    """``number`` copies of ``template`` written in bulk, with its strategies, support
    departments and a public event each (what every list shows)."""
    rows = []
    for n in range(number):
        copy = Proposal.objects.get(pk=template.pk)
        copy.pk = None
        copy.reference = f"{prefix}-{n:04d}"
        copy.title = f"{template.title} {prefix} {n}"
        rows.append(copy)
    made = Proposal.objects.bulk_create(rows)
    strategies = list(Strategy.objects.all()[:2])
    supports = list(template.support_departments.all())
    Proposal.strategies.through.objects.bulk_create(
        [Proposal.strategies.through(proposal_id=p.pk, strategy_id=s.pk) for p in made for s in strategies]
    )
    Proposal.support_departments.through.objects.bulk_create(
        [Proposal.support_departments.through(proposal_id=p.pk, department_id=d.pk) for p in made for d in supports]
    )
    ProposalEvent.objects.bulk_create(
        [ProposalEvent(proposal=p, action="endorse", to_status=S.SUBMITTED, is_public=True) for p in made]
    )
    tallies.rebuild()  # bulk writes skip the save signals that keep the counts by state
    return made


def count(client, url, **headers) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries), response


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def supported(cast):
    """A proposal in review, led by one department and supported by two."""
    proposal = proposal_in(cast, S.SUBMITTED)
    return fire(
        cast, proposal, "tf_staff", "assign", lead_department=LEAD_DEPARTMENT,
        support_departments=[OTHER_DEPARTMENT, "지역정책과"],
    )  # fmt: skip


def test_staff_lists_and_the_api_cost_the_same_queries_past_a_page(cast, supported):
    submitted = proposal_in(cast, S.SUBMITTED)
    _token, key = AuthToken.objects.create(cast["tf_staff"])
    api = {"HTTP_AUTHORIZATION": f"Token {key}"}
    tf, reviewer = signed_in(cast["tf_staff"]), signed_in(cast["other_reviewer"])
    pages = [
        (tf, reverse("proposal-triage"), {}),
        (tf, reverse("proposal-triage") + "?page=2", {}),
        (tf, reverse("proposal-list"), {}),
        (tf, reverse("proposal-list") + "?department=" + OTHER_DEPARTMENT, {}),
        (reviewer, reverse("proposal-inbox"), {}),
        (tf, reverse("similarity-triage-panel"), {}),
        (tf, reverse("api-proposal-list") + "?page_size=5", api),
        (tf, reverse("api-proposal-list") + "?page_size=5&page=2", api),
    ]
    copies(submitted, 3, "S")
    copies(supported, 3, "A")
    for client, url, headers in pages:  # first use: per-process look-ups happen once
        client.get(url, **headers)
    small = [count(client, url, **headers)[0] for client, url, headers in pages]

    copies(submitted, MORE_THAN_A_PAGE, "SS")
    copies(supported, MORE_THAN_A_PAGE, "AA")
    large = [count(client, url, **headers) for client, url, headers in pages]

    assert [queries for queries, _response in large] == small
    triage = large[0][1]
    assert len(triage.context["proposals"]) == PAGE_SIZE
    assert triage.context["page_obj"].paginator.count == MORE_THAN_A_PAGE + 4
    api_page = large[6][1].json()
    assert api_page["count"] == Proposal.objects.exclude(status__in=[S.DRAFT, S.AWAITING_ENDORSEMENT]).count()
    assert len(api_page["results"]) == 5


def test_a_proposal_supported_by_two_of_my_departments_is_listed_once(cast, supported):
    reviewer = cast["other_reviewer"]
    from apps.accounts.models import Membership, Role

    Membership.objects.create(
        user=reviewer, role=Role.DEPT_REVIEWER, department=Department.objects.get(code="지역정책과")
    )
    copies(supported, 2, "B")

    response = signed_in(reviewer).get(reverse("proposal-inbox"))
    api = Client()
    _token, key = AuthToken.objects.create(reviewer)
    listed = api.get(reverse("api-proposal-list"), HTTP_AUTHORIZATION=f"Token {key}").json()

    rows = [p.pk for p in response.context["proposals"]]
    assert len(rows) == len(set(rows)) == 3
    assert response.context["page_obj"].paginator.count == 3
    assert listed["count"] == 3 and len({row["id"] for row in listed["results"]}) == 3


def test_cluster_list_is_paginated_at_the_same_cost(cast):
    tf = signed_in(cast["tf_staff"])
    template = proposal_in(cast, S.SUBMITTED)

    def clusters(number, prefix):
        for n, pair in enumerate(zip(*[iter(copies(template, number * 2, prefix))] * 2, strict=True)):
            cluster = Cluster.objects.create(title=f"공통 {prefix} {n}", created_by=cast["tf_staff"])
            ClusterMember.objects.bulk_create(
                [ClusterMember(cluster=cluster, proposal=p, added_by=cast["tf_staff"]) for p in pair]
            )

    clusters(2, "C")
    tf.get(reverse("similarity-cluster-list"))
    small, _response = count(tf, reverse("similarity-cluster-list"))
    clusters(25, "CC")
    large, response = count(tf, reverse("similarity-cluster-list"))

    assert small == large
    assert len(response.context["rows"]) == 20
    assert "?page=2" in response.content.decode()


def test_the_api_lists_completed_proposals_and_their_actions_at_the_same_cost(cast):
    """Whether a completed proposal may still be rated or evaluated is read from the
    list's annotations: more completed rows on the page, not one more query each."""
    completed = proposal_in(cast, S.COMPLETED)
    _token, key = AuthToken.objects.create(cast["tf_staff"])
    client = Client()
    url = reverse("api-proposal-list") + "?status=completed&page_size=50"
    headers = {"HTTP_AUTHORIZATION": f"Token {key}"}
    client.get(url, **headers)
    few, _response = count(client, url, **headers)

    copies(completed, 20, "C")
    many, response = count(client, url, **headers)

    assert many == few
    rows = response.json()["results"]
    assert len(rows) == 21
    assert all("evaluate" in row["available_actions"] for row in rows)  # the TF records the result
