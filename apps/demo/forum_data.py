# ruff: noqa: E501 — the demo texts read best one remark a line.
"""The demo world's forum topics (one forum-only, one a proposal tabled because it needs
other ministries), their threaded comments (a mention, a reply, a moderated comment), a
discussion on a proposal, and the forum's recommendations: the data only
(``apps.demo.meetings`` plays them through the services, each on its day).
"""

import dataclasses
import datetime

from .clock import at
from .meeting_data import DAY, KICKOFF, SEPTEMBER, SEPTEMBER_TITLE, SMART_TOPIC, SYSTEM_TOPIC

TABLED = "강원특별자치도 지방소멸대응기금 배분 기준 개선"
DISCUSSED = "원주 혁신도시 정주여건 개선 및 공공기관 2차 이전"


@dataclasses.dataclass(frozen=True)
class TopicPlan:
    title: str
    body: str
    opened: datetime.datetime
    opener: str = "tf-lead"
    forum_only: bool = False
    strategies: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class Say:
    author: str
    body: str
    when: datetime.datetime
    public: bool = False  # on a proposal: only when the proposal itself is public
    reply_to: int | None = None  # index of the comment answered, in the same discussion


@dataclasses.dataclass(frozen=True)
class Discussion:
    target: str  # "topic", "tabled" (the topic a proposal was tabled as) or "proposal"
    title: str  # the topic's or the proposal's title
    says: tuple[Say, ...]
    # (comment index, reporter, reason, when reported, moderator, reason, when hidden)
    moderation: tuple | None = None


@dataclasses.dataclass(frozen=True)
class RecommendationPlan:
    title: str
    body: str
    adopted_on: datetime.date
    recorded: datetime.datetime
    topic: str = ""  # the topic's title
    tabled: str = ""  # or: the title of the proposal whose tabled topic it answers (and links)
    meeting: str = ""  # the meeting's title
    strategies: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class TablingPlan:
    proposal: str  # title
    by: str
    reason: str
    when: datetime.datetime


def topics(today: datetime.date) -> list[TopicPlan]:
    return [
        TopicPlan(
            title=SYSTEM_TOPIC,
            body=(
                "포럼–지원단–지역협의회로 이어지는 추진체계에서 **권역별 지자체 원팀**이 지역맞춤형 전략을 세우고 "
                "국토부가 함께 실현하는 방안을 논의합니다.\n\n"
                "- 지역협의회에서 올라온 현안 중 관계부처 협의가 필요한 사안\n"
                "- 3대 추진과제(규제완화, 혁신성장 공간, 지역 교통망)의 우선순위"
            ),
            opened=KICKOFF - 7 * DAY,
            strategies=("plan_deregulation", "plan_growth_space", "plan_transport", "smart_communication"),
        ),
        TopicPlan(
            title=SMART_TOPIC,
            body=(
                "2023년 9월 포럼에서 발표한 스마트 지역발전 5대 전략(초광역권 계획, Compact & Network, 맞춤형 규제혁신, "
                "과학과 실증 기반 국토정책, 소통의 창 균형발전지원단)을 연구용역과 전문가 의견으로 구체화합니다."
            ),
            opened=at(datetime.date(2023, 9, 12), 9),
            strategies=(
                "smart_mega_region",
                "smart_compact_network",
                "smart_regulatory_innovation",
                "smart_evidence_based",
                "smart_communication",
            ),
        ),
        TopicPlan(
            title="공공기관 2차 이전과 지역 정착 거점",
            body=(
                "혁신도시 시즌2와 공공기관 2차 이전을 앞두고, 이전 기관 배치 원칙과 정주여건 지원을 포럼 위원끼리 "
                "먼저 논의합니다. **포럼 전용** 의제입니다."
            ),
            opened=at(today - 40 * DAY, 9),
            opener="minister",
            forum_only=True,
            strategies=("plan_growth_space",),
        ),
    ]


def tabling(today: datetime.date) -> TablingPlan:
    return TablingPlan(
        proposal=TABLED,
        by="tf1",
        reason="행정안전부·기획재정부 등 관계부처 협의가 필요한 사안이어서 포럼에서 정책 방향을 논의합니다.",
        when=at(today - 21 * DAY, 11),
    )


def discussions(today: datetime.date) -> list[Discussion]:
    system, smart = at(datetime.date(2023, 1, 10), 9), at(datetime.date(2023, 10, 5), 10)
    relocation = at(today - 38 * DAY, 10)
    return [
        Discussion(
            "topic",
            SYSTEM_TOPIC,
            (
                Say(
                    "forum01",
                    "권역 단위 원팀이 작동하려면 **광역 계획 권한**이 함께 내려가야 합니다. 초광역 협력 사례를 모아 주세요.",
                    system,
                    public=True,
                ),
                Say(
                    "tf1",
                    "부울경·충청권 사례를 정리해 다음 회의 자료로 공유하겠습니다.",
                    system + DAY,
                    public=True,
                    reply_to=0,
                ),
                Say(
                    "forum02",
                    "교통 분야에서는 광역철도 운영비 분담이 걸림돌입니다. @forum08 위원님 지방재정 측면 의견 부탁드립니다.",
                    system + 2 * DAY,
                ),
                Say(
                    "forum07",
                    "관련해서 저희 협회 회원사 솔루션을 도입하면 바로 해결됩니다. 문의는 아래 연락처로.",
                    system + 3 * DAY,
                    public=True,
                ),
            ),
            moderation=(
                3,
                "forum08",
                "특정 기업 홍보성 내용입니다.",
                system + 3 * DAY + datetime.timedelta(hours=5),
                "tf2",
                "특정 기업·단체 홍보는 포럼 의견 운영 원칙에 맞지 않습니다.",
                system + 4 * DAY,
            ),
        ),
        Discussion(
            "topic",
            SMART_TOPIC,
            (
                Say(
                    "forum10",
                    "생활인구 데이터를 국토·도시계획 기준에 넣는 시범사업을 제안합니다(전략 ④).",
                    smart,
                    public=True,
                ),
                Say(
                    "forum05",
                    "기업혁신파크 입지 선정 시 **산업 연계**와 청년 정주여건을 함께 평가해야 합니다.",
                    smart + DAY,
                ),
            ),
        ),
        Discussion(
            "topic",
            "공공기관 2차 이전과 지역 정착 거점",
            (
                Say(
                    "forum03",
                    "교육 여건(학교·돌봄)이 가족 동반 이주율을 좌우합니다. 이전 기관 배치와 함께 검토해야 합니다.",
                    relocation,
                ),
                Say(
                    "forum06",
                    "동의합니다. 청년 직원 주거 지원도 같이 다뤄 주세요.",
                    relocation + datetime.timedelta(hours=5),
                    reply_to=0,
                ),
            ),
        ),
        Discussion(
            "tabled",
            TABLED,
            (
                Say(
                    "forum08",
                    "기금 배분 지표에 생활인구를 반영하면 인구감소지역의 실제 수요를 더 잘 볼 수 있습니다.",
                    at(today - 18 * DAY, 15),
                    public=True,
                ),
                Say(
                    "forum11",
                    "@forum08 위원님 의견에 동의합니다. 디지털 생활인구 데이터는 통신사 자료로 산정 가능합니다.",
                    at(today - 17 * DAY, 10),
                    public=True,
                ),
            ),
        ),
        # A discussion between 강원 and the TF on one of its proposals.
        Discussion(
            "proposal",
            DISCUSSED,
            (
                Say(
                    "official-51",
                    "@tf1 주무관님, 이전 대상 기관 협의 일정이 정해지면 공유 부탁드립니다.",
                    at(today - 6 * DAY, 10),
                ),
                Say(
                    "tf1",
                    "관계부처 협의 일정이 확정되는 대로 이 의견란과 처리 이력으로 알려 드리겠습니다.",
                    at(today - 5 * DAY, 16),
                    reply_to=0,
                ),
                Say(
                    "vg-51",
                    "원주 혁신도시 정주여건 개선은 강원 균형발전의 핵심 과제입니다. 적극 검토를 요청드립니다.",
                    at(today - 4 * DAY, 9),
                    public=True,
                ),
            ),
        ),
    ]


def recommendations(today: datetime.date) -> list[RecommendationPlan]:
    return [
        RecommendationPlan(
            title="초광역 단위 지역맞춤형 전략 수립 권고",
            body=(
                "1. 행정구역 중심의 국토계획을 기능 연계 중심의 **초광역 계획**으로 전환할 것\n"
                "2. 권역 거점 육성과 광역철도·순환도로를 한 묶음으로 추진할 것\n"
                "3. 지역협의회 건의 중 관계부처 협의가 필요한 사안은 포럼에 부의할 것"
            ),
            adopted_on=SEPTEMBER.date(),
            recorded=SEPTEMBER + datetime.timedelta(hours=3, minutes=30),
            topic=SMART_TOPIC,
            meeting=SEPTEMBER_TITLE,
            strategies=("smart_mega_region", "smart_compact_network"),
        ),
        RecommendationPlan(
            title="지방소멸대응기금 배분에 생활인구 지표 반영 권고",
            body="관계부처(행정안전부)와 협의해 기금 배분 기준에 **생활인구** 지표를 반영하도록 건의할 것.",
            adopted_on=today - 10 * DAY,
            recorded=at(today - 10 * DAY, 17),
            tabled=TABLED,
            strategies=("smart_evidence_based",),
        ),
    ]
