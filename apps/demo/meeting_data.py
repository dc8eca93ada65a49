"""The demo world's meetings, forum topics, discussions and recommendations: the data only
(``apps.demo.meetings`` plays them through the services, each on its day).

- The forum's kickoff (2023-01-04 10:30, 정부세종청사, chaired by the minister; seed 003)
  and its 2023-09-26 session (14:00, 세종컨벤션센터; seed 004), with minutes, attendance
  and the topics they opened.
- Regional council meetings held in 부산, 경남 and 대전 in recent weeks, chaired by the
  국토도시실장, whose agendas the platform proposed from the region's open proposals of
  the day and whose outcomes are on those proposals' timelines; one announced for 충남
  (RSVPs coming in) and one being prepared for 전남광주.
- TF meetings (one held with minutes, one coming).

The forum's topics, discussions and recommendations are in ``apps.demo.forum_data``.
"""

import dataclasses
import datetime

from apps.meetings.models import MeetingStatus as M
from apps.meetings.models import Rsvp

from .clock import at, workday

FORUM_MEMBERS = [f"forum{number:02d}" for number in range(1, 12)]
DAY = datetime.timedelta(days=1)


@dataclasses.dataclass(frozen=True)
class Item:
    """A free or forum-topic agenda item and what the meeting concluded on it."""

    title: str = ""
    description: str = ""
    topic: str = ""  # the forum topic's title
    outcome: tuple[str, str] = ("noted", "")  # (outcome, note)


@dataclasses.dataclass(frozen=True)
class MeetingPlan:
    body: str
    title: str
    starts_at: datetime.datetime
    hours: float
    place: str
    status: str  # where it ends up: minutes published, scheduled (announced) or drafted
    address: str = ""
    region: str = ""
    chair: str = ""
    chair_title: str = ""
    summary: str = ""
    invite: tuple[tuple[str, str], ...] = ()  # (username, capacity); none: the body's usual members
    proposed_items: int = 0  # a council's agenda proposed by the platform from the region's open proposals
    items: tuple[Item, ...] = ()
    minutes: str = ""  # "{items}" is replaced with one line per item and its outcome
    absent: tuple[str, ...] = ()
    recorded_after: datetime.timedelta = DAY  # outcomes and minutes, after the meeting ends
    rsvps: tuple[tuple[str, str, str], ...] = ()  # a coming meeting's answers: (username, rsvp, note)


KICKOFF = at(datetime.date(2023, 1, 4), 10, 30)
SEPTEMBER = at(datetime.date(2023, 9, 26), 14)
SYSTEM_TOPIC = "권역별 원팀 전략과 균형발전 추진체계"
SMART_TOPIC = "스마트 지역발전 5대 전략 구상"
SEPTEMBER_TITLE = "지역균형발전포럼: 지역맞춤형 국토교통 균형발전 전략"

KICKOFF_MINUTES = """\
### 지역균형발전포럼 킥오프 회의 결과

- 일시·장소: 2023년 1월 4일(수) 10:30, 정부세종청사 국토교통부
- 주재: 국토교통부 장관 / 참석: 민간위원 11인, 국토정책관 등

#### 1. 추진체계 소개 (국토정책관)
- 포럼(장관 주재) – 지역균형발전지원단(단장 1차관) – 지역협의회(의장 국토도시실장)로 이어지는 추진체계를 정립함.
- 지역협의회에서 수렴한 지역 현안은 균형발전기획단(부내 TF)이 소관부서와 함께 검토함.

#### 2. 2023년 지역균형발전 추진계획
- 3대 추진과제: ① 규제완화 & 성장 인프라 확충, ② 지역주도 혁신성장 공간 조성, ③ 지역 교통망 확충.

#### 3. 자유토론
- 행·재정 자원의 단순 분배를 넘어 권역별 지자체가 **원팀**을 구성해 지역맞춤형 전략을 세워야 한다는 데 공감함.
- 관계부처 협업이 필요한 사안은 포럼에서 논의해 협의·연계하기로 함.
"""

SEPTEMBER_MINUTES = """\
### 지역균형발전포럼 — 지역맞춤형 국토교통 균형발전 전략

- 일시·장소: 2023년 9월 26일(화) 14:00, 세종컨벤션센터 (한국토지주택공사 토지주택연구원 주최)
- 참석: 국토교통부 제1차관, 지방시대위원회 위원장, 세종특별자치시장, 한국토지주택공사 사장, 9개 지방연구원 등

#### 발표
- 국토정책과장: **스마트 지역발전 5대 전략** — ① 초광역권 계획, ② Compact & Network 구축, ③ 맞춤형 규제혁신,
  ④ 과학과 실증 기반 국토정책, ⑤ 소통의 창, 균형발전지원단.

#### 토론 요지
- 행정구역을 넘는 초광역 단위의 기능 연계 계획이 필요함(부울경·충청권·남해안).
- 권역 거점(도심융합특구, 기업혁신파크)과 광역철도·순환도로를 함께 추진해야 접근성이 높아짐.
- 후속: 연구용역과 전문가 의견수렴을 통해 구상을 구체화함.
"""

TF_MINUTES = """\
### 부내 TF 정례회의

- 참석: 국토정책과(총괄), 실·국 총괄부서, 소관 사업부서
- 기한 초과 과제 점검: 소관부서별 처리 계획을 다음 주까지 제출
- 지역협의회 결과 후속조치: 부산·경남 협의회 안건의 검토 결과를 건의과제 처리 이력에 반영
"""

FORUM_INVITES = (("minister", "의장"), *((u, "위원") for u in FORUM_MEMBERS))
TF_PLACE = "정부세종청사 6동 국토정책과 회의실"
TF_INVITES = (("tf-lead", "국토정책관"), ("tf1", "총괄"), ("tf2", "총괄"), ("tf3", "총괄"))
COUNCIL_CHAIR = {"chair": "tf-director", "chair_title": "국토도시실장(의장)"}

COUNCILS_HELD = [
    # region, days ago, place
    ("26", 34, "부산광역시청 12층 국제회의실"),
    ("48", 19, "경상남도청 도정회의실"),
    ("30", 9, "대전광역시청 중회의실"),
]
# What a council concluded on a proposal, by the proposal's state on the day.
OUTCOME_BY_STATUS = {
    "submitted": ("follow_up", "기획단 TF가 소관부서를 정해 신속히 배정하기로 함."),
    "info_requested": ("follow_up", "보완 자료 제출 후 재검토하기로 함."),
    "assigned": ("discussed", "소관부서가 검토 방향을 설명하고 지역 의견을 들음."),
    "in_review": ("follow_up", "소관부서가 검토 결과를 차기 협의회에 보고하기로 함."),
    "reconsideration": ("discussed", "재검토 요청 사유를 듣고 국토정책관이 검토하기로 함."),
}
COUNCIL_MINUTES = """\
### {title} 회의 결과

- 의장: 국토도시실장 / 참석: {region} 행정부지사, 국토교통부 관계 부서장

#### 안건별 결과
{{items}}
"""


def meetings(today: datetime.date, regions: dict) -> list[MeetingPlan]:
    """Every demo meeting; ``regions`` are the council regions by code (their names)."""
    plans = [
        MeetingPlan(
            body="forum",
            title="지역균형발전포럼 킥오프 회의",
            starts_at=KICKOFF,
            hours=1.5,
            place="정부세종청사 국토교통부",
            address="세종특별자치시 도움6로 11",
            status=M.MINUTES_PUBLISHED,
            chair="minister",
            chair_title="국토교통부 장관",
            summary="균형발전을 위한 다양한 시각: 민간 전문가 11인이 위원으로 참여하는 포럼을 출범합니다.",
            invite=(*FORUM_INVITES, ("tf-lead", "발제(국토정책관)"), ("tf1", "간사")),
            items=(
                Item(
                    "지역균형발전 정책 구체화 추진체계 소개",
                    "포럼–지역균형발전지원단–지역협의회 추진체계와 균형발전기획단 운영 (국토정책관)",
                    outcome=("noted", "추진체계를 보고받음."),
                ),
                Item(
                    "2023년 국토교통부 지역균형발전 추진계획",
                    "실질적 균형발전을 위한 규제완화 및 성장 인프라 확충: 3대 추진과제",
                    outcome=("noted", "3대 추진과제를 보고받음."),
                ),
                Item(
                    "자유토론: 권역별 원팀 전략",
                    topic=SYSTEM_TOPIC,
                    outcome=("agreed", "권역별 원팀 전략을 포럼 의제로 계속 논의하기로 함."),
                ),
            ),
            minutes=KICKOFF_MINUTES,
        ),
        MeetingPlan(
            body="forum",
            title=SEPTEMBER_TITLE,
            starts_at=SEPTEMBER,
            hours=3,
            place="세종컨벤션센터",
            address="세종특별자치시 가름로 217",
            status=M.MINUTES_PUBLISHED,
            chair_title="국토교통부 제1차관 참석 (LH 토지주택연구원 주최)",
            summary="국토부–토지주택연구원(LHI)–지방연구원이 함께 지역맞춤형 국토교통 균형발전 전략 구상을 논의합니다.",
            invite=(*FORUM_INVITES, ("tf-lead", "국토정책관"), ("tf1", "발표(국토정책과)")),
            items=(
                Item(
                    "스마트 지역발전 5대 전략 발표",
                    topic=SMART_TOPIC,
                    outcome=("agreed", "5대 전략을 연구용역과 전문가 의견수렴으로 구체화하기로 함."),
                ),
                Item(
                    "종합토론: 균형발전 의제 발굴과 SOC 체계",
                    "산업연구원, 부산연구원, LH 등",
                    outcome=("discussed", "초광역 기능 연계와 권역 거점·광역교통 동시 추진 필요성을 논의함."),
                ),
            ),
            minutes=SEPTEMBER_MINUTES,
            absent=("forum04", "forum09"),
        ),
    ]
    for code, days_ago, place in COUNCILS_HELD:
        title = f"{regions[code].short_name} 지역협의회"
        plans.append(
            MeetingPlan(
                body="regional_council",
                title=title,
                starts_at=at(workday(today - days_ago * DAY), 14),
                hours=2,
                place=place,
                region=code,
                status=M.MINUTES_PUBLISHED,
                **COUNCIL_CHAIR,
                summary=(
                    f"{regions[code].name}의 지역 현안 건의과제를 부지사와 국토교통부 관련 부서장이 함께 논의합니다."
                ),
                proposed_items=4,
                items=(Item("지역 현안 자유 건의", outcome=("noted", "추가 건의는 소통창구로 제출하기로 함.")),),
                minutes=COUNCIL_MINUTES.format(title=title, region=regions[code].name),
                absent=(f"liaison-{code}",),
                recorded_after=2 * DAY - datetime.timedelta(hours=2),
            )
        )
    merged = regions["12"]
    plans += [
        MeetingPlan(
            body="regional_council",
            title=f"{regions['44'].short_name} 지역협의회",
            starts_at=at(workday(today + 10 * DAY), 14),
            hours=2,
            place="충청남도청 중회의실",
            region="44",
            status=M.SCHEDULED,
            **COUNCIL_CHAIR,
            summary="충남의 처리 중인 건의과제를 기한 초과·오래된 순으로 논의합니다.",
            proposed_items=8,
            rsvps=(("vg-44", Rsvp.ACCEPTED, ""), ("official-44", Rsvp.TENTATIVE, "도의회 일정 확인 중")),
        ),
        MeetingPlan(
            body="regional_council",
            title=f"{merged.short_name} 지역협의회(통합특별시 출범 후 첫 회의)",
            starts_at=at(workday(today + 24 * DAY), 10),
            hours=2,
            place="전남광주통합특별시청 대회의실",
            region="12",
            status=M.DRAFTED,
            **COUNCIL_CHAIR,
            proposed_items=8,
        ),
        MeetingPlan(
            body="tf",
            title="부내 TF 정례회의",
            starts_at=at(workday(today - 14 * DAY), 10),
            hours=1,
            place=TF_PLACE,
            status=M.MINUTES_PUBLISHED,
            invite=(*TF_INVITES, ("reviewer02", "지역정책과"), ("reviewer05", "녹색도시과")),
            items=(Item("기한 초과 건의과제 점검", outcome=("agreed", "부서별 처리 계획을 받기로 함.")),),
            minutes=TF_MINUTES,
        ),
        MeetingPlan(
            body="tf",
            title="부내 TF 정례회의",
            starts_at=at(workday(today + 3 * DAY), 10),
            hours=1,
            place=TF_PLACE,
            status=M.SCHEDULED,
            invite=TF_INVITES,
            items=(Item("충남 지역협의회 안건 확정"),),
        ),
    ]
    return plans
