"""No request to the proposals API, however malformed, yields a 500 (DESIGN.md §7)."""

import pytest

from apps.proposals.models import Proposal
from apps.proposals.models import ProposalStatus as S

from .conftest import GANGWON

pytestmark = pytest.mark.django_db

GARBAGE_BODIES = [
    ("not json{", "application/json"),
    (b"\xff\xfe\x00", "application/json"),
    ('["a", "b"]', "application/json"),
    ("null", "application/json"),
    ("42", "application/json"),
    ('"string"', "application/json"),
    ('{"title": "a\\u0000b"}', "application/json"),
    ('{"a": ' * 200 + "1" + "}" * 200, "application/json"),
    ("--x\r\nbroken", "multipart/form-data; boundary=x"),
]


def post_raw(client, path, body, content_type):
    return client.generic("POST", path, body, content_type=content_type)


@pytest.mark.parametrize(("body", "content_type"), GARBAGE_BODIES)
def test_garbage_bodies_to_create_are_400(client_for, people, body, content_type):
    response = post_raw(client_for(people.official()), "/api/v1/proposals/", body, content_type)
    assert response.status_code == 400
    assert response.json()
    assert not Proposal.objects.exists()


@pytest.mark.parametrize(("body", "content_type"), GARBAGE_BODIES)
def test_garbage_bodies_to_actions_are_400(client_for, people, flow, body, content_type):
    proposal = flow.make(S.SUBMITTED)
    response = post_raw(client_for(people.tf), f"/api/v1/proposals/{proposal.pk}/assign/", body, content_type)
    assert response.status_code == 400
    proposal.refresh_from_db()
    assert proposal.status == S.SUBMITTED


@pytest.mark.parametrize(("body", "content_type"), GARBAGE_BODIES)
def test_garbage_bodies_to_patch_change_nothing(client_for, people, flow, body, content_type):
    proposal = flow.make()
    response = client_for(people.official()).generic(
        "PATCH", f"/api/v1/proposals/{proposal.pk}/", body, content_type=content_type
    )
    # Unknown keys are ignored in a PATCH (200, no change); anything unreadable is a 400.
    assert response.status_code in (200, 400)
    assert Proposal.objects.get(pk=proposal.pk).title == proposal.title


@pytest.mark.parametrize(("body", "content_type"), GARBAGE_BODIES)
def test_garbage_bodies_to_consultations_are_400(client_for, people, body, content_type):
    response = post_raw(client_for(people.reviewer), "/api/v1/consultations/", body, content_type)
    assert response.status_code == 400


def test_unsupported_content_type_is_415(client_for, people):
    response = post_raw(client_for(people.official()), "/api/v1/proposals/", "title=x", "text/plain")
    assert response.status_code == 415


def valid(**overrides):
    return {"region": GANGWON, "title": "제목", "summary": "요약", "category": "rail", **overrides}


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"region": 51}, None),  # a number is read as its code
        ({"region": ["51"]}, "region"),
        ({"region": {"code": "51"}}, "region"),
        ({"region": "5\x001"}, "region"),
        ({"region": "💥" * 1000}, "region"),
        ({"region": True}, "region"),
        ({"title": "가" * 201}, "title"),
        ({"title": ["x"]}, "title"),
        ({"title": {"x": 1}}, "title"),
        ({"title": None}, "title"),
        ({"title": "a\x00b"}, "title"),
        ({"summary": "가" * 2001}, "summary"),
        ({"category": "RAIL"}, "category"),
        ({"category": 1}, "category"),
        ({"strategies": "plan_transport"}, "strategies"),
        ({"strategies": [1, 2]}, "strategies"),
        ({"strategies": [["plan_transport"]]}, "strategies"),
        ({"strategies": ["plan_transport\x00"]}, "strategies"),
        ({"budget_estimate": 10**30}, "budget_estimate"),
        ({"budget_estimate": -1}, "budget_estimate"),
        ({"budget_estimate": "많이"}, "budget_estimate"),
        ({"budget_estimate": 1.5}, "budget_estimate"),
        ({"budget_estimate": "NaN"}, "budget_estimate"),
        ({"budget_estimate": "Infinity"}, "budget_estimate"),
        ({"location": "가" * 101}, "location"),
        ({"is_public": "maybe"}, "is_public"),
        ({"is_public": [True]}, "is_public"),
    ],
)
def test_create_wrong_types_are_field_errors(client_for, people, overrides, field):
    response = client_for(people.official()).post("/api/v1/proposals/", valid(**overrides), format="json")
    if field is None:
        assert response.status_code == 201
        return
    assert response.status_code == 400, response.content
    assert list(response.json()) == [field]


@pytest.mark.parametrize(
    "body",
    [
        {"due_at": "2026-13-45", "lead_department": "국토정책과"},
        {"due_at": 20260101, "lead_department": "국토정책과"},
        {"due_at": ["2030-01-01"], "lead_department": "국토정책과"},
        {"due_at": "9999999-01-01", "lead_department": "국토정책과"},
        {"lead_department": "국토정책과\x00"},
        {"lead_department": 10**30},
        {"support_departments": [None], "lead_department": "국토정책과"},
        {"support_departments": ["x"] * 51, "lead_department": "국토정책과"},
        {"note": {"a": 1}, "lead_department": "국토정책과"},
        {"note": 12, "lead_department": "국토정책과", "into": "1e3"},
    ],
)
def test_action_wrong_types_are_400(client_for, people, flow, body):
    proposal = flow.make(S.SUBMITTED)
    response = client_for(people.tf).post(f"/api/v1/proposals/{proposal.pk}/assign/", body, format="json")
    assert response.status_code == 400, response.content


@pytest.mark.parametrize(
    "query",
    [
        "year=0",
        "year=-5",
        "year=1.5",
        "year=99999999999999999999999",
        "year=1e400",
        "year=NaN",
        "year=abc",
        "year=1",
        "year=9999",
        "overdue=maybe",
        "status=%00",
        "department=%00",
        "strategy=%00",
        "q=" + "가" * 3000,
        "page=99999999999999999999",
        "page_size=-1",
        "region=" + "💥" * 100,
    ],
)
def test_list_with_odd_queries_is_never_500(client_for, people, flow, query):
    flow.make()
    response = client_for(people.official()).get(f"/api/v1/proposals/?{query}")
    assert response.status_code in (200, 400, 404), (query, response.status_code)
    assert response.json()


@pytest.mark.parametrize("query", ["year=0", "year=1.5", "year=99999999999999999999999", "overdue=maybe"])
def test_list_bad_year_and_overdue_are_400(client_for, people, query):
    response = client_for(people.official()).get(f"/api/v1/proposals/?{query}")
    assert response.status_code == 400
    assert list(response.json()) == [query.split("=")[0]]


def test_list_year_filters_by_submission_year(client_for, people, flow):
    submitted = flow.make(S.SUBMITTED)
    flow.make()
    client = client_for(people.official())
    year = submitted.submitted_at.year
    assert [row["id"] for row in client.get("/api/v1/proposals/", {"year": year}).json()["results"]] == [submitted.pk]
    assert client.get("/api/v1/proposals/", {"year": year + 1}).json()["count"] == 0


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/proposals/%00/",
        "/api/v1/proposals/-1/",
        "/api/v1/proposals/1.5/",
        "/api/v1/proposals/abc/",
        "/api/v1/proposals/99999999999999999999999999999/",
        "/api/v1/proposals/99999999999999999999999999999/events/",
        "/api/v1/proposals/99999999999999999999999999999/attachments/",
        "/api/v1/proposals/０/",
    ],
)
def test_odd_ids_are_404(client_for, people, path):
    assert client_for(people.official()).get(path).status_code == 404


def test_action_on_huge_id_is_404(client_for, people):
    response = client_for(people.tf).post(
        "/api/v1/proposals/99999999999999999999999999999/assign/", {"lead_department": "국토정책과"}, format="json"
    )
    assert response.status_code == 404
