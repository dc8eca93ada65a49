"""The demo world's 건의과제 (the data is in ``apps.demo.proposal_data``), played through
the real services as the demo people: ``proposal_create``, ``proposal_fire``,
``consultation_request`` and ``consultation_respond``, each step on its own day with the
clock travelled there (``apps.demo.clock``). So the rules, the events, the references and
the due dates are exactly what the platform produced on those days: overdue reviews,
medians and follow-ups months old come from the calendar, not from rewriting history.

Proposals of 광주(29) and 전남(46) were filed before the 2026-07-01 merger, when those
regions were current, by the people who held their seats then (``official-29-2023``,
``vg-29-2023`` …), through the same services.

Idempotent: a proposal is identified by its title and region, and skipped if it exists.
"""

import dataclasses
import datetime
import functools

from django.utils import timezone

from apps.accounts.models import Membership, Role
from apps.core.business_days import add_business_days, is_business_day
from apps.organisations.models import Department, PartnerOrganisation, Region
from apps.proposals.models import Milestone, Outcome, Proposal, Strategy
from apps.proposals.models import ProposalStatus as S
from apps.proposals.services import consultation_request, consultation_respond, proposal_create, proposal_fire

from .clock import SEOUL, History, People, at, business_days_before
from .proposal_data import ANSWERS, CURRENT, DECISIONS, DEFAULT_AGO, GAPS, HISTORICAL, TOPICS, Demo

# Steps ----------------------------------------------------------------------------------


@dataclasses.dataclass
class Step:
    actor: str  # official, vice_governor, tf, tf_lead, reviewer, or an organisation code (consult/respond)
    action: str
    fields: dict = dataclasses.field(default_factory=dict)


def steps_for(demo: Demo) -> list[Step]:
    """The services' steps from a new draft to ``demo.final`` (creation not included)."""
    final, history = demo.final, demo.history
    steps: list[Step] = []
    if final == S.DRAFT:
        return steps
    steps.append(Step("official", "submit"))
    if final == S.AWAITING_ENDORSEMENT:
        return steps
    if final == S.WITHDRAWN and "endorsed" not in history:
        return [*steps, Step("official", "withdraw", {"note": "자체 재원으로 추진하기로 하여 철회합니다."})]
    steps.append(Step("vice_governor", "endorse"))
    if "info" in history:
        steps += [
            Step("tf", "request_info", {"note": "사업비 산출 근거와 위치도를 보완해 주십시오."}),
            Step("official", "resubmit", {"note": "사업비 산출 근거와 위치도를 보완하였습니다."}),
        ]
    if final == S.INFO_REQUESTED:
        return [
            *steps,
            Step("tf", "request_info", {"note": "관계 지자체 협의 결과와 재원 분담 계획을 보완해 주십시오."}),
        ]
    if final == S.WITHDRAWN:
        return [*steps, Step("official", "withdraw", {"note": "지역 내 사업 우선순위 조정으로 철회합니다."})]
    if final == S.REFERRED:
        return [
            *steps,
            Step("tf", "refer", {"ministry": demo.ministry, "note": f"{demo.ministry} 소관 사항으로 이관합니다."}),
        ]
    if final == S.MERGED:
        return [
            *steps,
            Step("tf", "merge", {"into": demo.into, "note": "같은 노선에 대한 건의로 병합하여 함께 검토합니다."}),
        ]
    for item in history:
        if item.startswith("decline:"):
            steps += [
                Step("tf", "assign", {"lead_department": item.split(":", 1)[1]}),
                Step("declining", "decline", {"note": "우리 부서 소관이 아닙니다. 재배정을 요청합니다."}),
            ]
    if final == S.SUBMITTED:
        return steps
    reassign = next((h.split(":", 1)[1] for h in history if h.startswith("reassign:")), None)
    steps.append(
        Step("tf", "assign", {"lead_department": reassign or demo.lead, "support_departments": list(demo.support)})
    )
    if reassign:
        steps.append(Step("tf", "reassign", {"lead_department": demo.lead, "note": "주관부서를 조정합니다."}))
    if final != S.ASSIGNED:
        steps.append(Step("reviewer", "start_review"))
    for organisation, answered in demo.consult:
        steps.append(Step("reviewer", "consult", {"organisation": organisation}))
        if answered:
            steps.append(Step(organisation, "respond"))
    if "extend" in history:
        steps.append(Step("reviewer", "extend", {"note": "관계기관 협의가 길어져 처리기한을 한 차례 연장합니다."}))
    if final in (S.ASSIGNED, S.IN_REVIEW):
        return steps
    summary, reasons = DECISIONS[demo.outcome]
    steps.append(
        Step(
            "reviewer",
            "decide",
            {"outcome": demo.outcome, "decision_summary": demo.decision or summary, "note": reasons},
        )
    )
    if "uphold" in history:
        steps += [
            Step(
                "official",
                "appeal",
                {"note": "경제성 분석에 반영되지 않은 관광·물류 수요 자료를 추가로 제출하며 재검토를 요청합니다."},
            ),
            Step("tf_lead", "uphold", {"note": "추가 자료를 검토하였으나 원 결정을 유지합니다."}),
        ]
    if final == S.DECIDED:
        return steps
    if final == S.RECONSIDERATION:
        return [*steps, Step("official", "appeal", {"note": "대체지 확보 계획을 보완하여 재검토를 요청합니다."})]
    steps.append(Step("reviewer", "start_followup"))
    steps.append(
        Step("reviewer", "update_followup", {"progress": demo.progress, "milestone": "기본계획 수립 및 관계기관 협의"})
    )
    steps += followup_plan()
    if final == S.COMPLETED:
        steps += [
            Step("reviewer", "complete", {"note": "계획된 후속 조치를 모두 마쳤습니다."}),
            Step(
                "official",
                "rate",
                {"score": 4, "note": "검토와 후속 추진이 신속했습니다. 진행 상황 공유가 더 잦으면 좋겠습니다."},
            ),
            Step(
                "tf",
                "evaluate",
                {
                    "note": "건의 내용이 정부 계획에 반영되어 사업이 착수되었습니다.",
                    "indicator": "반영된 사업비(억원)",
                    "value": "120",
                    "source": "국토교통부 예산 사업 설명자료",
                },
            ),
        ]
    return steps


RATING_COMMENT = "검토와 후속 추진이 신속했습니다. 진행 상황 공유가 더 잦으면 좋겠습니다."

# The follow-up plan every accepted demo proposal gets: dates relative to the day each step
# is played, so the plan has a milestone done on time, one done late, one late and not
# done, and one still to come — whatever year the demo is seeded in.
PLAN = [
    ("기본계획 수립", "plan", 60),
    ("관계기관 협의", "other", 3),
    ("예산: 부처 요구", "budget_request", 5),
    ("착공", "construction_start", 400),
]


def followup_plan() -> list[Step]:
    steps = [
        Step("reviewer", "add_milestone", {"title": title, "kind": kind, "in_days": days, "note": ""})
        for title, kind, days in PLAN
    ]
    return [
        *steps,
        Step("reviewer", "update_milestone", {"milestone": "기본계획 수립", "note": "기본계획을 확정했습니다."}),
        Step("reviewer", "update_milestone", {"milestone": "관계기관 협의", "note": "관계기관 협의를 마쳤습니다."}),
    ]


def plan_times(count: int, start: datetime.date, gaps: list[int], now: datetime.datetime) -> list[datetime.datetime]:
    """When each of ``count`` steps happened: business days apart from ``start``, on
    working hours, never after ``now`` and strictly increasing."""
    days = [start]
    for gap in gaps:
        days.append(add_business_days(days[-1], gap))
    times = [
        datetime.datetime.combine(min(day, now.astimezone(SEOUL).date()), datetime.time(9, 30), SEOUL)
        + datetime.timedelta(minutes=37 * index)
        for index, day in enumerate(days[:count])
    ]
    latest = now - datetime.timedelta(minutes=1)
    for index in range(len(times) - 1, -1, -1):
        times[index] = min(times[index], latest)
        latest = times[index] - datetime.timedelta(minutes=1)
    return times


# The demo cast ----------------------------------------------------------------------------


class Cast:
    """Who plays each part: usernames by role and scope (the people hold their roles for
    the whole history; ``People`` looks each one up on the day they act)."""

    def __init__(self, people: People):
        self.people = people
        memberships = Membership.objects.current().select_related("user", "department", "organisation")
        self.reviewers = {
            m.department.code: m.user.username
            for m in memberships.filter(role=Role.DEPT_REVIEWER).order_by("-user__username")
        }
        self.responders = {
            m.organisation.code: (m.user.username, m.role)
            for m in memberships.filter(role__in=[Role.ADVISOR, Role.INSTITUTION]).order_by("-user__username")
        }
        self.organisations = {o.code: o for o in PartnerOrganisation.objects.all()}
        self.departments = dict(Department.objects.values_list("pk", "code"))
        self._tf = 0

    def actor(self, step: Step, demo: Demo, proposal: Proposal | None):
        if step.actor in ("official", "vice_governor"):
            # Before the merger 광주·전남 had their own seats (``official-29-2023`` …).
            prefix = "official" if step.actor == "official" else "vg"
            return self.people(f"{prefix}-{demo.region}{'-2023' if demo.started else ''}")
        if step.actor == "tf":
            self._tf += 1
            return self.people(f"tf{self._tf % 3 + 1}")
        if step.actor == "tf_lead":
            return self.people("tf-lead")
        if step.actor in ("reviewer", "declining"):
            lead = proposal.lead_department_id if proposal is not None else None
            department = self.departments[lead] if lead else demo.lead
            if department not in self.reviewers:
                raise LookupError(f"시연 검토자가 없는 부서입니다: {department} ({demo.title})")
            return self.people(self.reviewers[department])
        return self.people(self.responders[step.actor][0])

    def answer(self, organisation: str) -> str:
        return ANSWERS["advisor" if self.responders[organisation][1] == Role.ADVISOR else "institution"]


# One proposal's history ---------------------------------------------------------------------


def fields_of(demo: Demo, strategies: dict) -> dict:
    category, codes, _lead = TOPICS[demo.topic]
    body = f"## 추진 배경\n\n{demo.summary}\n"
    if demo.request:
        body += f"\n## 건의 사항\n\n- {demo.request}\n"
    if demo.laws:
        body += f"\n## 관련 법령\n\n- {demo.laws}\n"
    return {
        "title": demo.title,
        "summary": demo.summary,
        "body": body,
        "category": category,
        "requested_action": demo.request or demo.summary,
        "related_laws": demo.laws,
        "budget_estimate": demo.budget,
        "location": demo.location,
        "strategies": [strategies[code] for code in codes if code in strategies],
    }


class ProposalPlay:
    """One demo proposal, step by step: each method runs on the step's (travelled) day."""

    def __init__(self, demo: Demo, region: Region, cast: Cast, strategies: dict):
        self.demo, self.region, self.cast, self.strategies = demo, region, cast, strategies
        self.proposal: Proposal | None = None
        self.consultations = {}

    def create(self) -> None:
        author = self.cast.actor(Step("official", "create"), self.demo, None)
        self.proposal = proposal_create(actor=author, region=self.region, **fields_of(self.demo, self.strategies))

    def play(self, step: Step) -> None:
        actor = self.cast.actor(step, self.demo, self.proposal)
        if step.action == "consult":
            organisation = self.cast.organisations[step.fields["organisation"]]
            self.consultations[organisation.code] = consultation_request(
                proposal=self.proposal,
                actor=actor,
                organisation=organisation,
                question=f"「{self.demo.title}」 건의의 타당성과 추진 시 고려할 사항에 대해 의견을 요청드립니다.",
            )
        elif step.action == "respond":
            consultation_respond(
                consultation=self.consultations[step.actor], actor=actor, answer=self.cast.answer(step.actor)
            )
        else:
            self.proposal = proposal_fire(proposal=self.proposal, actor=actor, action=step.action, **self.fields(step))

    def fields(self, step: Step) -> dict:
        """The step's fields as a person would fill them in on the day."""
        fields = dict(step.fields)
        if step.action == "merge":
            region, title = fields["into"]
            fields["into"] = Proposal.objects.get(region__code=region, title=title).pk
        if step.action == "decide" and fields["outcome"] in (Outcome.ACCEPTED, Outcome.PARTIALLY_ACCEPTED):
            fields["planned_for"] = timezone.localdate() + datetime.timedelta(days=300)
        if step.action == "extend":
            fields["due_at"] = add_business_days(self.proposal.due_at, 15)
        if step.action == "add_milestone":
            fields["planned_for"] = timezone.localdate() + datetime.timedelta(days=fields.pop("in_days"))
        if step.action == "update_milestone":
            fields["milestone"] = Milestone.objects.get(proposal=self.proposal, title=fields["milestone"]).pk
            fields["done_on"] = timezone.localdate()
        return fields


def period(demo: Demo, region: Region, history: History) -> tuple[datetime.date, datetime.datetime]:
    """The day the draft was written and the moment before which every step happened.

    A proposal filed before the merger keeps its own start and ends while its region
    existed. Today's: ``ago`` business days before today, but within this year (the
    reference carries the year) and not before its region existed (전남광주: 2026-07-01).
    """
    if demo.started:
        until = history.now
        if region.valid_to:
            until = min(until, at(region.valid_to, 18))
        return demo.started, until
    today = history.today
    start = business_days_before(today, demo.ago if demo.ago is not None else DEFAULT_AGO[demo.final])
    floor = add_business_days(datetime.date(today.year, 1, 1), 1)
    if region.valid_from and region.valid_from > floor:
        floor = region.valid_from if is_business_day(region.valid_from) else add_business_days(region.valid_from, 1)
    return min(max(start, floor), today), history.now


# Entry points --------------------------------------------------------------------------------


@dataclasses.dataclass
class SeedResult:
    created: int
    existing: int
    historical: int

    @property
    def total(self) -> int:
        return self.created + self.existing


def plan_proposals(history: History) -> SeedResult:
    """Plan, on ``history``, every demo proposal that does not exist yet (by title and region)."""
    cast = Cast(history.people)
    strategies = {s.code: s for s in Strategy.objects.all()}
    regions = {r.code: r for r in Region.objects.all()}
    existing = set(Proposal.objects.values_list("region__code", "title"))
    created = 0
    for demo in [*HISTORICAL, *CURRENT]:
        if (demo.region, demo.title) in existing:
            continue
        region = regions[demo.region]
        steps = steps_for(demo)
        start, until = period(demo, region, history)
        times = plan_times(len(steps) + 1, start, [GAPS[s.action] for s in steps], until)
        play = ProposalPlay(demo, region, cast, strategies)
        history.at(times[0], play.create)
        for step, when in zip(steps, times[1:]):
            history.at(when, functools.partial(play.play, step))
        created += 1
    total = len(HISTORICAL) + len(CURRENT)
    return SeedResult(created=created, existing=total - created, historical=len(HISTORICAL))


def seed_demo_proposals() -> SeedResult:
    """The demo proposals alone (without the meetings and forum), e.g. for the similarity bench."""
    history = History()
    result = plan_proposals(history)
    history.play()
    return result
