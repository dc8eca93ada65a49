"""The demo world's meetings, forum topics, recommendations and comments.

- The forum's kickoff (2023-01-04 10:30, 정부세종청사, chaired by the minister; seed 003)
  and its 2023-09-26 session (14:00, 세종컨벤션센터; seed 004), with minutes, attendance
  and the topics they opened.
- Regional council meetings held in 부산, 경남 and 대전 in recent weeks, chaired by the
  국토도시실장, whose agendas came from the region's open proposals and whose outcomes
  are on those proposals' timelines; one announced for 충남 (agenda proposed by the
  platform, RSVPs coming in) and one being prepared for 전남광주.
- TF meetings (one held with minutes, one coming).
- Forum topics (one forum-only, one a proposal tabled because it needs other
  ministries) with threaded comments, a mention, a reply and a moderated comment, and
  the forum's recommendations.

Everything goes through the services as the demo people, so the rules, notifications
and timeline events are exactly the platform's; dates are then moved back to when they
happened. Idempotent: meetings are identified by body, title and start, topics by title.
"""

import dataclasses
import datetime
from zoneinfo import ZoneInfo

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from apps.accounts.models import User
from apps.comments import services as comments
from apps.comments.models import Comment
from apps.core.business_days import is_business_day
from apps.meetings import services
from apps.meetings.models import AgendaItem, ForumTopic, Invitation, Meeting, Recommendation, Rsvp
from apps.meetings.models import MeetingStatus as M
from apps.meetings.selectors import council_agenda_candidates
from apps.notifications.models import EmailState, Notification
from apps.organisations.models import Body, Region
from apps.proposals.models import Proposal, ProposalEvent, Strategy

SEOUL = ZoneInfo("Asia/Seoul")
FORUM_MEMBERS = [f"forum{number:02d}" for number in range(1, 12)]


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=SEOUL)


def _workday(day: datetime.date) -> datetime.date:
    """The business day on or before ``day``: councils and the TF do not meet on holidays."""
    while not is_business_day(day):
        day -= datetime.timedelta(days=1)
    return day


@dataclasses.dataclass
class MeetingSeedResult:
    meetings: int = 0
    topics: int = 0
    comments: int = 0

    @property
    def summary(self) -> str:
        return (
            f"시연 회의·포럼 준비 완료: 새 회의 {self.meetings}건, 새 의제 {self.topics}건, 새 의견 {self.comments}건"
        )


class People:
    def __init__(self):
        self._users = {}

    def __call__(self, username: str) -> User:
        if username not in self._users:
            self._users[username] = User.objects.get(username=username)
        return self._users[username]

    def fresh(self, username: str) -> User:
        """The person with no cached roles (rules read today's memberships afresh)."""
        return User.objects.get(username=username)


def _existing(body: str, title: str, start: datetime.datetime) -> Meeting | None:
    return Meeting.objects.filter(body__code=body, title=title, starts_at=start).first()


def _create(people, *, body: str, title: str, start, hours: float, place: str, **fields) -> Meeting:
    return services.meeting_create(
        actor=people("tf1"),
        body=Body.objects.get(code=body),
        title=title,
        starts_at=start,
        ends_at=start + datetime.timedelta(minutes=int(hours * 60)),
        place=place,
        **fields,
    )


def _status_at(proposal_id: int, when: datetime.datetime) -> str:
    """The state a proposal was in at ``when``, read from its timeline."""
    event = (
        ProposalEvent.objects.filter(proposal_id=proposal_id, created_at__lte=when)
        .exclude(to_status="")
        .order_by("-created_at", "-pk")
        .first()
    )
    return event.to_status if event else ""


def _redate_event(proposal_id: int, action: str, when: datetime.datetime) -> None:
    """Move the proposal's latest ``action`` event back to ``when``, in the state it was then
    (an action that keeps the state records it as both from and to)."""
    event = ProposalEvent.objects.filter(proposal_id=proposal_id, action=action).latest("pk")
    state = _status_at(proposal_id, when) or event.to_status
    ProposalEvent.objects.filter(pk=event.pk).update(created_at=when, from_status=state, to_status=state)


def _invite(people, meeting, entries):
    services.invitation_add(meeting=meeting, actor=people("tf1"), people=[(people(u), c) for u, c in entries])


def _hold(people, meeting, *, minutes: str, absent=(), outcomes=(), when=None):
    """Announce, hold, record attendance, outcomes and minutes, publish; then date it all back."""
    actor = people("tf1")
    services.meeting_schedule(meeting=meeting, actor=actor)
    services.meeting_hold(meeting=meeting, actor=actor)
    present = Invitation.objects.filter(meeting=meeting).exclude(person__username__in=absent)
    services.attendance_record(meeting=meeting, actor=actor, attended_ids=list(present.values_list("pk", flat=True)))
    recorded_at = when or meeting.ends_at + datetime.timedelta(days=1)
    for item, (outcome, note) in outcomes:
        services.agenda_record_outcome(item=item, actor=people("tf-lead"), outcome=outcome, note=note)
        AgendaItem.objects.filter(pk=item.pk).update(outcome_recorded_at=recorded_at)
        if item.proposal_id:
            _redate_event(item.proposal_id, "meeting_outcome", recorded_at)
    services.minutes_save(meeting=meeting, actor=actor, minutes=minutes)
    services.meeting_publish_minutes(meeting=meeting, actor=people("tf-lead"))
    Invitation.objects.filter(meeting=meeting).update(rsvp=Rsvp.ACCEPTED, responded_at=meeting.starts_at)
    Invitation.objects.filter(meeting=meeting, person__username__in=absent).update(rsvp=Rsvp.DECLINED)
    Meeting.objects.filter(pk=meeting.pk).update(
        minutes_published_at=recorded_at, minutes_updated_at=recorded_at, created_at=meeting.starts_at
    )


def _topic(people, result, *, title, body, opener="tf-lead", forum_only=False, strategies=(), created=None):
    topic = ForumTopic.objects.filter(title=title).first()
    if topic is not None:
        return topic, False
    topic = services.topic_open(
        actor=people.fresh(opener),
        title=title,
        body=body,
        forum_only=forum_only,
        strategies=list(Strategy.objects.filter(code__in=strategies)),
    )
    if created:
        ForumTopic.objects.filter(pk=topic.pk).update(created_at=created)
    result.topics += 1
    return topic, True


def _comment(people, result, target, author, body, *, when, visibility="internal", parent=None) -> Comment:
    # The demo writes a season's discussion in one go: the per-minute limit is for people.
    cache.delete(f"comments:rate:{people(author).pk}")
    comment = comments.comment_post(
        target=target, actor=people.fresh(author), body=body, visibility=visibility, parent=parent
    )
    Comment.objects.filter(pk=comment.pk).update(created_at=when)
    result.comments += 1
    return comment


# --- the forum (seeds 003 and 004) ----------------------------------------------------------


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


def seed_forum(people, result):
    kickoff_start = _at(datetime.date(2023, 1, 4), 10, 30)
    system, _ = _topic(
        people,
        result,
        title="권역별 원팀 전략과 균형발전 추진체계",
        body=(
            "포럼–지원단–지역협의회로 이어지는 추진체계에서 **권역별 지자체 원팀**이 지역맞춤형 전략을 세우고 "
            "국토부가 함께 실현하는 방안을 논의합니다.\n\n"
            "- 지역협의회에서 올라온 현안 중 관계부처 협의가 필요한 사안\n"
            "- 3대 추진과제(규제완화, 혁신성장 공간, 지역 교통망)의 우선순위"
        ),
        strategies=("plan_deregulation", "plan_growth_space", "plan_transport", "smart_communication"),
        created=kickoff_start - datetime.timedelta(days=7),
    )
    smart, smart_new = _topic(
        people,
        result,
        title="스마트 지역발전 5대 전략 구상",
        body=(
            "2023년 9월 포럼에서 발표한 스마트 지역발전 5대 전략(초광역권 계획, Compact & Network, 맞춤형 규제혁신, "
            "과학과 실증 기반 국토정책, 소통의 창 균형발전지원단)을 연구용역과 전문가 의견으로 구체화합니다."
        ),
        strategies=(
            "smart_mega_region",
            "smart_compact_network",
            "smart_regulatory_innovation",
            "smart_evidence_based",
            "smart_communication",
        ),
        created=_at(datetime.date(2023, 9, 12), 9),
    )

    if _existing("forum", "지역균형발전포럼 킥오프 회의", kickoff_start) is None:
        meeting = _create(
            people,
            body="forum",
            title="지역균형발전포럼 킥오프 회의",
            start=kickoff_start,
            hours=1.5,
            place="정부세종청사 국토교통부",
            address="세종특별자치시 도움6로 11",
            chair=people("minister"),
            chair_title="국토교통부 장관",
            summary="균형발전을 위한 다양한 시각: 민간 전문가 11인이 위원으로 참여하는 포럼을 출범합니다.",
        )
        _invite(
            people,
            meeting,
            [
                ("minister", "의장"),
                *((u, "위원") for u in FORUM_MEMBERS),
                ("tf-lead", "발제(국토정책관)"),
                ("tf1", "간사"),
            ],
        )
        tf = people("tf1")
        items = [
            services.agenda_add(
                meeting=meeting,
                actor=tf,
                title="지역균형발전 정책 구체화 추진체계 소개",
                description="포럼–지역균형발전지원단–지역협의회 추진체계와 균형발전기획단 운영 (국토정책관)",
            ),
            services.agenda_add(
                meeting=meeting,
                actor=tf,
                title="2023년 국토교통부 지역균형발전 추진계획",
                description="실질적 균형발전을 위한 규제완화 및 성장 인프라 확충: 3대 추진과제",
            ),
            services.agenda_add(meeting=meeting, actor=tf, topic=system, title="자유토론: 권역별 원팀 전략"),
        ]
        _hold(
            people,
            meeting,
            minutes=KICKOFF_MINUTES,
            outcomes=[
                (items[0], ("noted", "추진체계를 보고받음.")),
                (items[1], ("noted", "3대 추진과제를 보고받음.")),
                (items[2], ("agreed", "권역별 원팀 전략을 포럼 의제로 계속 논의하기로 함.")),
            ],
        )
        result.meetings += 1

    september_start = _at(datetime.date(2023, 9, 26), 14)
    title = "지역균형발전포럼: 지역맞춤형 국토교통 균형발전 전략"
    if _existing("forum", title, september_start) is None:
        meeting = _create(
            people,
            body="forum",
            title=title,
            start=september_start,
            hours=3,
            place="세종컨벤션센터",
            address="세종특별자치시 가름로 217",
            chair_title="국토교통부 제1차관 참석 (LH 토지주택연구원 주최)",
            summary="국토부–토지주택연구원(LHI)–지방연구원이 함께 지역맞춤형 국토교통 균형발전 전략 구상을 논의합니다.",
        )
        _invite(
            people,
            meeting,
            [
                ("minister", "의장"),
                *((u, "위원") for u in FORUM_MEMBERS),
                ("tf-lead", "국토정책관"),
                ("tf1", "발표(국토정책과)"),
            ],
        )
        tf = people("tf1")
        first = services.agenda_add(meeting=meeting, actor=tf, topic=smart, title="스마트 지역발전 5대 전략 발표")
        second = services.agenda_add(
            meeting=meeting,
            actor=tf,
            title="종합토론: 균형발전 의제 발굴과 SOC 체계",
            description="산업연구원, 부산연구원, LH 등",
        )
        _hold(
            people,
            meeting,
            minutes=SEPTEMBER_MINUTES,
            absent=("forum04", "forum09"),
            outcomes=[
                (first, ("agreed", "5대 전략을 연구용역과 전문가 의견수렴으로 구체화하기로 함.")),
                (second, ("discussed", "초광역 기능 연계와 권역 거점·광역교통 동시 추진 필요성을 논의함.")),
            ],
        )
        result.meetings += 1
    if smart_new or not Recommendation.objects.filter(title="초광역 단위 지역맞춤형 전략 수립 권고").exists():
        recommendation = services.recommendation_record(
            actor=people.fresh("minister"),
            title="초광역 단위 지역맞춤형 전략 수립 권고",
            body=(
                "1. 행정구역 중심의 국토계획을 기능 연계 중심의 **초광역 계획**으로 전환할 것\n"
                "2. 권역 거점 육성과 광역철도·순환도로를 한 묶음으로 추진할 것\n"
                "3. 지역협의회 건의 중 관계부처 협의가 필요한 사안은 포럼에 부의할 것"
            ),
            adopted_on=datetime.date(2023, 9, 26),
            topic=smart,
            meeting=Meeting.objects.filter(title=title).first(),
            strategies=list(Strategy.objects.filter(code__in=["smart_mega_region", "smart_compact_network"])),
        )
        Recommendation.objects.filter(pk=recommendation.pk).update(created_at=september_start)
    return system, smart


def seed_forum_discussion(people, result, system, smart):
    today = timezone.localdate()
    if not Comment.objects.filter(topic=system).exists():
        base = _at(datetime.date(2023, 1, 10), 9)
        first = _comment(
            people,
            result,
            system,
            "forum01",
            "권역 단위 원팀이 작동하려면 **광역 계획 권한**이 함께 내려가야 합니다. 초광역 협력 사례를 모아 주세요.",
            when=base,
            visibility="public",
        )
        _comment(
            people,
            result,
            system,
            "tf1",
            "부울경·충청권 사례를 정리해 다음 회의 자료로 공유하겠습니다.",
            when=base + datetime.timedelta(days=1),
            visibility="public",
            parent=first,
        )
        _comment(
            people,
            result,
            system,
            "forum02",
            "교통 분야에서는 광역철도 운영비 분담이 걸림돌입니다. @forum08 위원님 지방재정 측면 의견 부탁드립니다.",
            when=base + datetime.timedelta(days=2),
        )
        hidden = _comment(
            people,
            result,
            system,
            "forum07",
            "관련해서 저희 협회 회원사 솔루션을 도입하면 바로 해결됩니다. 문의는 아래 연락처로.",
            when=base + datetime.timedelta(days=3),
            visibility="public",
        )
        comments.comment_report(comment=hidden, actor=people.fresh("forum08"), reason="특정 기업 홍보성 내용입니다.")
        comments.comment_hide(
            comment=hidden,
            actor=people.fresh("tf2"),
            reason="특정 기업·단체 홍보는 포럼 의견 운영 원칙에 맞지 않습니다.",
        )
    if not Comment.objects.filter(topic=smart).exists():
        base = _at(datetime.date(2023, 10, 5), 10)
        _comment(
            people,
            result,
            smart,
            "forum10",
            "생활인구 데이터를 국토·도시계획 기준에 넣는 시범사업을 제안합니다(전략 ④).",
            when=base,
            visibility="public",
        )
        _comment(
            people,
            result,
            smart,
            "forum05",
            "기업혁신파크 입지 선정 시 **산업 연계**와 청년 정주여건을 함께 평가해야 합니다.",
            when=base + datetime.timedelta(days=1),
        )
    relocation, new = _topic(
        people,
        result,
        title="공공기관 2차 이전과 지역 정착 거점",
        body=(
            "혁신도시 시즌2와 공공기관 2차 이전을 앞두고, 이전 기관 배치 원칙과 정주여건 지원을 포럼 위원끼리 "
            "먼저 논의합니다. **포럼 전용** 의제입니다."
        ),
        forum_only=True,
        opener="minister",
        strategies=("plan_growth_space",),
        created=_at(today - datetime.timedelta(days=40), 9),
    )
    if new:
        base = _at(today - datetime.timedelta(days=38), 10)
        first = _comment(
            people,
            result,
            relocation,
            "forum03",
            "교육 여건(학교·돌봄)이 가족 동반 이주율을 좌우합니다. 이전 기관 배치와 함께 검토해야 합니다.",
            when=base,
        )
        _comment(
            people,
            result,
            relocation,
            "forum06",
            "동의합니다. 청년 직원 주거 지원도 같이 다뤄 주세요.",
            when=base + datetime.timedelta(hours=5),
            parent=first,
        )
    tabled = Proposal.objects.filter(title="강원특별자치도 지방소멸대응기금 배분 기준 개선").first()
    candidate = (
        Proposal.objects.filter(title="원주 혁신도시 정주여건 개선 및 공공기관 2차 이전").first()
        if tabled is None
        else tabled
    )
    if candidate is not None and not ForumTopic.objects.filter(proposals=candidate).exists():
        topic = services.proposal_table(
            proposal=candidate,
            actor=people.fresh("tf1"),
            reason="행정안전부·기획재정부 등 관계부처 협의가 필요한 사안이어서 포럼에서 정책 방향을 논의합니다.",
        )
        tabled_at = _at(today - datetime.timedelta(days=21), 11)
        ForumTopic.objects.filter(pk=topic.pk).update(created_at=tabled_at)
        _redate_event(candidate.pk, "forum_tabled", tabled_at)
        result.topics += 1
        _comment(
            people,
            result,
            topic,
            "forum08",
            "기금 배분 지표에 생활인구를 반영하면 인구감소지역의 실제 수요를 더 잘 볼 수 있습니다.",
            when=_at(today - datetime.timedelta(days=18), 15),
            visibility="public",
        )
        _comment(
            people,
            result,
            topic,
            "forum11",
            "@forum08 위원님 의견에 동의합니다. 디지털 생활인구 데이터는 통신사 자료로 산정 가능합니다.",
            when=_at(today - datetime.timedelta(days=17), 10),
            visibility="public",
        )
        recommendation = services.recommendation_record(
            actor=people.fresh("minister"),
            title="지방소멸대응기금 배분에 생활인구 지표 반영 권고",
            body="관계부처(행정안전부)와 협의해 기금 배분 기준에 **생활인구** 지표를 반영하도록 건의할 것.",
            adopted_on=today - datetime.timedelta(days=10),
            topic=topic,
            proposals=[candidate],
            strategies=list(Strategy.objects.filter(code="smart_evidence_based")),
        )
        _redate_event(candidate.pk, "forum_recommendation", _at(today - datetime.timedelta(days=10), 17))
        Recommendation.objects.filter(pk=recommendation.pk).update(
            created_at=_at(today - datetime.timedelta(days=10), 17)
        )


# --- regional councils ------------------------------------------------------------------------


COUNCILS_HELD = [
    # region, days ago, place
    ("26", 34, "부산광역시청 12층 국제회의실"),
    ("48", 19, "경상남도청 도정회의실"),
    ("30", 9, "대전광역시청 중회의실"),
]
OUTCOME_BY_STATUS = {
    "submitted": ("follow_up", "기획단 TF가 소관부서를 정해 신속히 배정하기로 함."),
    "info_requested": ("follow_up", "보완 자료 제출 후 재검토하기로 함."),
    "assigned": ("discussed", "소관부서가 검토 방향을 설명하고 지역 의견을 들음."),
    "in_review": ("follow_up", "소관부서가 검토 결과를 차기 협의회에 보고하기로 함."),
    "reconsideration": ("discussed", "재검토 요청 사유를 듣고 국토정책관이 검토하기로 함."),
}


def seed_councils(people, result):
    today = timezone.localdate()
    for code, days_ago, place in COUNCILS_HELD:
        region = Region.objects.get(code=code)
        start = _at(_workday(today - datetime.timedelta(days=days_ago)), 14)
        title = f"{region.short_name} 지역협의회"
        if _existing("regional_council", title, start) is not None:
            continue
        meeting = _create(
            people,
            body="regional_council",
            title=title,
            start=start,
            hours=2,
            place=place,
            region=region,
            chair=people("tf-director"),
            chair_title="국토도시실장(의장)",
            summary=f"{region.name}의 지역 현안 건의과제를 부지사와 국토교통부 관련 부서장이 함께 논의합니다.",
        )
        services.invite_members(meeting=meeting, actor=people("tf1"))
        candidates = [p for p in council_agenda_candidates(meeting) if p.submitted_at and p.submitted_at < start][:4]
        outcomes = []
        for proposal in candidates:
            item = services.agenda_add(meeting=meeting, actor=people("tf1"), proposal=proposal)
            AgendaItem.objects.filter(pk=item.pk).update(suggested=True)
            then = _status_at(proposal.pk, start)
            outcomes.append((item, OUTCOME_BY_STATUS.get(then, ("discussed", "논의함."))))
        free = services.agenda_add(meeting=meeting, actor=people("tf1"), title="지역 현안 자유 건의")
        outcomes.append((free, ("noted", "추가 건의는 소통창구로 제출하기로 함.")))
        lines = "\n".join(f"- {item.title}: {note}" for item, (_o, note) in outcomes)
        _hold(
            people,
            meeting,
            minutes=(
                f"### {title} 회의 결과\n\n"
                f"- 의장: 국토도시실장 / 참석: {region.name} 행정부지사, 국토교통부 관계 부서장\n\n"
                f"#### 안건별 결과\n{lines}\n"
            ),
            absent=(f"liaison-{code}",),
            outcomes=outcomes,
            when=start + datetime.timedelta(days=2),
        )
        result.meetings += 1

    # 충남: announced, agenda proposed by the platform, answers coming in.
    region = Region.objects.get(code="44")
    start = _at(_workday(today + datetime.timedelta(days=10)), 14)
    title = f"{region.short_name} 지역협의회"
    if not Meeting.objects.filter(body__code="regional_council", title=title, status=M.SCHEDULED).exists():
        meeting = _create(
            people,
            body="regional_council",
            title=title,
            start=start,
            hours=2,
            place="충청남도청 중회의실",
            region=region,
            chair=people("tf-director"),
            chair_title="국토도시실장(의장)",
            summary="충남의 처리 중인 건의과제를 기한 초과·오래된 순으로 논의합니다.",
        )
        services.invite_members(meeting=meeting, actor=people("tf1"))
        services.agenda_propose(meeting=meeting, actor=people("tf1"))
        meeting = services.meeting_schedule(meeting=meeting, actor=people("tf1"))
        services.invitation_respond(meeting=meeting, actor=people.fresh("vg-44"), rsvp=Rsvp.ACCEPTED)
        services.invitation_respond(
            meeting=meeting, actor=people.fresh("official-44"), rsvp=Rsvp.TENTATIVE, note="도의회 일정 확인 중"
        )
        result.meetings += 1

    # 전남광주: being prepared by the TF (drafted: only managers see it).
    region = Region.objects.get(code="12")
    start = _at(_workday(today + datetime.timedelta(days=24)), 10)
    title = f"{region.short_name} 지역협의회(통합특별시 출범 후 첫 회의)"
    if _existing("regional_council", title, start) is None:
        meeting = _create(
            people,
            body="regional_council",
            title=title,
            start=start,
            hours=2,
            place="전남광주통합특별시청 대회의실",
            region=region,
            chair=people("tf-director"),
            chair_title="국토도시실장(의장)",
        )
        services.agenda_propose(meeting=meeting, actor=people("tf1"))
        result.meetings += 1


TF_MINUTES = """\
### 부내 TF 정례회의

- 참석: 국토정책과(총괄), 실·국 총괄부서, 소관 사업부서
- 기한 초과 과제 점검: 소관부서별 처리 계획을 다음 주까지 제출
- 지역협의회 결과 후속조치: 부산·경남 협의회 안건의 검토 결과를 건의과제 처리 이력에 반영
"""


def seed_tf(people, result):
    today = timezone.localdate()
    held = _at(_workday(today - datetime.timedelta(days=14)), 10)
    if _existing("tf", "부내 TF 정례회의", held) is None:
        meeting = _create(
            people, body="tf", title="부내 TF 정례회의", start=held, hours=1, place="정부세종청사 6동 국토정책과 회의실"
        )
        _invite(
            people,
            meeting,
            [("tf-lead", "국토정책관"), ("tf1", "총괄"), ("tf2", "총괄"), ("tf3", "총괄"), ("reviewer02", "지역정책과"),
             ("reviewer05", "녹색도시과")],
        )  # fmt: skip
        item = services.agenda_add(meeting=meeting, actor=people("tf1"), title="기한 초과 건의과제 점검")
        _hold(people, meeting, minutes=TF_MINUTES, outcomes=[(item, ("agreed", "부서별 처리 계획을 받기로 함."))])
        result.meetings += 1
    coming = _at(_workday(today + datetime.timedelta(days=3)), 10)
    if _existing("tf", "부내 TF 정례회의", coming) is None:
        meeting = _create(
            people,
            body="tf",
            title="부내 TF 정례회의",
            start=coming,
            hours=1,
            place="정부세종청사 6동 국토정책과 회의실",
        )
        _invite(people, meeting, [("tf-lead", "국토정책관"), ("tf1", "총괄"), ("tf2", "총괄"), ("tf3", "총괄")])
        services.agenda_add(meeting=meeting, actor=people("tf1"), title="충남 지역협의회 안건 확정")
        services.meeting_schedule(meeting=meeting, actor=people("tf1"))
        result.meetings += 1


def seed_proposal_comments(people, result):
    """A discussion between 강원 and the TF on one of its proposals."""
    proposal = Proposal.objects.filter(title="원주 혁신도시 정주여건 개선 및 공공기관 2차 이전").first()
    if proposal is None or Comment.objects.filter(proposal=proposal).exists():
        return
    today = timezone.localdate()
    question = _comment(
        people,
        result,
        proposal,
        "official-51",
        "@tf1 주무관님, 이전 대상 기관 협의 일정이 정해지면 공유 부탁드립니다.",
        when=_at(today - datetime.timedelta(days=6), 10),
    )
    _comment(
        people,
        result,
        proposal,
        "tf1",
        "관계부처 협의 일정이 확정되는 대로 이 의견란과 처리 이력으로 알려 드리겠습니다.",
        when=_at(today - datetime.timedelta(days=5), 16),
        parent=question,
    )
    _comment(
        people,
        result,
        proposal,
        "vg-51",
        "원주 혁신도시 정주여건 개선은 강원 균형발전의 핵심 과제입니다. 적극 검토를 요청드립니다.",
        when=_at(today - datetime.timedelta(days=4), 9),
        visibility="public" if proposal.is_public else "internal",
    )


@transaction.atomic
def seed_demo_meetings() -> MeetingSeedResult:
    """Create what does not exist yet. Notifications they raise stay in-app: the e-mails
    of a history are never sent (the addresses are fictional)."""
    people = People()
    result = MeetingSeedResult()
    system, smart = seed_forum(people, result)
    seed_councils(people, result)
    seed_tf(people, result)
    seed_forum_discussion(people, result, system, smart)
    seed_proposal_comments(people, result)
    Notification.objects.filter(email_state__in=[EmailState.PENDING, EmailState.DIGEST]).update(
        email_state=EmailState.SKIPPED
    )
    return result
