"""DESIGN.md §7: 400 with field errors, 401 for anonymous, 404 for unknown codes, 405 for
writes to read-only endpoints, never a 500 however malformed the request."""

import pytest

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/auth/token/"


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        ("not json{", "application/json", 400),
        (b"\xff\xfe\x00", "application/json", 400),
        ('["a", "b"]', "application/json", 400),
        ('{"username": ["a"], "password": {"x": 1}}', "application/json", 400),
        ('{"username": "a\\u0000", "password": "x"}', "application/json", 400),
        ('{"username": "' + "가" * 5000 + '", "password": "x"}', "application/json", 400),
        ("null", "application/json", 400),
        ("username=a", "text/plain", 415),
        ("--x\r\nbroken", "multipart/form-data; boundary=x", 400),
    ],
)
def test_token_malformed_bodies_are_client_errors(api_client, body, content_type, status):
    response = api_client.post(TOKEN_URL, data=body, content_type=content_type)
    assert response.status_code == status
    assert "application/json" in response["Content-Type"]
    assert response.json()


def test_token_invalid_json_message_is_korean(api_client):
    response = api_client.post(TOKEN_URL, data="{", content_type="application/json")
    assert response.json() == {"detail": "요청 본문을 해석할 수 없습니다. 형식(JSON 등)을 확인하세요."}


def test_token_wrong_field_types_are_field_errors(api_client):
    response = api_client.post(TOKEN_URL, {"username": ["a"], "password": 3}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"username"}


@pytest.mark.parametrize(
    "query",
    [
        "page=99999999999999999999",
        "page=abc",
        "page=0",
        "page=-1",
        "page=1.5",
    ],
)
def test_reference_bad_page_is_404_in_korean(api_client, query):
    response = api_client.get(f"/api/v1/regions/?{query}")
    assert response.status_code == 404
    assert response.json() == {"detail": "페이지가 유효하지 않습니다."}


@pytest.mark.parametrize("query", ["page=%00", "page_size=%00", "search=%01"])
def test_query_with_a_control_character_is_400_in_korean(api_client, query):
    # The text policy (apps/core/text.py) refuses it before paging or filtering reads it.
    response = api_client.get(f"/api/v1/regions/?{query}")
    assert response.status_code == 400
    assert list(response.json()) == [query.split("=")[0]]
    assert response.json()[query.split("=")[0]][0].startswith("제어 문자")


@pytest.mark.parametrize("page_size", ["abc", "-1", "0", "100000", "1.5", "", "2&page_size=3"])
def test_reference_bad_page_size_is_a_korean_field_error(api_client, page_size):
    # What the schema says (1 … 500, once) or 400: a typo never silently pages otherwise.
    response = api_client.get(f"/api/v1/regions/?page_size={page_size}")
    assert response.status_code == 400
    assert response.json() == {"page_size": ["1부터 500 사이의 정수를 한 번만 입력하세요."]}


def test_reference_page_size_within_bounds_is_taken(api_client):
    response = api_client.get("/api/v1/regions/?page_size=2")
    assert response.status_code == 200
    assert len(response.json()["results"]) == 2 and response.json()["count"] == 20


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/api/v1/regions/?council_member=maybe", "council_member"),
        ("/api/v1/regions/?current=yes-please", "current"),
        ("/api/v1/regions/?is_capital_area=2", "is_capital_area"),
        ("/api/v1/regions/?code=%00", "code"),
        ("/api/v1/departments/?q=%00", "q"),
        ("/api/v1/departments/?is_active=nope", "is_active"),
        ("/api/v1/regional-offices/?kind=zzz", "kind"),
    ],
)
def test_reference_invalid_filters_are_400_field_errors(api_client, path, field):
    response = api_client.get(path)
    assert response.status_code == 400
    assert list(response.json()) == [field]


def test_reference_invalid_bool_message_is_korean(api_client):
    response = api_client.get("/api/v1/regions/?council_member=maybe")
    assert response.json() == {"council_member": ["true 또는 false를 입력하세요."]}


@pytest.mark.parametrize("value", ["true", "TRUE", "1", "false", "0"])
def test_reference_bool_filters_accept_usual_spellings(api_client, value):
    assert api_client.get("/api/v1/regions/", {"council_member": value}).status_code == 200


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("council_member=", "값을 입력하거나 이 조건을 빼 주세요."),
        ("council_member=true&council_member=false", "이 조건은 한 번만 보낼 수 있습니다."),
    ],
)
def test_reference_filters_are_what_the_schema_says(api_client, query, message):
    # An empty or repeated typed filter would otherwise be read as "no filter" / the last one.
    response = api_client.get(f"/api/v1/regions/?{query}")
    assert response.status_code == 400
    assert response.json() == {"council_member": [message]}


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/regions/99/",
        "/api/v1/regions/%EF%BF%BF/",
        "/api/v1/regions/%FF%FE/",
        "/api/v1/regions/%00/",
        "/api/v1/regions/한글💥/",
        "/api/v1/regions/'%20OR%201=1--/",
        "/api/v1/departments/%E2%80%AE%F0%9F%92%A9/",
        "/api/v1/bodies/nope/",
        "/api/v1/organisations/%0A/",
        "/api/v1/regional-offices/x/",
    ],
)
def test_reference_unknown_codes_are_404_in_korean(api_client, path):
    response = api_client.get(path)
    assert response.status_code == 404
    assert response.json() == {"detail": "찾을 수 없습니다."}


def test_region_code_filter_with_garbage_is_empty_not_error(api_client):
    response = api_client.get("/api/v1/regions/", {"code": "' OR 1=1 --💥"})
    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_write_to_reference_is_405_in_korean(api_client):
    response = api_client.post("/api/v1/regions/", {}, format="json")
    assert response.status_code == 405
    assert response.json() == {"detail": '메서드 "POST"는 허용되지 않습니다.'}


def test_me_anonymous_is_401_not_403(api_client):
    response = api_client.get("/api/v1/me/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def wsgi_header(text: str) -> str:
    # WSGI hands header values over as bytes decoded with latin-1.
    return text.encode().decode("latin-1")


@pytest.mark.parametrize(
    "header",
    [
        "Token",
        "Token a b",
        "Token \x00",
        "Token " + "0" * 63 + "\x00",
        wsgi_header("Token 잘못된토큰💥"),
        "Token " + "f" * 40,
        "Token " + "f" * 64,
        "Token " + "z" * 5000,
        "Bearer x",
        "Basic Zm9vOmJhcg==",
    ],
)
def test_me_malformed_authorization_headers_are_401(api_client, header):
    response = api_client.get("/api/v1/me/", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_reference_bad_token_is_401_even_for_public_reads(api_client):
    # A token that fails is an authentication failure, never silently anonymous, never a 500.
    response = api_client.get("/api/v1/regions/", HTTP_AUTHORIZATION=wsgi_header("Token 잘못된토큰"))
    assert response.status_code == 401
    assert response.json() == {"detail": "토큰이 유효하지 않습니다."}


@pytest.mark.django_db
def test_unknown_api_address_answers_json_404(api_client):
    response = api_client.get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert response.json() == {"detail": "찾을 수 없습니다."}
