"""Loading the verified reference data (``data/*.csv``) into the database.

Called from data migrations with historical models, so every function takes the
model classes it writes. Loading is idempotent (update_or_create on ``code``).
Nothing here retypes the reference data: codes and relations are derived from it.
"""

import csv
import datetime
import re
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

# The council was re-founded as the 14 non-capital vice-governors by the support-group
# reorganisation announced on this date (seed 003, 붙임).
COUNCIL_FOUNDED = datetime.date(2023, 1, 4)

BODIES = [
    # code, name, name_en, parent, chair, secretary, composition, members_public
    (
        "forum",
        "지역균형발전포럼",
        "Regional Balanced Development Forum",
        None,
        "국토교통부 장관",
        "",
        "민간 전문가 11인(국토·도시, 교통·물류, 교육, 문화, 산업, 일자리, 환경 등), 장관 주재 수시 개최",
        True,
    ),
    (
        "support_group",
        "지역균형발전지원단",
        "Regional Balanced Development Support Group",
        None,
        "제1차관(단장)",
        "",
        "지역협의회, 지역균형발전기획단, 전문가 자문그룹, 공공기관 그룹",
        True,
    ),
    (
        "regional_council",
        "지역협의회",
        "Regional Council",
        "support_group",
        "국토도시실장(의장)",
        "국토정책관(간사)",
        "비수도권 광역지자체 부지사",
        True,
    ),
    (
        "planning_group",
        "지역균형발전기획단",
        "Regional Balanced Development Planning Group",
        "support_group",
        "국토도시실장(단장)",
        "국토정책관(간사)",
        "부내 TF(과장급), 지역협력관, 지방조직(지역협력국장 5명, 국토관리소장 18명)",
        False,
    ),
    (
        "tf",
        "부내 TF",
        "In-ministry Task Force",
        "planning_group",
        "국토정책과(총괄)",
        "",
        "(총괄) 국토정책과, (상시) 실·국 총괄부서, (수시) 사업부서",
        False,
    ),
    (
        "expert_group",
        "전문가 자문그룹",
        "Expert Advisory Group",
        "support_group",
        "",
        "",
        "국토연구원 지원센터, 교통연, 지방연, 산업연, 국토도시학회, 교수진 등",
        True,
    ),
    (
        "institution_group",
        "공공기관 그룹",
        "Public Institution Group",
        "support_group",
        "",
        "",
        "LH, 코레일, 국가철도공단, 도로공사, 공항공사, 새만금공사, JDC 등",
        True,
    ),
]

PARTNER_GROUP_BODY = {"expert_advisory": "expert_group", "public_institution": "institution_group"}

# 관할 words of regional_offices.csv → 5+2 광역경제권 names of regions.csv.
JURISDICTION_TO_5PLUS2 = {
    "수도권": ["수도권"],
    "강원": ["강원권"],
    "충청권": ["충청권"],
    "호남권": ["호남권"],
    "영남권": ["동남권", "대경권"],
}


def read_csv(name: str) -> list[dict]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def parse_date(value: str) -> datetime.date | None:
    value = (value or "").strip()
    return datetime.date.fromisoformat(value) if value else None


def clean(value: str) -> str:
    """Blank out the reference set's '(not verified)' placeholders."""
    value = (value or "").strip()
    return "" if value.startswith("(not verified)") else value


def load_bodies(Body):
    for order, (code, name, name_en, parent, chair, secretary, composition, public) in enumerate(BODIES):
        Body.objects.update_or_create(
            code=code,
            defaults=dict(
                name=name,
                name_en=name_en,
                parent=Body.objects.get(code=parent) if parent else None,
                chair_title=chair,
                secretary_title=secretary,
                composition=composition,
                members_public=public,
                order=order,
            ),
        )


def load_regions(Region):
    rows = read_csv("regions.csv")
    for row in rows:
        Region.objects.update_or_create(
            code=row["code"],
            defaults=dict(
                name=row["name_ko"],
                short_name=row["name_short"],
                name_en=clean(row["name_en"]),
                is_capital_area=row["is_capital_area"] == "true",
                valid_from=parse_date(row["valid_from"]),
                valid_to=parse_date(row["valid_to"]),
                iso_3166_2=clean(row["iso_3166_2"]),
                region_5plus2=row["region_5plus2_2008"],
                region_4plus3=row["region_4plus3_2023"],
                region_5geuk3teuk=row["region_5geuk3teuk_2025"],
                notes=row["notes"],
            ),
        )
    for row in rows:
        if row["successor_code"]:
            Region.objects.filter(code=row["code"]).update(successor=Region.objects.get(code=row["successor_code"]))
    _load_replaced_codes(Region, rows)


def _load_replaced_codes(Region, rows):
    """Rows for codes a region had before a change of code (e.g. 42 강원도 → 51).

    ``former_codes`` reads like "42 (강원도)"; codes that are rows of their own (the
    merged 29/46) are skipped. The old code ends the day before the new one starts.
    """
    for row in rows:
        for code, name in re.findall(r"(\d{2}) \(([^)]+)\)", row["former_codes"]):
            if any(other["code"] == code for other in rows):
                continue
            successor = Region.objects.get(code=row["code"])
            Region.objects.update_or_create(
                code=code,
                defaults=dict(
                    name=name,
                    short_name=successor.short_name,
                    is_capital_area=successor.is_capital_area,
                    valid_from=None,
                    valid_to=successor.valid_from - datetime.timedelta(days=1),
                    successor=successor,
                    iso_3166_2=successor.iso_3166_2,
                    region_5plus2=successor.region_5plus2,
                    region_4plus3=successor.region_4plus3,
                    region_5geuk3teuk=successor.region_5geuk3teuk,
                    notes=f"{successor.name}({successor.code})의 이전 코드",
                ),
            )


def load_council_seats(Body, Region, CouncilSeat):
    """Every non-capital region valid at any time since the council's founding sits on it
    for the part of its life after that date."""
    council = Body.objects.get(code="regional_council")
    for region in Region.objects.filter(is_capital_area=False):
        if region.valid_to and region.valid_to < COUNCIL_FOUNDED:
            continue
        start = max(region.valid_from or COUNCIL_FOUNDED, COUNCIL_FOUNDED)
        CouncilSeat.objects.update_or_create(
            body=council, region=region, valid_from=start, defaults=dict(valid_to=region.valid_to)
        )


def department_code(row: dict) -> str:
    # Unit names are unique in the 직제 and are what officials type and recognise.
    return row["division"]


def load_departments(Department):
    for row in read_csv("molit_units.csv"):
        Department.objects.update_or_create(
            code=department_code(row),
            defaults=dict(
                name=row["division"],
                reports_to=row["reports_to"],
                office=row["office"],
                bureau=row["bureau"],
                unit_type=row["unit_type"],
                temporary_until=parse_date(row["temporary_until"]),
                duties=row["key_duties_summary"],
                legal_basis=row["legal_basis"],
                notes=row["notes"],
            ),
        )


def _regions_named_in(text: str, regions) -> set:
    return {region for region in regions if region.name in text}


def _with_lineage(regions: set, Region) -> set:
    """Add successors and predecessors, so coverage follows code changes and mergers."""
    result, frontier = set(regions), list(regions)
    while frontier:
        region = frontier.pop()
        related = list(Region.objects.filter(predecessors=region)) + list(Region.objects.filter(successor=region))
        for other in related:
            if other not in result:
                result.add(other)
                frontier.append(other)
    return result


def load_regional_offices(Region, RegionalOffice):
    rows = read_csv("regional_offices.csv")
    all_regions = list(Region.objects.all())
    for row in rows:
        is_administration = row["type"] == "지방국토관리청"
        office, _ = RegionalOffice.objects.update_or_create(
            code=row["name"],
            defaults=dict(
                name=row["name"],
                kind="administration" if is_administration else "office",
                city=row["city"],
                location_detail=row["location_detail"],
                jurisdiction=row["jurisdiction"],
                head_grade=row["head_grade"],
                notes=row["notes"],
            ),
        )
        if is_administration:
            word = row["jurisdiction"].split()[0]
            groups = JURISDICTION_TO_5PLUS2.get(word, [])
            covered = {r for r in all_regions if any(r.region_5plus2.startswith(g) for g in groups)}
            office.regions.set(_with_lineage(covered, Region))
    for row in rows:
        if row["type"] == "지방국토관리청":
            continue
        office = RegionalOffice.objects.get(code=row["name"])
        parent = RegionalOffice.objects.get(code=row["parent"])
        office.parent = parent
        office.save(update_fields=["parent"])
        parent_regions = set(parent.regions.all())
        covered = _regions_named_in(row["city"], parent_regions) or parent_regions
        office.regions.set(_with_lineage(covered, Region))


def organisation_name(row: dict) -> str:
    # A row like "(개별 교수 — 기관 아님)" is a category of people, named by its seed label.
    return row["seed_label"] if row["name_ko"].startswith("(") else row["name_ko"]


def organisation_code(row: dict) -> str:
    abbreviation = row["abbreviation"].split(" ")[0] if row["abbreviation"] else ""
    if abbreviation and not abbreviation.startswith("("):
        return abbreviation
    return organisation_name(row).split(" ")[0]


def load_partner_organisations(Body, PartnerOrganisation):
    for row in read_csv("partner_orgs.csv"):
        PartnerOrganisation.objects.update_or_create(
            code=organisation_code(row),
            defaults=dict(
                name=organisation_name(row),
                name_en=clean(row["name_en"]),
                abbreviation=clean(row["abbreviation"]),
                group=Body.objects.get(code=PARTNER_GROUP_BODY[row["group"]]),
                seed_label=row["seed_label"],
                org_type=row["org_type"],
                relation=row["relation_to_molit"],
                notes=" ".join(filter(None, [row["notes"], row["name_ko"] if row["name_ko"].startswith("(") else ""])),
            ),
        )


def load_all(get_model):
    """Everything above, in dependency order; ``get_model`` is a migration's
    ``apps.get_model`` or the live registry's."""
    Body, Region = get_model("organisations", "Body"), get_model("organisations", "Region")
    load_bodies(Body)
    load_regions(Region)
    load_council_seats(Body, Region, get_model("organisations", "CouncilSeat"))
    load_departments(get_model("organisations", "Department"))
    load_regional_offices(Region, get_model("organisations", "RegionalOffice"))
    load_partner_organisations(Body, get_model("organisations", "PartnerOrganisation"))
    load_english_names(get_model)


def _has_field(model, name: str) -> bool:
    return any(field.name == name for field in model._meta.get_fields())


def load_english_names(get_model):
    """English names from the reference data, each marked verified or not (migration 0004).

    Only an English form the reference set gives counts as verified, and only a verified one
    is shown (``localized_name``): regions and partner organisations from their ``name_en``
    column, MOLIT units from ``english_name`` (blank in the set: no official English unit
    names were found, so every unit shows its Korean name). The bodies' English names above
    are the platform's own descriptions, not found in any source: kept for an operator to
    confirm in the admin, unverified until then. Earlier migrations (0002) run with models
    that have no such fields; there this does nothing.
    """
    Region, Body = get_model("organisations", "Region"), get_model("organisations", "Body")
    Department = get_model("organisations", "Department")
    Partner = get_model("organisations", "PartnerOrganisation")
    if not _has_field(Region, "name_en_verified"):
        return
    for row in read_csv("regions.csv"):
        name_en = clean(row["name_en"])
        Region.objects.filter(code=row["code"]).update(name_en=name_en, name_en_verified=bool(name_en))
    for row in read_csv("molit_units.csv"):
        name_en = clean(row["english_name"])
        Department.objects.filter(code=department_code(row)).update(name_en=name_en, name_en_verified=bool(name_en))
    for row in read_csv("partner_orgs.csv"):
        name_en = clean(row["name_en"])
        Partner.objects.filter(code=organisation_code(row)).update(name_en=name_en, name_en_verified=bool(name_en))
    Body.objects.update(name_en_verified=False)
