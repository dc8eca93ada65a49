"""The demo world's people: one believable person for every role and body.

Names are fictional. Regions and seats come from the reference data (today's council
seats, and the 광주·전남 seats that ended with the 2026-07-01 merger), never a list here.
"""

import datetime
from dataclasses import dataclass, field

from apps.accounts.models import Role
from apps.organisations.models import CouncilSeat, PartnerOrganisation, Region, today

DEMO_PASSWORD = "demo-2026!"
# The demo history starts here (the forum's first topic was opened in December 2022, before
# its 2023-01-04 kickoff). It is played through the services with the clock travelled to
# each step, and the rules read the roles held that day, so the people who act in it hold
# their roles from then on.
DEMO_HISTORY_START = datetime.date(2022, 12, 1)


def history_start(region: Region | None = None) -> datetime.date:
    """When a demo membership starts: the history's start, or the region's own if later."""
    if region is not None and region.valid_from and region.valid_from > DEMO_HISTORY_START:
        return region.valid_from
    return DEMO_HISTORY_START


SURNAMES = "김이박최정강조윤장임한오서신권황안송전홍"
GIVEN_NAMES = [
    "민준", "서연", "도윤", "지우", "하준", "서윤", "은우", "하은", "시우", "지유",
    "주원", "수아", "지호", "채원", "예준", "지아", "현우", "다은", "준서", "예린",
]  # fmt: skip


def korean_name(index: int) -> str:
    # The shift per full round of surnames keeps names distinct for hundreds of people.
    given = (index * 7 + index // len(SURNAMES)) % len(GIVEN_NAMES)
    return SURNAMES[index % len(SURNAMES)] + GIVEN_NAMES[given]


@dataclass
class DemoPerson:
    username: str
    name: str
    position: str
    role: str
    affiliation: str = ""
    scope: dict = field(default_factory=dict)  # region / department / organisation / office codes
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None


FORUM_FIELDS = [
    ("국토·도시계획", "대학교 도시계획학과 교수"),
    ("교통·물류", "대학교 교통공학과 교수"),
    ("교육", "대학교 교육학과 교수"),
    ("문화·관광", "문화정책연구소 소장"),
    ("산업·입지", "산업경제연구소 선임연구위원"),
    ("일자리·청년", "청년정책네트워크 대표"),
    ("환경·탄소중립", "대학교 환경공학과 교수"),
    ("지방재정", "대학교 행정학과 교수"),
    ("부동산·주택", "대학교 부동산학과 교수"),
    ("인구·생활인구", "인구정책연구원 연구위원"),
    ("디지털·스마트시티", "스마트도시협회 부회장"),
]

REVIEW_DEPARTMENTS = [
    "국토정책과",
    "지역정책과",
    "산업입지정책과",
    "성장거점정책과",
    "녹색도시과",
    "도시재생과",
    "광역급행철도기획과",
    "철도정책과",
    "도로정책과",
    "공항정책과",
]

ADVISOR_ORGANISATIONS = ["KRIHS", "국가균형발전지원센터", "KOTI", "KRILA", "KIET", "KPA", "교수진"]
INSTITUTION_ORGANISATIONS = ["LH", "KORAIL", "KR", "KEC", "KAC", "SDC", "JDC"]
OFFICE_CODES = [
    "서울지방국토관리청",
    "원주지방국토관리청",
    "대전지방국토관리청",
    "익산지방국토관리청",
    "부산지방국토관리청",
]
LIAISON_REGIONS = ["51", "26", "52", "12"]


def demo_people() -> list[DemoPerson]:
    people: list[DemoPerson] = []
    counter = iter(range(10_000))

    def add(**kwargs):
        people.append(DemoPerson(name=korean_name(next(counter)), **kwargs))

    add(username="minister", position="국토교통부 장관", role=Role.FORUM_CHAIR, affiliation="국토교통부")
    for number, (area, position) in enumerate(FORUM_FIELDS, start=1):
        add(
            username=f"forum{number:02d}",
            position=f"{position} ({area})",
            role=Role.FORUM_MEMBER,
            affiliation="지역균형발전포럼",
        )
    add(username="tf-lead", position="국토정책관", role=Role.TF_LEAD, affiliation="국토교통부 국토도시실")
    add(username="tf-director", position="국토도시실장", role=Role.TF_LEAD, affiliation="국토교통부 국토도시실")
    for number, position in enumerate(["균형발전지원팀장", "사무관", "주무관"], start=1):
        add(username=f"tf{number}", position=position, role=Role.TF_STAFF, affiliation="국토정책과 균형발전지원팀")
    for number, code in enumerate(REVIEW_DEPARTMENTS, start=1):
        add(
            username=f"reviewer{number:02d}",
            position="사무관",
            role=Role.DEPT_REVIEWER,
            affiliation=f"국토교통부 {code}",
            scope={"department": code},
        )

    council = CouncilSeat.objects.filter(body__code="regional_council").select_related("region")
    for seat in council.current().order_by("region__code"):
        region = seat.region
        add(
            username=f"vg-{region.code}",
            position="행정부지사" if region.code != "12" else "행정부시장",
            role=Role.VICE_GOVERNOR,
            affiliation=region.name,
            scope={"region": region.code},
            valid_from=max(seat.valid_from, DEMO_HISTORY_START),
        )
        add(
            username=f"official-{region.code}",
            position="균형발전 담당 주무관",
            role=Role.REGIONAL_OFFICIAL,
            affiliation=f"{region.name} 기획조정실",
            scope={"region": region.code},
        )
    for seat in council.filter(valid_to__lt=today()).exclude(region__successor=None).order_by("region__code"):
        region = seat.region
        if region.successor.valid_from != seat.valid_to + datetime.timedelta(days=1) or region.code in ("42", "45"):
            continue
        add(
            username=f"vg-{region.code}-2023",
            position="행정부지사" if region.code == "46" else "행정부시장",
            role=Role.VICE_GOVERNOR,
            affiliation=region.name,
            scope={"region": region.code},
            valid_from=seat.valid_from,
            valid_to=seat.valid_to,
        )
        # Who filed the region's proposals before the merger (they are played on their dates).
        add(
            username=f"official-{region.code}-2023",
            position="균형발전 담당 주무관",
            role=Role.REGIONAL_OFFICIAL,
            affiliation=f"{region.name} 기획조정실",
            scope={"region": region.code},
            valid_from=seat.valid_from,
            valid_to=seat.valid_to,
        )
    for code in LIAISON_REGIONS:
        region = Region.objects.get(code=code)
        add(
            username=f"liaison-{code}",
            position="지역협력관 (국토부 파견)",
            role=Role.LIAISON,
            affiliation=region.name,
            scope={"region": code},
        )
    for number, code in enumerate(OFFICE_CODES, start=1):
        add(
            username=f"office{number}",
            position="지역협력국장",
            role=Role.REGIONAL_OFFICE,
            affiliation=code,
            scope={"office": code},
        )
    organisation_names = dict(PartnerOrganisation.objects.values_list("code", "name"))
    for number, code in enumerate(ADVISOR_ORGANISATIONS, start=1):
        add(
            username=f"advisor{number:02d}",
            position="연구위원" if code != "교수진" else "교수",
            role=Role.ADVISOR,
            affiliation=organisation_names[code],
            scope={"organisation": code},
        )
    for number, code in enumerate(INSTITUTION_ORGANISATIONS, start=1):
        add(
            username=f"institution{number:02d}",
            position="균형발전 담당 부장",
            role=Role.INSTITUTION,
            affiliation=organisation_names[code],
            scope={"organisation": code},
        )
    add(username="operator", position="플랫폼 운영자", role=Role.ADMIN, affiliation="국토교통부 국토정책과")
    return people


# The order a proposal meets people in: filed, endorsed, triaged, reviewed, consulted.
JOURNEY_ORDER = [
    Role.REGIONAL_OFFICIAL,
    Role.VICE_GOVERNOR,
    Role.LIAISON,
    Role.REGIONAL_OFFICE,
    Role.TF_STAFF,
    Role.TF_LEAD,
    Role.DEPT_REVIEWER,
    Role.ADVISOR,
    Role.INSTITUTION,
    Role.FORUM_MEMBER,
    Role.FORUM_CHAIR,
    Role.ADMIN,
]


def demo_journeys(people: list[DemoPerson]) -> list[tuple[str, list[list[str]]]]:
    """For each region, the demo people who acted on its proposals: one list per role, in
    journey order (filed → endorsed → triaged → reviewed → consulted)."""
    from apps.proposals.models import ProposalEvent

    role_of = {person.username: person.role for person in people}
    rank = {role: index for index, role in enumerate(JOURNEY_ORDER)}
    acted = (
        ProposalEvent.objects.filter(actor__username__in=role_of)
        .values_list("proposal__region__code", "proposal__region__name", "actor__username")
        .distinct()
    )
    regions: dict[tuple[str, str], set[str]] = {}
    for code, name, username in acted:
        regions.setdefault((code, name), set()).add(username)
    journeys = []
    for (code, name), usernames in sorted(regions.items()):
        by_role: dict[str, list[str]] = {}
        for username in sorted(usernames, key=lambda u: (rank.get(role_of[u], len(rank)), u)):
            by_role.setdefault(role_of[username], []).append(username)
        journeys.append((f"{name}({code})", list(by_role.values())))
    return journeys
