"""The API keeps its schema (issue 13, item 5): nullable fields say so, a blank outcome is
in the schema, dates have sane bounds, a stale client gets 409, DRF's untranslated
messages are Korean."""

import pytest
from drf_spectacular.generators import SchemaGenerator

from apps.proposals.models import ProposalEvent
from apps.proposals.models import ProposalStatus as S

from .conftest import future
from .test_actions import action_url

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def components():
    return SchemaGenerator().get_schema(request=None, public=True)["components"]["schemas"]


@pytest.mark.parametrize(
    ("component", "field"),
    [
        ("Body", "parent"),
        ("RegionalOffice", "parent"),
        ("Region", "successor"),
        ("Meeting", "chair"),
        ("Meeting", "minutes"),
        ("Meeting", "minutes_html"),
        ("Comment", "parent"),
        ("Comment", "hidden_reason"),
        ("Membership", "body"),
        ("Membership", "department"),
        ("Membership", "region"),
    ],
)
def test_fields_that_can_be_null_are_nullable_in_the_schema(components, component, field):
    assert components[component]["properties"][field].get("nullable") is True


@pytest.mark.parametrize("component", ["Proposal", "PublicProposal", "PublicProposalDetail"])
def test_a_blank_outcome_is_in_the_schema(components, component):
    outcome = components[component]["properties"]["outcome"]
    refs = {option["$ref"].rsplit("/", 1)[-1] for option in outcome["oneOf"]}
    assert refs == {"OutcomeEnum", "BlankEnum"}
    assert components["BlankEnum"]["enum"] == [""]


def test_expected_status_is_documented_on_every_action(components):
    assert "expected_status" in components["ProposalActionRequest"]["properties"]


@pytest.mark.parametrize("due_at", ["9999-12-31", "2101-01-01", "1999-12-31"])
def test_a_date_out_of_bounds_is_a_field_error(client_for, people, flow, due_at):
    proposal = flow.make(S.IN_REVIEW)

    response = client_for(people.reviewer).post(
        action_url(proposal, "extend"), {"due_at": due_at, "note": "지연"}, format="json"
    )

    assert response.status_code == 400
    assert "2100-12-31" in response.json()["due_at"][0]


def test_a_date_within_bounds_is_taken(client_for, people, flow):
    proposal = flow.make(S.IN_REVIEW)

    response = client_for(people.reviewer).post(
        action_url(proposal, "extend"), {"due_at": future(200).isoformat(), "note": "지연"}, format="json"
    )

    assert response.status_code == 200


def test_a_stale_expected_status_is_409_and_changes_nothing(client_for, people, flow):
    proposal = flow.make(S.RECONSIDERATION)
    client = client_for(people.tf_lead)
    assert client.post(action_url(proposal, "uphold"), {"note": "유지"}, format="json").status_code == 200

    # The reopen of a client that still saw the appeal pending, 31 ms later.
    response = client.post(
        action_url(proposal, "reopen"), {"note": "재검토", "expected_status": S.RECONSIDERATION}, format="json"
    )

    assert response.status_code == 409
    assert not ProposalEvent.objects.filter(proposal=proposal, action="reopen").exists()


def test_a_null_body_gets_a_korean_message(client_for, people):
    response = client_for(people.official()).post("/api/v1/proposals/", "null", content_type="application/json")

    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": ["요청 본문이 비어 있습니다. 입력할 내용을 JSON 객체로 보내 주세요."]
    }


@pytest.fixture(scope="module")
def operations():
    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    return [(path, method, operation) for path, ops in paths.items() for method, operation in ops.items()]


def test_every_operation_documents_the_errors_it_can_give(operations):
    for path, method, operation in operations:
        codes = set(operation["responses"])
        assert "400" in codes, (method, path)
        paged = any(param["name"] == "page" for param in operation.get("parameters", []))
        if "{" in path or paged:
            assert "404" in codes, (method, path)
        if method in ("post", "patch", "put"):
            assert "413" in codes, (method, path)
