"""The reference data loaded by migrations: regions with their history, the council's
dated membership, departments, regional offices and partner organisations."""

import datetime

import pytest

from apps.organisations.models import (
    Body,
    CouncilSeat,
    Department,
    PartnerOrganisation,
    Region,
    RegionalOffice,
)
from apps.organisations.reference import read_csv
from tests.organisations.support import DESIGN_BODY_CODES

pytestmark = pytest.mark.django_db


def council_codes_on(day: str) -> list[str]:
    seats = CouncilSeat.objects.filter(body__code="regional_council").valid_on(datetime.date.fromisoformat(day))
    return sorted(seats.values_list("region__code", flat=True))


def test_regions_every_reference_row_is_loaded_with_its_code():
    codes = {row["code"] for row in read_csv("regions.csv")}
    assert codes <= set(Region.objects.values_list("code", flat=True))
    assert Region.objects.get(code="51").name == "강원특별자치도"
    assert Region.objects.get(code="52").short_name == "전북"


def test_regions_merger_keeps_abolished_regions_with_their_successor():
    gwangju, jeonnam, merged = (Region.objects.get(code=c) for c in ("29", "46", "12"))
    assert gwangju.valid_to == datetime.date(2026, 6, 30)
    assert gwangju.successor == merged and jeonnam.successor == merged
    assert merged.valid_from == datetime.date(2026, 7, 1)
    assert gwangju.is_valid_on(datetime.date(2026, 6, 30))
    assert not gwangju.is_valid_on(datetime.date(2026, 7, 1))
    assert gwangju.current_region() == merged


def test_regions_code_changes_are_rows_that_roll_up_to_the_new_code():
    old_gangwon = Region.objects.get(code="42")
    assert old_gangwon.name == "강원도"
    assert old_gangwon.valid_to == datetime.date(2023, 6, 10)
    assert old_gangwon.current_region().code == "51"
    assert Region.objects.get(code="45").current_region().code == "52"


def test_regions_today_are_sixteen_with_thirteen_outside_the_capital_area():
    today = datetime.date(2026, 11, 22)
    current = Region.objects.valid_on(today)
    assert current.count() == 16
    assert current.filter(is_capital_area=False).count() == 13


def test_council_had_fourteen_regions_when_formed_and_thirteen_since_the_merger():
    founding = council_codes_on("2023-01-04")
    assert len(founding) == 14
    assert {"29", "46", "42", "45"} <= set(founding)
    assert len(council_codes_on("2026-06-30")) == 14
    today = council_codes_on("2026-07-01")
    assert len(today) == 13
    assert "12" in today and "29" not in today and "46" not in today
    assert council_codes_on("2024-02-01").count("52") == 1


def test_council_never_seats_capital_area_regions():
    assert not CouncilSeat.objects.filter(region__is_capital_area=True).exists()


def test_bodies_match_the_design_codes_and_hierarchy():
    bodies = {b.code: b for b in Body.objects.select_related("parent")}
    assert set(bodies) == DESIGN_BODY_CODES
    assert bodies["tf"].parent.code == "planning_group"
    assert bodies["regional_council"].parent.code == "support_group"
    assert bodies["forum"].chair_title.startswith("국토교통부 장관")


def test_departments_are_loaded_from_the_organisation_chart():
    assert Department.objects.count() == len(read_csv("molit_units.csv"))
    policy = Department.objects.get(code="국토정책과")
    assert policy.office == "국토도시실" and policy.bureau == "국토정책관"


def test_regional_offices_cover_regions_including_successors():
    wonju = RegionalOffice.objects.get(code="원주지방국토관리청")
    assert set(wonju.regions.values_list("code", flat=True)) == {"42", "51"}
    iksan = RegionalOffice.objects.get(code="익산지방국토관리청")
    assert {"12", "29", "46", "52"} <= set(iksan.regions.values_list("code", flat=True))
    gangneung = RegionalOffice.objects.get(code="강릉국토관리사무소")
    assert gangneung.parent == wonju
    assert RegionalOffice.objects.filter(kind="office").count() == 18
    assert RegionalOffice.objects.filter(kind="administration").count() == 5


def test_partner_organisations_belong_to_their_group():
    assert PartnerOrganisation.objects.get(code="LH").group.code == "institution_group"
    assert PartnerOrganisation.objects.get(code="KRIHS").group.code == "expert_group"
    assert PartnerOrganisation.objects.count() == len(read_csv("partner_orgs.csv"))
