import pytest
from django.db import connection
from django.http import QueryDict

from apps.portal import selectors
from apps.portal.selectors import PUBLIC_STATUSES, filter_public, public_proposals, trigram_available
from apps.portal.views import clean_params
from apps.proposals.models import Proposal
from tests.portal.support import S, decided, fire, proposal_in, rehome

pytestmark = pytest.mark.django_db


def q(query: str) -> QueryDict:
    return QueryDict(query)


@pytest.mark.parametrize("status", [S.DRAFT, S.AWAITING_ENDORSEMENT])
def test_public_proposals_exclude_pre_submission(cast, status):
    proposal = proposal_in(cast, status)

    assert not public_proposals().filter(pk=proposal.pk).exists()


def test_public_proposals_exclude_withdrawn_even_after_submission(cast):
    proposal = fire(cast, proposal_in(cast, S.SUBMITTED), "official", "withdraw")

    assert proposal.status == S.WITHDRAWN
    assert not public_proposals().filter(pk=proposal.pk).exists()


@pytest.mark.parametrize("status", [S.SUBMITTED, S.INFO_REQUESTED, S.ASSIGNED, S.IN_REVIEW, S.DECIDED, S.COMPLETED])
def test_public_proposals_include_submitted_onward(cast, status):
    proposal = proposal_in(cast, status)

    assert public_proposals().filter(pk=proposal.pk).exists()


def test_public_proposals_exclude_non_public_in_any_state(cast):
    proposal = proposal_in(cast, S.DECIDED)
    Proposal.objects.filter(pk=proposal.pk).update(is_public=False)

    assert not public_proposals().filter(pk=proposal.pk).exists()
    assert selectors.public_proposal_get(proposal.pk) is None


def test_public_statuses_are_documented_set():
    assert set(PUBLIC_STATUSES) == set(S.values) - {S.DRAFT, S.AWAITING_ENDORSEMENT, S.WITHDRAWN}


def test_search_finds_korean_substring_in_title_summary_and_reference(cast):
    rail = proposal_in(cast, S.SUBMITTED, title="동해선 광역철도 조기 착공")
    other = proposal_in(cast, S.SUBMITTED, title="산업단지 진입도로 개설")

    found = set(filter_public(q("q=광역철도"))[0].values_list("pk", flat=True))
    assert rail.pk in found and (trigram_available() or found == {rail.pk})
    assert set(filter_public(q("q=개발제한구역"))[0].values_list("pk", flat=True)) == {rail.pk, other.pk}  # summary
    assert set(filter_public(q(f"q={other.reference}"))[0].values_list("pk", flat=True)) == {other.pk}


def test_search_needs_every_word(cast):
    proposal_in(cast, S.SUBMITTED, title="동해선 광역철도 조기 착공")

    assert filter_public(q("q=동해선 착공"))[0].count() == 1
    # PostgreSQL's near-spelling search is for one-word queries: it never stands in for a word.
    assert filter_public(q("q=동해선 공항"))[0].count() == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL's")
def test_postgresql_has_pg_trgm_and_finds_a_misspelt_korean_title(cast):
    proposal_in(cast, S.SUBMITTED, title="동해선 광역철도 조기 착공")
    proposal_in(cast, S.SUBMITTED, title="산업단지 진입도로 개설")

    assert trigram_available()
    found = list(filter_public(q("q=광역철두"))[0].values_list("title", flat=True))
    assert found == ["동해선 광역철도 조기 착공"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL's")
def test_the_public_page_counts_a_search_once_and_still_finds_a_misspelt_title(client, cast):
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    proposal_in(cast, S.SUBMITTED, title="동해선 광역철도 조기 착공")
    proposal_in(cast, S.SUBMITTED, title="산업단지 진입도로 개설")
    page = reverse("portal-proposal-list")

    with CaptureQueriesContext(connection) as queries:
        found = client.get(page, {"q": "광역철도"})
    assert found.context["page_obj"].paginator.count == 1
    on_proposals = [q["sql"] for q in queries.captured_queries if "similarity_proposaldocument" in q["sql"]]
    assert len(on_proposals) == 2  # the capped count (also the probe for a typo) and the page

    misspelt = client.get(page, {"q": "광역철두"})
    assert misspelt.context["page_obj"].paginator.count == 1
    assert "동해선" in misspelt.content.decode()


def test_search_with_nul_bytes_is_refused_and_pages_strip_them(cast):
    proposal_in(cast, S.SUBMITTED, title="동해선 광역철도")

    queryset, filterset = filter_public(q("q=%00동해선"))
    assert not filterset.is_valid() and queryset.count() == 0
    assert filter_public(clean_params(q("q=%00동해선")))[0].count() == 1


def test_region_filter_by_todays_region_includes_predecessors(cast):
    today = proposal_in(cast, S.SUBMITTED, title="전남광주 과제")
    rehome(today, "12")
    gwangju = rehome(proposal_in(cast, S.SUBMITTED, title="광주 과제"), "29")
    jeonnam = rehome(proposal_in(cast, S.SUBMITTED, title="전남 과제"), "46")
    proposal_in(cast, S.SUBMITTED, title="강원 과제")

    assert set(filter_public(q("region=12"))[0].values_list("pk", flat=True)) == {today.pk, gwangju.pk, jeonnam.pk}
    assert set(filter_public(q("region=29"))[0].values_list("pk", flat=True)) == {gwangju.pk}
    assert filter_public(q("region=99"))[0].count() == 0


def test_filters_outcome_department_strategy_year(cast):
    accepted = decided(cast, "accepted", title="수용 과제")
    declined = decided(cast, "not_accepted", title="곤란 과제")
    strategy = accepted.strategies.model.objects.first()
    accepted.strategies.add(strategy)
    year = accepted.submitted_at.year

    assert [p.pk for p in filter_public(q("outcome=accepted"))[0]] == [accepted.pk]
    assert {p.pk for p in filter_public(q("department=녹색도시과"))[0]} == {accepted.pk, declined.pk}
    assert [p.pk for p in filter_public(q(f"strategy={strategy.code}"))[0]] == [accepted.pk]
    assert filter_public(q(f"year={year}"))[0].count() == 2
    assert filter_public(q(f"year={year - 1}"))[0].count() == 0


def test_invalid_filter_gives_empty_list_not_error(cast):
    proposal_in(cast, S.SUBMITTED)

    queryset, filterset = filter_public(q("year=abc"))
    assert not filterset.is_valid()
    assert queryset.count() == 0
    assert filter_public(q("status=draft"))[0].count() == 0
