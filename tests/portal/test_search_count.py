"""A public search with many matches counts them up to a limit and says "more than", and
lists them newest first; the exact count and the ranking are each one link away. A search
with fewer matches is counted exactly and ranked."""

import re

import pytest
from django.urls import reverse

from apps.portal import views
from tests.portal.support import public_set

pytestmark = pytest.mark.django_db

SEARCH = reverse("portal-proposal-list") + "?q=%EA%B4%91%EC%97%AD%EC%B2%A0%EB%8F%84"  # 광역철도


@pytest.fixture
def many(cast, monkeypatch):
    monkeypatch.setattr(views, "SEARCH_COUNT_CAP", 3)
    return public_set(cast, 5, prefix="광역철도 조기 착공")


def _rows(page):
    """The titles in the order listed (the marks of the search words taken out)."""
    links = [part.split("</a>")[0].split(">", 1)[1] for part in page.split('<th scope="row"><a href=')[1:]]
    return [re.sub(r"<[^>]+>", "", link) for link in links]


def test_more_matches_than_the_limit_say_more_than_and_link_the_exact_count(client, many):
    page = client.get(SEARCH).content.decode()

    assert "3건 넘게 찾았습니다(3건까지 보여 드립니다)" in page
    assert "정확한 건수 보기" in page and "모두 5건" not in page
    exact = client.get(SEARCH + "&count=exact").content.decode()
    assert "모두 5건" in exact and "넘게" not in exact
    assert "count=exact" in exact  # the next pages and downloads keep the exact count


def test_many_matches_are_listed_newest_first_with_the_ranking_one_link_away(client, many):
    page = client.get(SEARCH).content.decode()

    newest_first = [proposal.title for proposal in sorted(many, key=lambda p: p.submitted_at, reverse=True)]
    assert _rows(page) == newest_first[:3]
    assert "접수일 최근 순 (<a href=" in page and "관련이 깊은 순으로 보기" in page
    ranked = client.get(SEARCH + "&order=relevance").content.decode()
    assert "검색어와 관련이 깊은 순 (<a href=" in ranked and "최근 접수 순으로 보기" in ranked
    assert len(_rows(ranked)) == 3


def test_fewer_matches_than_the_limit_are_counted_exactly_and_ranked(client, cast):
    public_set(cast, 2, prefix="광역철도 조기 착공")

    page = client.get(SEARCH).content.decode()

    assert "모두 2건" in page and "정확한 건수 보기" not in page
    assert "검색어와 관련이 깊은 순</p>" in page  # no other order to offer


def test_the_limit_and_the_orders_are_said_in_english_too(client, many):
    page = client.get(SEARCH, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "More than 3 found (the first 3 are shown)" in page
    assert "Count them all" in page and "Most recently submitted (<a" in page and "show most relevant first" in page
