"""The public portal on a read replica, on PostgreSQL. The "replica" alias of the test
settings is a second connection to the test database that refuses every write
(``default_transaction_read_only``), as a streaming replica does: the public pages and the
public API read through it, signed-in pages never do, and right after a decision the
public pages read the primary (the replica may not have it yet)."""

import pytest
from django.db import DatabaseError, connections
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.core import replica
from tests.portal.support import S, decided, fire, proposal_in
from tests.proposals.support import Cast

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True, serialized_rollback=True, databases=["default", "replica"]),
]


@pytest.fixture
def on_replica(settings):
    if "replica" not in settings.DATABASES:
        pytest.skip("the replica alias is a PostgreSQL connection (config/settings/test.py)")
    with override_settings(DATABASE_REPLICA="replica"):
        yield


def reads(client, url, *, expect=200):
    """(queries on the primary, queries on the replica) of one GET."""
    with CaptureQueriesContext(connections["default"]) as primary, CaptureQueriesContext(connections["replica"]) as rep:
        response = client.get(url)
    assert response.status_code == expect, url
    return [q["sql"] for q in primary.captured_queries], [q["sql"] for q in rep.captured_queries], response


def test_the_replica_alias_refuses_writes(on_replica):
    with pytest.raises(DatabaseError, match="read-only"), connections["replica"].cursor() as cursor:
        cursor.execute("UPDATE proposals_proposal SET title = title")


def test_public_pages_read_the_replica_signed_in_pages_the_primary(client, on_replica):
    cast = Cast()
    proposal = decided(cast, "accepted", title="동해선 광역철도 조기 착공")
    replica.cache.delete(replica.FENCE_KEY)  # the decision's hold: as if the replica caught up
    public = [
        reverse("portal-proposal-list"),
        reverse("portal-proposal-detail", args=[proposal.pk]),
        reverse("portal-stats"),
        reverse("api-public-proposal-list"),
        reverse("api-public-proposal-detail", args=[proposal.pk]),
    ]
    for url in public:
        primary, rep, _ = reads(client, url)
        assert any("proposals_proposal" in sql for sql in rep), url
        assert not any("proposals_proposal" in sql for sql in primary), (url, primary)

    client.force_login(cast["tf_staff"])
    primary, rep, response = reads(client, reverse("proposal-detail", args=[proposal.pk]))
    assert rep == [] and any("proposals_proposal" in sql for sql in primary)
    assert "동해선 광역철도 조기 착공" in response.content.decode()


def test_right_after_a_decision_the_public_page_reads_the_primary(client, on_replica):
    cast = Cast()
    proposal = proposal_in(cast, S.IN_REVIEW, title="새만금 신항만 배후부지 개발")
    replica.cache.delete(replica.FENCE_KEY)
    url = reverse("portal-proposal-detail", args=[proposal.pk])
    _primary, rep, _ = reads(client, url)
    assert rep, "before the decision the page is read from the replica"

    fire(cast, proposal, "lead_reviewer", "decide", outcome="not_accepted", note="재원 부족", decision_summary="곤란")

    primary, rep, response = reads(client, url)
    assert rep == [] and any("proposals_proposal" in sql for sql in primary)
    assert "곤란" in response.content.decode()
