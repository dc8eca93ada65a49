import pytest
from django.urls import reverse

from tests.factories import member
from tests.similarity.support import draft, submitted

pytestmark = pytest.mark.django_db


def _url(proposal):
    return reverse("api-proposal-similar", args=[proposal.pk])


@pytest.fixture
def pair():
    mine = submitted("51", "개발제한구역 해제 권한 시·도 위임", "GB 해제 권한을 시·도지사에게 위임해 주십시오.")
    theirs = submitted("26", "그린벨트 해제 권한 이양", "개발제한구역 해제 권한을 광역자치단체에 넘겨 주십시오.")
    return mine, theirs


def test_similar_lists_likely_duplicates_best_first(api_client, pair):
    mine, theirs = pair
    api_client.force_authenticate(member("tf_staff"))

    response = api_client.get(_url(mine))

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    first = body["results"][0]
    assert first["id"] == theirs.pk
    assert first["reference"] == theirs.reference
    assert first["region"] == "26"
    assert 0 < first["score"] <= 1
    assert "개발제한구역" in first["shared_terms"]


def test_similar_is_404_for_a_proposal_the_caller_may_not_see(api_client, pair):
    mine, _ = pair
    hidden = draft("26", "부산 개발제한구역 해제 권한 위임")
    api_client.force_authenticate(member("regional_official"))  # 강원

    assert api_client.get(_url(mine)).status_code == 200
    assert api_client.get(_url(hidden)).status_code == 404
    assert api_client.get("/api/v1/proposals/999999999/similar/").status_code == 404


def test_similar_lists_only_what_the_caller_may_see(api_client, pair):
    mine, theirs = pair
    other_draft = draft("26", "개발제한구역 해제 권한 시·도 위임 요청", "GB 해제 권한 위임")
    api_client.force_authenticate(member("regional_official"))  # 강원: sees 부산's public proposal only

    ids = {row["id"] for row in api_client.get(_url(mine)).json()["results"]}

    assert theirs.pk in ids
    assert other_draft.pk not in ids


def test_similar_needs_authentication_and_a_sane_limit(api_client, pair):
    mine, _ = pair
    assert api_client.get(_url(mine)).status_code == 401
    api_client.force_authenticate(member("tf_staff"))
    assert api_client.get(_url(mine), {"limit": "0"}).status_code == 400
    assert api_client.get(_url(mine), {"limit": "x"}).status_code == 400
    assert api_client.get(_url(mine), {"limit": "3"}).status_code == 200


def test_similar_is_in_the_schema(api_client):
    schema = api_client.get("/api/v1/schema/", {"format": "json"}).json()

    assert "/api/v1/proposals/{proposal_id}/similar/" in schema["paths"]
