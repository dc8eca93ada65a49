"""Counts by state (the triage queue's) come from ``StatusTally``, kept in step with
every save and delete of a proposal."""

import pytest
from django.db.models import Count

from apps.proposals import selectors, tallies
from apps.proposals.models import Proposal
from apps.proposals.models import ProposalStatus as S
from tests.proposals.support import Cast, fire, proposal_in

pytestmark = pytest.mark.django_db


def counted(user) -> dict:
    rows = Proposal.objects.filter(selectors.visibility_q(user)).values_list("status").annotate(n=Count("pk"))
    return dict(rows.order_by())


def test_tallies_follow_creation_actions_publicity_and_deletion():
    cast = Cast()
    tf = cast["tf_staff"]
    proposal_in(cast, S.DRAFT)
    submitted = proposal_in(cast, S.SUBMITTED)
    proposal_in(cast, S.IN_REVIEW)
    fire(cast, submitted, "tf_staff", "assign", lead_department="녹색도시과")
    hidden = proposal_in(cast, S.SUBMITTED)
    hidden.is_public = False
    hidden.save()
    proposal_in(cast, S.ASSIGNED).delete()

    assert selectors.status_counts(tf) == counted(tf)
    assert selectors.status_counts(tf)[S.ASSIGNED] == 1
    # A region's official is counted in the table: drafts of their own region included.
    official = cast["official"]
    assert selectors.status_counts(official) == counted(official)
    assert S.DRAFT in selectors.status_counts(official) and S.DRAFT not in selectors.status_counts(tf)


def test_rebuild_counts_rows_written_in_bulk():
    cast = Cast()
    template = proposal_in(cast, S.SUBMITTED)
    copy = Proposal.objects.get(pk=template.pk)
    copy.pk, copy.reference = None, "BULK-1"
    Proposal.objects.bulk_create([copy])
    tf = cast["tf_staff"]
    assert selectors.status_counts(tf)[S.SUBMITTED] == 1

    tallies.rebuild()

    assert selectors.status_counts(tf) == counted(tf) == {S.SUBMITTED: 2}


def test_the_tf_lists_and_the_public_list_take_their_totals_from_the_tallies(client):
    from django.test import Client
    from django.urls import reverse

    cast = Cast()
    for status in (S.SUBMITTED, S.SUBMITTED, S.IN_REVIEW, S.DRAFT):
        proposal_in(cast, status)
    tf = Client()
    tf.force_login(cast["tf_staff"])

    triage = tf.get(reverse("proposal-triage")).context["page_obj"].paginator.count
    everything = tf.get(reverse("proposal-list")).context["page_obj"].paginator.count
    by_region = tf.get(reverse("proposal-list") + "?region=51").context["page_obj"].paginator.count  # counted
    public = client.get(reverse("portal-proposal-list")).context["page_obj"].paginator.count

    assert (triage, everything, by_region, public) == (2, 3, 3, 3)


def public_count(client, query: str) -> tuple[int, list[str]]:
    """The public list's total for ``query`` and the COUNTs it ran over the proposals."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("portal-proposal-list") + query)
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"] and "proposals_proposal" in q["sql"]]
    return response.context["page_obj"].paginator.count, counts


def test_the_public_list_filtered_by_region_state_outcome_or_field_is_counted_from_the_tallies(client):
    cast = Cast()
    accepted = proposal_in(cast, S.DECIDED)  # decided as accepted
    refusal = {"outcome": "not_accepted", "note": "곤란", "decision_summary": "재원이 없어 수용이 곤란합니다."}
    fire(cast, proposal_in(cast, S.IN_REVIEW), "lead_reviewer", "decide", **refusal)
    proposal_in(cast, S.SUBMITTED)
    hidden = proposal_in(cast, S.DECIDED)
    hidden.is_public = False
    hidden.save()

    for query, expected in (
        ("?outcome=accepted", 1),
        ("?outcome=not_accepted", 1),
        ("?region=51&status=decided", 2),
        (f"?category={accepted.category}&outcome=accepted", 1),
        ("?region=26", 0),
        ("", 3),
    ):
        total, counts = public_count(client, query)
        assert (query, total) == (query, expected)
        assert counts == [], query  # no COUNT over the proposals

    # A decision changes the outcome it is counted under; a filter the tallies do not know is counted.
    fire(cast, accepted, "lead_reviewer", "start_followup")
    assert public_count(client, "?outcome=accepted&status=in_progress")[0] == 1
    total, counts = public_count(client, "?outcome=accepted&year=2026")
    assert counts and total == Proposal.objects.filter(is_public=True, outcome="accepted").count()


def test_a_bad_filter_value_is_never_counted_from_the_tallies(client):
    proposal_in(Cast(), S.SUBMITTED)
    for query in ("?status=draft", "?outcome=nope", "?region=zz"):
        assert public_count(client, query)[0] == 0, query
