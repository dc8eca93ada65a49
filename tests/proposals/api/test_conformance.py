"""The API keeps its schema (issue 13, item 5): nullable fields say so, a blank outcome is
in the schema, dates have sane bounds, a stale client gets 409, DRF's untranslated
messages are Korean."""

import re

import pytest
from drf_spectacular.generators import SchemaGenerator

from apps.proposals.models import ProposalEvent
from apps.proposals.models import ProposalStatus as S
from apps.proposals.registry import FIREABLE

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


HANGUL = re.compile("[가-힣]")


def _messages(data):
    if isinstance(data, dict):
        return [message for value in data.values() for message in _messages(value)]
    if isinstance(data, list):
        return [message for value in data for message in _messages(value)]
    return [str(data)]


@pytest.mark.parametrize(
    ("method", "body", "content_type", "status"),
    [
        ("post", "{}", "application/json", 400),  # required
        ("post", '{"title": null, "category": null}', "application/json", 400),  # null
        ("post", '{"title": "", "strategies": "x", "is_public": "?"}', "application/json", 400),  # blank, list, bool
        ("post", '["a list"]', "application/json", 400),  # not an object
        ("post", '{"title": "' + "가" * 300 + '"}', "application/json", 400),  # too long
        ("post", "<xml/>", "application/xml", 415),
        ("put", "{}", "application/json", 405),
        ("post", "null", "application/json", 400),  # "No data provided", untranslated by DRF
        ("post", '{"a": ', "application/json", 400),  # parse error
    ],
)
def test_drfs_own_errors_are_korean(client_for, people, method, body, content_type, status):
    response = getattr(client_for(people.official()), method)("/api/v1/proposals/", body, content_type=content_type)

    assert response.status_code == status
    messages = _messages(response.json())
    assert messages and all(HANGUL.search(message) for message in messages), messages


ACTORS = {
    "is_region_author": lambda people: people.official(),
    "is_region_vice_governor": lambda people: people.vice_governor(),
    "has_role:tf_lead,tf_staff": lambda people: people.tf,
    "has_role:tf_lead": lambda people: people.tf_lead,
    "is_lead_reviewer": lambda people: people.reviewer,
    "(is_lead_reviewer | is_support_reviewer)": lambda people: people.reviewer,
    "(is_lead_reviewer | has_role:tf_lead,tf_staff)": lambda people: people.reviewer,
}


@pytest.mark.parametrize("action", list(FIREABLE))
def test_every_action_refuses_a_stale_expected_status_with_409_in_korean(client_for, people, flow, action):
    # The proposal is where the action may start, the caller may fire it — but the
    # client saw another state: a conflict, and nothing is recorded.
    spec = FIREABLE[action]
    proposal = flow.make(min(spec.sources, key=list(S).index))
    seen = next(status for status in S if status != proposal.status)

    response = client_for(ACTORS[str(spec.rule)](people)).post(
        action_url(proposal, action), {"note": "사유", "expected_status": seen}, format="json"
    )

    assert response.status_code == 409, response.json()
    assert HANGUL.search(response.json()["detail"])
    assert not ProposalEvent.objects.filter(proposal=proposal, action=action).exists()
    proposal.refresh_from_db()
    assert proposal.status != seen


def test_the_stale_message_follows_the_callers_language(client_for, people, flow):
    proposal = flow.make(S.IN_REVIEW)
    body = {"due_at": future(30).isoformat(), "note": "지연", "expected_status": S.ASSIGNED}

    response = client_for(people.reviewer).post(
        action_url(proposal, "extend"), body, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 409
    assert response.json() == {"detail": "Someone else acted on this proposal first. Please reload the page."}
