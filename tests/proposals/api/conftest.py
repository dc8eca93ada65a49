"""People and proposals for the proposals API tests, built through the services."""

import datetime
import functools

import pytest
from rest_framework.test import APIClient

from apps.organisations.models import Department, Region
from apps.proposals import services
from apps.proposals.models import ProposalStatus as S
from tests.factories import member

LEAD = "국토정책과"
OTHER_DEPARTMENT = "녹색도시과"
GANGWON, BUSAN = "51", "26"


class People:
    """One person per role, created on first use (regions: 강원 51 unless given)."""

    def __init__(self):
        self._regional = {}

    def _of_region(self, role, region):
        if (role, region) not in self._regional:
            self._regional[role, region] = member(role, region=Region.objects.get(code=region))
        return self._regional[role, region]

    def official(self, region=GANGWON):
        return self._of_region("regional_official", region)

    def vice_governor(self, region=GANGWON):
        return self._of_region("vice_governor", region)

    @functools.cached_property
    def liaison(self):
        # 지역협력관 of 강원: sees the region's proposals, fires nothing.
        return member("liaison", region=Region.objects.get(code=GANGWON))

    @functools.cached_property
    def tf(self):
        return member("tf_staff")

    @functools.cached_property
    def tf_lead(self):
        return member("tf_lead")

    @functools.cached_property
    def reviewer(self):
        return member("dept_reviewer", department=Department.objects.get(code=LEAD))

    @functools.cached_property
    def other_reviewer(self):
        return member("dept_reviewer", department=Department.objects.get(code=OTHER_DEPARTMENT))

    @functools.cached_property
    def advisor(self):
        return member("advisor")

    @functools.cached_property
    def institution(self):
        return member("institution")


def future(days=30) -> datetime.date:
    return datetime.date.today() + datetime.timedelta(days=days)


class Flow:
    """Moves a proposal along the happy path of DESIGN.md §3 through the services."""

    # status → the steps that reach it from draft
    ROUTES = {
        S.DRAFT: [],
        S.AWAITING_ENDORSEMENT: ["submit"],
        S.SUBMITTED: ["submit", "endorse"],
        S.INFO_REQUESTED: ["submit", "endorse", "request_info"],
        S.ASSIGNED: ["submit", "endorse", "assign"],
        S.IN_REVIEW: ["submit", "endorse", "assign", "start_review"],
        S.DECIDED: ["submit", "endorse", "assign", "start_review", "decide"],
        S.IN_PROGRESS: ["submit", "endorse", "assign", "start_review", "decide", "start_followup"],
        S.COMPLETED: ["submit", "endorse", "assign", "start_review", "decide", "start_followup", "complete"],
        S.RECONSIDERATION: ["submit", "endorse", "assign", "start_review", "decide", "appeal"],
        S.REFERRED: ["submit", "endorse", "refer"],
        S.WITHDRAWN: ["withdraw"],
    }

    def __init__(self, people: People):
        self.people = people

    def draft(self, region=GANGWON, **fields):
        values = {"title": "춘천 도심융합특구 지정 건의", "summary": "요약", "category": "urban", **fields}
        return services.proposal_create(
            actor=self.people.official(region), region=Region.objects.get(code=region), **values
        )

    def step(self, proposal, action):
        region = proposal.region.code
        p = self.people
        actor, fields = {
            "submit": (p.official(region), {}),
            "endorse": (p.vice_governor(region), {}),
            "request_info": (p.tf, {"note": "예산 근거를 보완해 주세요."}),
            "assign": (p.tf, {"lead_department": LEAD}),
            "start_review": (p.reviewer, {}),
            "decide": (
                p.reviewer,
                {
                    "outcome": "accepted",
                    "planned_for": future(90),
                    "note": "내부 검토 의견",
                    "decision_summary": "수용",
                },
            ),
            "start_followup": (p.reviewer, {}),
            "complete": (p.reviewer, {}),
            "appeal": (p.official(region), {"note": "재검토를 요청합니다."}),
            "refer": (p.tf, {"ministry": "행정안전부"}),
            "withdraw": (p.official(region), {}),
        }[action]
        return services.proposal_fire(proposal=proposal, actor=actor, action=action, **fields)

    def make(self, status=S.DRAFT, region=GANGWON, **fields):
        proposal = self.draft(region, **fields)
        for action in self.ROUTES[status]:
            proposal = self.step(proposal, action)
        assert proposal.status == status
        return proposal


@pytest.fixture
def people(db):
    return People()


@pytest.fixture
def flow(people):
    return Flow(people)


@pytest.fixture
def client_for():
    def make(user):
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return make
