"""Who sees which proposals (DESIGN.md §2), through the list selector and the rule alike."""

import pytest

from apps.organisations.models import Region, RegionalOffice
from apps.proposals.models import Proposal
from apps.proposals.models import ProposalStatus as S
from apps.proposals.selectors import proposal_get, proposal_list
from tests.factories import member
from tests.proposals.support import Cast, proposal_in

pytestmark = pytest.mark.django_db


def visible(user) -> set[str]:
    listed = set(proposal_list(user).values_list("title", flat=True))
    by_rule = {p.title for p in Proposal.objects.all() if user.has_perm("proposals.view_proposal", p)}
    assert listed == by_rule, "the list selector and the rule must agree"
    return listed


@pytest.fixture
def world():
    cast = Cast()
    proposal_in(cast, S.DRAFT, "draft")
    proposal_in(cast, S.AWAITING_ENDORSEMENT, "awaiting")
    proposal_in(cast, S.SUBMITTED, "submitted")
    proposal_in(cast, S.IN_REVIEW, "in_review")
    return cast


def test_region_sees_all_its_proposals_including_drafts(world):
    assert visible(world["official"]) == {"draft", "awaiting", "submitted", "in_review"}
    assert visible(world["liaison"]) == {"draft", "awaiting", "submitted", "in_review"}


def test_another_region_sees_none_of_them(world):
    assert visible(world["other_official"]) == set()
    draft = Proposal.objects.get(title="draft")
    assert proposal_get(world["other_official"], draft.pk) is None


def test_tf_sees_everything_submitted_but_no_drafts(world):
    assert visible(world["tf_staff"]) == {"submitted", "in_review"}


def test_reviewers_see_only_what_their_department_was_assigned(world):
    assert visible(world["lead_reviewer"]) == {"in_review"}
    assert visible(world["other_reviewer"]) == set()


def test_consulted_organisations_and_forum_see_nothing_in_the_staff_list(world):
    assert visible(world["advisor"]) == set()
    assert visible(world["forum_member"]) == set()


def test_regional_office_sees_submitted_proposals_of_the_regions_it_covers(world):
    wonju = member("regional_office", regional_office=RegionalOffice.objects.get(code="원주지방국토관리청"))
    busan = member("regional_office", regional_office=RegionalOffice.objects.get(code="부산지방국토관리청"))
    assert visible(wonju) == {"submitted", "in_review"}
    assert visible(busan) == set()


def test_merged_region_officials_see_proposals_of_its_predecessors(world):
    old = Proposal.objects.get(title="submitted")
    Proposal.objects.filter(pk=old.pk).update(region=Region.objects.get(code="29"))
    today_official = member("regional_official", region=Region.objects.get(code="12"))
    assert visible(today_official) == {"submitted"}


@pytest.mark.parametrize("bad_id", ["abc", "", None, "1; DROP TABLE", 10**30])
def test_lookup_of_a_malformed_id_finds_nothing(world, bad_id):
    assert proposal_get(world["tf_staff"], bad_id) is None


def test_list_query_count_does_not_grow_with_rows(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    tf = world["tf_staff"]

    def count():
        with CaptureQueriesContext(connection) as queries:
            rows = list(proposal_list(tf))
            for row in rows:
                _ = (row.region.name, row.lead_department, list(row.strategies.all()))
        return len(queries)

    count()  # the first call also reads the viewer's memberships, cached from then on
    before = count()
    for index in range(5):
        proposal_in(world, S.SUBMITTED, f"more {index}")
    assert count() == before
