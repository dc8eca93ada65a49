import json
import re

import pytest
import yaml
from django.contrib.staticfiles import finders
from django.core.management import call_command

pytestmark = pytest.mark.django_db

CONTRACT_PATHS = [
    "/api/v1/auth/token/",
    "/api/v1/me/",
    "/api/v1/regions/",
    "/api/v1/regions/{code}/",
    "/api/v1/departments/",
    "/api/v1/departments/{code}/",
    "/api/v1/bodies/",
    "/api/v1/bodies/{code}/",
    "/api/v1/organisations/",
    "/api/v1/organisations/{code}/",
    "/api/v1/regional-offices/",
    "/api/v1/regional-offices/{code}/",
]


def asset_urls(html: str) -> list[str]:
    return re.findall(r'(?:src|href)="([^"]+)"', html)


def test_schema_is_openapi_yaml_with_contract_paths(api_client):
    response = api_client.get("/api/v1/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    assert schema["openapi"].startswith("3.")
    assert set(CONTRACT_PATHS) <= set(schema["paths"])


def test_schema_is_available_as_json(api_client):
    response = api_client.get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert set(CONTRACT_PATHS) <= set(schema["paths"])


def test_schema_documents_region_fields_and_filters(api_client):
    schema = yaml.safe_load(api_client.get("/api/v1/schema/").content)
    region = schema["components"]["schemas"]["Region"]["properties"]
    # The contract's fields (DESIGN.md §7), written out rather than read from the serializer.
    contract = "code name short_name name_en is_capital_area council_member valid_from valid_to successor is_current"
    assert set(contract.split()) == set(region)
    assert region["council_member"]["type"] == "boolean"
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/regions/"]["get"]["parameters"]}
    assert {"code", "is_capital_area", "council_member", "current", "page", "page_size"} <= set(parameters)
    assert parameters["council_member"]["schema"]["type"] == "boolean"


def test_schema_documents_token_request_and_response(api_client):
    schema = yaml.safe_load(api_client.get("/api/v1/schema/").content)
    operation = schema["paths"]["/api/v1/auth/token/"]["post"]
    request_ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    response_ref = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    components = schema["components"]["schemas"]
    request = components[request_ref.rsplit("/", 1)[-1]]
    assert set(request["required"]) == {"username", "password"}
    assert set(components[response_ref.rsplit("/", 1)[-1]]["properties"]) == {"token", "expiry"}
    assert "security" not in operation  # and there is no global security requirement
    assert "security" not in schema


def test_schema_reference_endpoints_are_read_only(api_client):
    schema = yaml.safe_load(api_client.get("/api/v1/schema/").content)
    for path in CONTRACT_PATHS[2:]:
        assert set(schema["paths"][path]) == {"get"}, path


def test_schema_generation_has_no_warnings(tmp_path):
    # The same check as `manage.py spectacular --validate --fail-on-warn`.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))
    assert "/api/v1/regions/" in (tmp_path / "schema.yml").read_text()


@pytest.mark.parametrize("path", ["/api/v1/docs/", "/api/v1/redoc/"])
def test_docs_pages_load_assets_locally_only(api_client, path):
    response = api_client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assets = asset_urls(html)
    assert assets
    assert all(url.startswith("/static/drf_spectacular_sidecar/") for url in assets), assets
    assert not re.search(r"https?://", html)
    for url in assets:
        assert finders.find(url.removeprefix("/static/")), url


def test_swagger_docs_do_not_call_the_online_validator(api_client):
    html = api_client.get("/api/v1/docs/").content.decode()
    assert '"validatorUrl": null' in html
    assert "/api/v1/schema/" in html
