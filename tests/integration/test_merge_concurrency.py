"""Two TF members merging A into B and B into A at the same instant, on PostgreSQL
(issue 13: 18 of 20 pairs ended in a deadlock, a 500). Both rows are locked in id order,
so each pair ends with one merge done and the other a conflict (409) — never an error,
never both, never half-written."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import close_old_connections, connection
from rest_framework.test import APIClient

from apps.proposals.models import Proposal, ProposalEvent
from apps.proposals.models import ProposalStatus as S
from tests.proposals.support import Cast, proposal_in

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PAIRS = 100


def _merge_both_ways(users, first: int, second: int) -> list[int]:
    barrier = threading.Barrier(2)

    def attempt(user, proposal_id, into) -> int:
        try:
            api = APIClient()
            api.force_authenticate(user)
            barrier.wait(timeout=10)
            return api.post(f"/api/v1/proposals/{proposal_id}/merge/", {"into": into}, format="json").status_code
        finally:
            close_old_connections()
            connection.close()

    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(attempt, users[0], first, second), pool.submit(attempt, users[1], second, first)]
        return [future.result(timeout=30) for future in futures]


def test_reciprocal_merges_are_one_merge_and_one_conflict():
    if connection.vendor != "postgresql":
        pytest.skip("row locks and deadlocks are PostgreSQL's; SQLite serialises writers itself")
    cast = Cast()
    users = [cast["tf_staff"], cast["tf_lead"]]
    pairs = [(proposal_in(cast, S.SUBMITTED).pk, proposal_in(cast, S.SUBMITTED).pk) for _ in range(PAIRS)]

    results = [sorted(_merge_both_ways(users, first, second)) for first, second in pairs]

    assert all(statuses == [200, 409] for statuses in results), results
    for first, second in pairs:
        rows = {row.pk: row for row in Proposal.objects.filter(pk__in=(first, second))}
        merged = [row for row in rows.values() if row.status == S.MERGED]
        assert len(merged) == 1
        assert merged[0].merged_into_id in rows and rows[merged[0].merged_into_id].status == S.SUBMITTED
        assert ProposalEvent.objects.filter(proposal_id__in=(first, second), action="merge").count() == 1
