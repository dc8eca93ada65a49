"""Korean-aware search: particles, variant names and spacing find the same proposals, on
the public list, the staff list and the API, in the same number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.portal.selectors import filter_public
from apps.proposals.selectors import proposal_list
from tests.factories import member
from tests.similarity.support import submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus():
    return {
        "rail": submitted("51", "동서고속화철도 연계역 추가 설치", "철도 접근성을 높이는 연계역을 요청합니다."),
        "greenbelt": submitted(
            "26", "개발제한구역 해제 기준 완화", "산업단지 조성을 위한 해제 기준 완화를 건의합니다."
        ),
        "gtx": submitted("30", "광역급행철도 노선 연장", "대전권 광역급행철도 연장을 요청합니다."),
        "ucz": submitted("27", "도심 융합 특구 지정", "도심융합특구 지정을 건의합니다."),
        "airport": submitted("27", "대구경북신공항 연결도로", "신공항 접근 도로 건설을 요청합니다."),
    }


def public_hits(query: str) -> set[int]:
    rows, _filterset = filter_public({"q": query})
    return set(rows.values_list("pk", flat=True))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("철도", {"rail", "gtx"}),
        ("철도를", {"rail", "gtx"}),  # a particle does not narrow the search
        ("그린벨트", {"greenbelt"}),  # the common name finds the legal one
        ("GB를", {"greenbelt"}),
        ("GTX", {"gtx"}),
        ("도심융합특구", {"ucz"}),
        ("도심 융합 특구", {"ucz"}),  # spacing variants
        ("신공항을", {"airport"}),
        ("개발제한구역을 해제", {"greenbelt"}),  # every word must match
        ("해제 철도", set()),
    ],
)
def test_public_search_reads_korean(corpus, query, expected):
    assert public_hits(query) == {corpus[name].pk for name in expected}


def test_staff_list_and_api_search_the_same_way(corpus, client):
    tf = member("tf_staff")
    assert set(proposal_list(tf, {"q": "그린벨트를"}).values_list("pk", flat=True)) == {corpus["greenbelt"].pk}
    client.force_login(tf)
    rows = client.get(reverse("api-proposal-list"), {"q": "철도를"}).json()["results"]
    assert {row["id"] for row in rows} == {corpus["rail"].pk, corpus["gtx"].pk}


def test_a_reference_is_found_as_typed(corpus):
    assert public_hits(corpus["gtx"].reference) == {corpus["gtx"].pk}


def test_search_costs_one_query_whatever_the_words(corpus):
    counts = []
    for query in ("철도", "철도를 연계역 추가 설치"):
        with CaptureQueriesContext(connection) as queries:
            list(filter_public({"q": query})[0])
        counts.append(len(queries))
    assert counts[0] == counts[1]
