import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.portal.serializers import PUBLIC_PROPOSAL_FIELDS
from apps.proposals.models import Proposal
from tests.portal.support import S, decided, fire, proposal_in, public_set, rehome

pytestmark = pytest.mark.django_db

LIST = "/api/v1/public/proposals/"
STATS = "/api/v1/public/stats/"


def test_list_is_anonymous_paginated_and_public_only(api_client, cast):
    shown = proposal_in(cast, S.SUBMITTED, title="공개")
    proposal_in(cast, S.DRAFT, title="작성중")

    response = api_client.get(LIST)

    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"count", "next", "previous", "results"}
    assert [row["id"] for row in data["results"]] == [shown.pk]


def test_fields_are_exactly_the_public_allow_list(api_client, cast):
    proposal = decided(cast, "accepted")

    row = api_client.get(LIST).json()["results"][0]
    detail = api_client.get(f"{LIST}{proposal.pk}/").json()

    assert set(row) == set(PUBLIC_PROPOSAL_FIELDS)
    assert set(detail) == {*PUBLIC_PROPOSAL_FIELDS, "timeline", "milestones"}
    for forbidden in ("decision_reasons", "created_by", "due_at", "attachments", "consultations", "is_public"):
        assert forbidden not in detail
    assert {event["action"] for event in detail["timeline"]} == {"endorse", "assign", "decide"}
    assert all(set(event) == {"action", "action_label", "from_status", "to_status", "created_at", "details"}
               for event in detail["timeline"])  # fmt: skip
    decide = next(event for event in detail["timeline"] if event["action"] == "decide")
    assert decide["details"]["outcome"] == "accepted"
    assert "note" not in decide and "내부 검토 의견" not in str(detail)


def test_detail_of_non_public_is_404_without_revealing(api_client, cast):
    draft = proposal_in(cast, S.DRAFT)
    hidden = proposal_in(cast, S.SUBMITTED)
    Proposal.objects.filter(pk=hidden.pk).update(is_public=False)

    for pk in (draft.pk, hidden.pk, 999999, "abc", "%00", 2**70):
        response = api_client.get(f"{LIST}{pk}/")
        assert response.status_code == 404, pk
        assert response.json() == {"detail": "찾을 수 없습니다."}


def test_filters_and_rolled_up_region(api_client, cast):
    rehome(decided(cast, "accepted", title="광주 철도"), "29")
    proposal_in(cast, S.SUBMITTED, title="강원 도로")

    assert api_client.get(LIST, {"region": "12"}).json()["count"] == 1
    assert api_client.get(LIST, {"outcome": "accepted"}).json()["count"] == 1
    assert api_client.get(LIST, {"q": "철도"}).json()["count"] == 1
    row = api_client.get(LIST, {"region": "12"}).json()["results"][0]
    assert row["region"] == {"code": "29", "name": "광주광역시"}
    assert row["current_region"] == {"code": "12", "name": "전남광주통합특별시"}


@pytest.mark.parametrize(
    "query", [{"year": "abc"}, {"status": "draft"}, {"outcome": "x"}, {"q": "\x00"}, {"page": "0"}, {"year": "99999"}]
)
def test_malformed_filters_are_400_or_404_never_500(api_client, cast, query):
    proposal_in(cast, S.SUBMITTED)

    assert api_client.get(LIST, query).status_code in (400, 404)


def test_wrong_token_is_ignored_on_public_endpoints(api_client, cast):
    proposal_in(cast, S.SUBMITTED)
    api_client.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)

    assert api_client.get(LIST).status_code == 200
    assert api_client.get(STATS).status_code == 200


def test_read_only(api_client, cast):
    proposal = proposal_in(cast, S.SUBMITTED)

    assert api_client.post(LIST, {}).status_code == 405
    assert api_client.patch(f"{LIST}{proposal.pk}/", {}).status_code == 405
    assert api_client.delete(STATS).status_code == 405


def test_stats_endpoint(api_client, cast):
    decided(cast, "accepted")

    data = api_client.get(STATS).json()

    assert data["totals"]["proposals"] == 1 and data["totals"]["acceptance_rate"] == 100.0
    assert {"by_region", "by_current_region", "by_department", "by_strategy", "by_status", "monthly"} <= set(data)


def test_public_paths_are_in_the_schema(api_client):
    paths = api_client.get("/api/v1/schema/", {"format": "json"}).json()["paths"]

    assert {"/api/v1/public/proposals/", "/api/v1/public/proposals/{id}/", "/api/v1/public/stats/"} <= set(paths)


def test_list_query_count_is_fixed(api_client, cast):
    public_set(cast, 2)
    with CaptureQueriesContext(connection) as small:
        api_client.get(LIST)
    public_set(cast, 8, prefix="더")
    with CaptureQueriesContext(connection) as large:
        api_client.get(LIST)

    assert len(small) == len(large)


def test_merge_target_shown_only_when_public(api_client, cast):
    target = proposal_in(cast, S.SUBMITTED, title="대상")
    merged = fire(cast, proposal_in(cast, S.SUBMITTED, title="병합됨"), "tf_staff", "merge", into=target.pk)

    assert api_client.get(f"{LIST}{merged.pk}/").json()["merged_into"] == {
        "id": target.pk,
        "reference": target.reference,
    }
    Proposal.objects.filter(pk=target.pk).update(is_public=False)
    detail = api_client.get(f"{LIST}{merged.pk}/").json()
    assert detail["merged_into"] is None
    assert target.reference not in str(detail)
