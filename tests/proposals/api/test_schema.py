"""The OpenAPI schema documents the proposals API exactly (DESIGN.md §7)."""

import pytest
import yaml

from apps.proposals.registry import FIREABLE

pytestmark = pytest.mark.django_db

PATHS = {
    "/api/v1/proposals/": {"get", "post"},
    "/api/v1/proposals/{id}/": {"get", "patch"},
    "/api/v1/proposals/{id}/{action}/": {"post"},
    "/api/v1/proposals/{id}/events/": {"get"},
    "/api/v1/proposals/{id}/attachments/": {"get", "post"},
    "/api/v1/consultations/": {"get", "post"},
    "/api/v1/consultations/{id}/": {"get"},
    "/api/v1/consultations/{id}/respond/": {"post"},
}


@pytest.fixture
def schema(api_client):
    return yaml.safe_load(api_client.get("/api/v1/schema/").content)


def test_schema_has_every_proposals_path_and_method(schema):
    for path, methods in PATHS.items():
        assert path in schema["paths"], path
        assert set(schema["paths"][path]) - {"parameters"} == methods, path


def test_action_parameter_lists_every_action(schema):
    parameters = schema["paths"]["/api/v1/proposals/{id}/{action}/"]["post"]["parameters"]
    action = next(p for p in parameters if p["name"] == "action")
    assert set(action["schema"]["enum"]) == set(FIREABLE)


def test_action_documents_its_error_codes(schema):
    responses = schema["paths"]["/api/v1/proposals/{id}/{action}/"]["post"]["responses"]
    assert {"200", "400", "401", "403", "404", "409"} <= set(responses)


def test_list_documents_the_filters_and_pagination(schema):
    names = {p["name"] for p in schema["paths"]["/api/v1/proposals/"]["get"]["parameters"]}
    assert {
        "region",
        "status",
        "outcome",
        "category",
        "department",
        "q",
        "strategy",
        "year",
        "overdue",
        "page",
    } <= names
    assert "PaginatedProposalList" in schema["components"]["schemas"]


def test_proposal_fields_and_internal_field_is_optional(schema):
    proposal = schema["components"]["schemas"]["Proposal"]
    assert {"id", "reference", "body_html", "status_label", "available_actions", "decision_reasons"} <= set(
        proposal["properties"]
    )
    assert "decision_reasons" not in proposal["required"]
    assert "available_actions" in proposal["required"]


def test_attachment_upload_is_multipart(schema):
    body = schema["paths"]["/api/v1/proposals/{id}/attachments/"]["post"]["requestBody"]["content"]
    assert set(body) == {"multipart/form-data"}
