"""Korean-aware search: particles, variant names, spacing and the operators' synonyms find
the same proposals on the public list, the staff lists, the API and the home search box,
best match first with the found words marked, in the same number of queries."""

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.core.highlight import mark
from apps.portal.selectors import filter_public
from apps.proposals.queues import queue_rows
from apps.proposals.selectors import proposal_list
from apps.similarity.models import SearchSynonym
from apps.similarity.search import highlight_terms
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
        "tram": submitted("26", "트램 노선 신설", "원도심을 잇는 트램 노선을 요청합니다."),
        "station": submitted("11", "역세권 복합개발", "철도 역 주변을 복합 개발해 주십시오."),
    }


def public_hits(query: str) -> set[int]:
    rows, _filterset = filter_public({"q": query})
    return set(rows.values_list("pk", flat=True))


def params(**values) -> QueryDict:
    query = QueryDict(mutable=True)
    query.update(values)
    return query


def names(corpus, keys) -> set[int]:
    return {corpus[key].pk for key in keys}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("철도", {"rail", "gtx", "station"}),
        ("철도를", {"rail", "gtx", "station"}),  # a particle does not narrow the search
        ("철도는", {"rail", "gtx", "station"}),
        ("공항", {"airport"}),
        ("공항을", {"airport"}),
        ("신공항을", {"airport"}),
        ("그린벨트", {"greenbelt"}),  # the common name finds the legal one (seeded synonym)
        ("그린벨트를", {"greenbelt"}),
        ("그린 벨트", {"greenbelt"}),  # a spaced synonym is one name
        ("GB를", {"greenbelt"}),
        ("GTX", {"gtx"}),
        ("gtx", {"gtx"}),
        ("산단", {"greenbelt"}),  # 산단 → 산업단지, in the summary
        ("노면전차", {"tram"}),  # the group works both ways: the document says 트램
        ("도심융합특구", {"ucz"}),
        ("도심 융합 특구", {"ucz"}),  # spacing variants
        ("도심융합특구를", {"ucz"}),
        ("광역 급행 철도", {"gtx"}),
        ("개발제한구역을 해제", {"greenbelt"}),  # every word must match
        ("해제 철도", set()),
        ("", {"rail", "greenbelt", "gtx", "ucz", "airport", "tram", "station"}),
    ],
)
def test_public_search_reads_korean(corpus, query, expected):
    assert public_hits(query) == names(corpus, expected)


def test_staff_lists_and_api_search_the_same_way(corpus, client):
    tf = member("tf_staff")
    assert set(proposal_list(tf, {"q": "그린벨트를"}).values_list("pk", flat=True)) == {corpus["greenbelt"].pk}
    _filters, triage = queue_rows(tf, "proposal-triage", params(q="철도를", status="submitted"))
    assert set(triage.values_list("pk", flat=True)) == names(corpus, {"rail", "gtx", "station"})
    client.force_login(tf)
    rows = client.get(reverse("api-proposal-list"), {"q": "철도를"}).json()["results"]
    assert {row["id"] for row in rows} == names(corpus, {"rail", "gtx", "station"})
    public = client.get(reverse("api-public-proposal-list"), {"q": "GTX를"}).json()["results"]
    assert [row["id"] for row in public] == [corpus["gtx"].pk]


def test_a_synonym_added_in_the_admin_works_at_once(corpus):
    assert public_hits("동서철도를") == set()
    SearchSynonym.objects.create(term="동서철도", canonical="동서고속화철도")
    assert public_hits("동서철도를") == {corpus["rail"].pk}
    SearchSynonym.objects.filter(term="동서철도").delete()
    assert public_hits("동서철도를") == set()


def test_a_synonym_cannot_name_itself():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        SearchSynonym(term="개발 제한구역", canonical="개발제한구역").full_clean()
    assert "검색어와 표준어가 같습니다" in str(refused.value)


def test_best_match_first_on_every_list(corpus, client):
    title_first = [corpus["gtx"].pk, corpus["rail"].pk]  # both name 철도 in the title
    public = list(filter_public({"q": "철도"})[0].values_list("pk", flat=True))
    assert set(public[:2]) == set(title_first) and public[2] == corpus["station"].pk
    tf = member("tf_staff")
    _filters, rows = queue_rows(tf, "proposal-list", params(q="철도"))
    staff = list(rows.values_list("pk", flat=True))
    assert set(staff[:2]) == set(title_first) and staff[2] == corpus["station"].pk


def test_found_words_are_marked_in_the_titles(corpus, client):
    page = client.get(reverse("portal-proposal-list"), {"q": "철도를"}).content.decode()
    assert "동서고속화<mark>철도</mark> 연계역 추가 설치" in page
    assert "<mark>검색어와 관련이 깊은 순</mark>" not in page
    client.force_login(member("tf_staff"))
    staff = client.get(reverse("proposal-list"), {"q": "그린벨트"}).content.decode()
    assert "<mark>개발제한구역</mark> 해제 기준 완화" in staff


def test_marking_escapes_everything_else():
    marked = mark('<script>alert("철도")</script> 철도 <b>', highlight_terms("철도를"))
    assert marked == "&lt;script&gt;alert(&quot;<mark>철도</mark>&quot;)&lt;/script&gt; <mark>철도</mark> &lt;b&gt;"


def test_the_home_search_box_opens_the_searched_list(corpus, client):
    home = client.get(reverse("home")).content.decode()
    assert f'action="{reverse("portal-proposal-list")}"' in home and 'name="q"' in home
    page = client.get(reverse("portal-proposal-list"), {"q": "공항을"}).content.decode()
    assert corpus["airport"].title in page.replace("<mark>", "").replace("</mark>", "")


def test_a_reference_is_found_as_typed(corpus):
    assert public_hits(corpus["gtx"].reference) == {corpus["gtx"].pk}


def test_search_costs_the_same_queries_whatever_the_words(corpus, client):
    public_hits("철도")  # reads the synonym list into the cache once
    tf = member("tf_staff")
    list(queue_rows(tf, "proposal-list", params(q="철도"))[1])  # and the person's roles
    counts = {"public": [], "staff": []}
    for query in ("철도", "철도를 연계역 추가 설치", "그린 벨트를 해제하는 기준"):
        with CaptureQueriesContext(connection) as queries:
            list(filter_public({"q": query})[0])
        counts["public"].append(len(queries))
        with CaptureQueriesContext(connection) as queries:
            list(queue_rows(tf, "proposal-list", params(q=query))[1])
        counts["staff"].append(len(queries))
    assert len(set(counts["public"])) == 1, counts
    assert len(set(counts["staff"])) == 1, counts
