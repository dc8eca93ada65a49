import datetime

import pytest
import time_machine
from django.urls import reverse

from apps.organisations.models import Body, CouncilSeat, Department, PartnerOrganisation, Region, RegionalOffice
from tests.organisations.support import DESIGN_BODY_CODES

pytestmark = pytest.mark.django_db

REFERENCE_LISTS = ["regions", "departments", "bodies", "organisations", "regional-offices"]


def get_all(api_client, path, **params):
    response = api_client.get(f"/api/v1/{path}/", {"page_size": 500, **params})
    assert response.status_code == 200, response.content
    return response.json()


def test_regions_list_is_public_and_paginated(api_client):
    data = get_all(api_client, "regions", page_size=5)
    assert set(data) == {"count", "next", "previous", "results"}
    assert data["count"] == Region.objects.count() == 20
    assert len(data["results"]) == 5
    assert data["next"] is not None
    assert data["previous"] is None


def test_regions_list_has_contract_fields(api_client):
    region = get_all(api_client, "regions", code="51")["results"][0]
    assert region == {
        "code": "51",
        "name": Region.objects.get(code="51").name,
        "short_name": "강원",
        "name_en": Region.objects.get(code="51").name_en,
        "is_capital_area": False,
        "council_member": True,
        "valid_from": region["valid_from"],
        "valid_to": None,
        "successor": None,
        "is_current": True,
    }


def test_regions_list_includes_abolished_regions_with_successor(api_client):
    regions = {r["code"]: r for r in get_all(api_client, "regions")["results"]}
    assert {"29", "46", "42", "45"} <= set(regions)
    assert regions["42"]["successor"] == "51"
    assert regions["45"]["successor"] == "52"
    assert regions["42"]["valid_to"] is not None
    for code in ("42", "45"):
        assert regions[code]["is_current"] is False
        assert regions[code]["council_member"] is False


def test_regions_council_member_matches_dated_seats(api_client):
    regions = get_all(api_client, "regions", council_member="true")["results"]
    council = Body.objects.get(code="regional_council")
    expected = set(CouncilSeat.objects.filter(body=council).current().values_list("region__code", flat=True))
    assert {r["code"] for r in regions} == expected
    assert len(expected) == 13
    assert all(not r["is_capital_area"] for r in regions)


@time_machine.travel(datetime.datetime(2025, 1, 1, 12, tzinfo=datetime.UTC), tick=False)
def test_regions_council_member_follows_the_date(api_client):
    regions = {r["code"]: r for r in get_all(api_client, "regions")["results"]}
    members = {code for code, r in regions.items() if r["council_member"]}
    assert len(members) == 14
    assert {"29", "46"} <= members
    assert regions["12"]["council_member"] is False
    assert regions["29"]["is_current"] is True


def test_regions_filter_current(api_client):
    current = get_all(api_client, "regions", current="true")["results"]
    abolished = get_all(api_client, "regions", current="false")["results"]
    assert all(r["is_current"] for r in current)
    assert {r["code"] for r in abolished} >= {"42", "45"}
    assert all(not r["is_current"] for r in abolished)
    assert len(current) + len(abolished) == 20


def test_regions_filter_capital_area(api_client):
    capital = get_all(api_client, "regions", is_capital_area="true")["results"]
    assert {r["code"] for r in capital} == {"11", "28", "41"}


def test_region_detail_by_code(api_client):
    response = api_client.get("/api/v1/regions/52/")
    assert response.status_code == 200
    assert response.json()["code"] == "52"
    assert response.json()["short_name"] == "전북"


def test_region_detail_unknown_code_is_404(api_client):
    response = api_client.get("/api/v1/regions/99/")
    assert response.status_code == 404
    assert "detail" in response.json()


def test_departments_list_has_contract_fields_and_filters(api_client):
    department = Department.objects.get(code="국토정책과")
    data = get_all(api_client, "departments", q="국토정책")
    assert {
        "code": department.code,
        "name": department.name,
        "office": department.office,
        "bureau": department.bureau,
        "unit_type": department.unit_type,
        "is_active": department.is_active,
    } in data["results"]
    assert all("국토정책" in d["name"] for d in data["results"])
    by_office = get_all(api_client, "departments", office=department.office)["results"]
    assert by_office
    assert {d["office"] for d in by_office} == {department.office}


def test_department_detail_by_korean_code(api_client):
    response = api_client.get(reverse("department-detail", kwargs={"code": "국토정책과"}))
    assert response.status_code == 200
    assert response.json()["name"] == Department.objects.get(code="국토정책과").name


def test_bodies_list_has_contract_fields(api_client):
    bodies = {b["code"]: b for b in get_all(api_client, "bodies")["results"]}
    assert set(bodies) >= DESIGN_BODY_CODES
    council = bodies["regional_council"]
    # The contract's fields, written out (not read from the serializer).
    contract = "code name name_en parent chair_title secretary_title composition members_public"
    assert set(council) == set(contract.split())
    assert council["parent"] == "support_group"
    assert bodies["forum"]["parent"] is None


def test_organisations_list_filters_by_group(api_client):
    data = get_all(api_client, "organisations", group="institution_group")
    codes = {o["code"] for o in data["results"]}
    assert "LH" in codes
    assert data["count"] == PartnerOrganisation.objects.filter(group__code="institution_group").count()
    assert {o["group"] for o in data["results"]} == {"institution_group"}
    lh = api_client.get("/api/v1/organisations/LH/").json()
    assert set(lh) == {"code", "name", "name_en", "abbreviation", "group"}


def test_regional_offices_list_has_regions_and_parent(api_client):
    offices = {o["code"]: o for o in get_all(api_client, "regional-offices")["results"]}
    wonju = offices["원주지방국토관리청"]
    assert wonju["kind"] == "administration"
    assert wonju["parent"] is None
    assert "51" in wonju["regions"]
    children = [o for o in offices.values() if o["parent"] == "원주지방국토관리청"]
    assert all(o["kind"] == "office" for o in children)
    filtered = get_all(api_client, "regional-offices", region="51")["results"]
    assert "원주지방국토관리청" in {o["code"] for o in filtered}
    assert len(filtered) == RegionalOffice.objects.filter(regions__code="51").distinct().count()


@pytest.mark.parametrize("path", REFERENCE_LISTS)
def test_reference_list_query_count_does_not_grow_with_rows(api_client, django_assert_max_num_queries, path):
    with django_assert_max_num_queries(3) as small:
        response = api_client.get(f"/api/v1/{path}/", {"page_size": 2})
    assert response.status_code == 200
    with django_assert_max_num_queries(len(small.captured_queries)) as large:
        response = api_client.get(f"/api/v1/{path}/", {"page_size": 50})
    assert response.status_code == 200
    assert len(response.json()["results"]) > 2
    assert len(large.captured_queries) == len(small.captured_queries)


@pytest.mark.parametrize("path", REFERENCE_LISTS)
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_reference_write_methods_are_405(api_client, method, path):
    list_response = getattr(api_client, method)(f"/api/v1/{path}/", {}, format="json")
    code = get_all(api_client, path)["results"][0]["code"]
    detail_response = getattr(api_client, method)(f"/api/v1/{path}/{code}/", {}, format="json")
    expected_list = 405
    assert list_response.status_code == expected_list
    assert detail_response.status_code == 405
    assert "detail" in detail_response.json()


def test_reference_write_methods_are_405_for_staff_too(api_client, make_member):
    api_client.force_authenticate(make_member("admin"))
    assert api_client.post("/api/v1/regions/", {"code": "99"}, format="json").status_code == 405
    assert api_client.delete("/api/v1/regions/51/").status_code == 405
    assert Region.objects.filter(code="51").exists()
