"""A public search with many matches counts them up to a limit and says "more than";
the exact count is one link away."""

import pytest
from django.urls import reverse

from apps.portal import views
from tests.portal.support import public_set

pytestmark = pytest.mark.django_db

SEARCH = reverse("portal-proposal-list") + "?q=%EA%B4%91%EC%97%AD%EC%B2%A0%EB%8F%84"  # 광역철도


def test_more_matches_than_the_limit_say_more_than_and_link_the_exact_count(client, cast, monkeypatch):
    monkeypatch.setattr(views, "SEARCH_COUNT_CAP", 3)
    public_set(cast, 5, prefix="광역철도 조기 착공")

    page = client.get(SEARCH).content.decode()

    assert "3건 넘게 찾았습니다(관련이 깊은 순으로 3건까지 보여 드립니다)" in page
    assert "정확한 건수 보기" in page
    assert "모두 5건" not in page
    exact = client.get(SEARCH + "&count=exact").content.decode()
    assert "모두 5건" in exact and "넘게" not in exact
    assert "count=exact" in exact  # the next pages and downloads keep the exact count


def test_fewer_matches_than_the_limit_are_counted_exactly(client, cast):
    public_set(cast, 2, prefix="광역철도 조기 착공")

    page = client.get(SEARCH).content.decode()

    assert "모두 2건" in page and "정확한 건수 보기" not in page


def test_the_limit_is_said_in_english_too(client, cast, monkeypatch):
    monkeypatch.setattr(views, "SEARCH_COUNT_CAP", 3)
    public_set(cast, 5, prefix="광역철도 조기 착공")

    page = client.get(SEARCH, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "More than 3 found (the best 3 matches are shown)" in page
    assert "Count them all" in page
