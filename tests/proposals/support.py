"""Building proposals in any state through the real services, for tests."""

import datetime

from apps.organisations.models import Department, Region
from apps.proposals.models import ProposalStatus as S
from apps.proposals.services import proposal_create, proposal_fire
from tests.factories import member

LEAD_DEPARTMENT = "녹색도시과"
OTHER_DEPARTMENT = "도시재생과"


class Cast:
    """The people of one test: the region's (강원, 51) and others'."""

    def __init__(self):
        gangwon, busan = Region.objects.get(code="51"), Region.objects.get(code="26")
        lead = Department.objects.get(code=LEAD_DEPARTMENT)
        other = Department.objects.get(code=OTHER_DEPARTMENT)
        self.people = {
            "official": member("regional_official", region=gangwon),
            "vice_governor": member("vice_governor", region=gangwon),
            "liaison": member("liaison", region=gangwon),
            "other_official": member("regional_official", region=busan),
            "other_vice_governor": member("vice_governor", region=busan),
            "tf_staff": member("tf_staff"),
            "tf_lead": member("tf_lead"),
            "lead_reviewer": member("dept_reviewer", department=lead),
            "other_reviewer": member("dept_reviewer", department=other),
            "advisor": member("advisor"),
            "institution": member("institution"),
            "forum_member": member("forum_member"),
            "admin": member("admin"),
        }
        self.region = gangwon

    def __getitem__(self, name):
        # A fresh user object each time, as each request would load: no stale role cache.
        user = self.people[name]
        return type(user).objects.get(pk=user.pk)


def new_draft(cast: Cast, title: str = "강릉 개발제한구역 해제 건의"):
    return proposal_create(
        actor=cast["official"],
        region=cast.region,
        title=title,
        summary="산업단지 조성을 위해 개발제한구역 일부 해제를 요청합니다.",
        category="regulation",
    )


def fire(cast, proposal, actor, action, **fields):
    return proposal_fire(proposal=proposal, actor=cast[actor], action=action, **fields)


# The steps that lead from a new draft to each state.
PATHS = {
    S.DRAFT: [],
    S.AWAITING_ENDORSEMENT: [("official", "submit", {})],
    S.SUBMITTED: [("official", "submit", {}), ("vice_governor", "endorse", {})],
}
PATHS[S.INFO_REQUESTED] = [*PATHS[S.SUBMITTED], ("tf_staff", "request_info", {"note": "예산 근거 보완"})]
PATHS[S.ASSIGNED] = [*PATHS[S.SUBMITTED], ("tf_staff", "assign", {"lead_department": LEAD_DEPARTMENT})]
PATHS[S.IN_REVIEW] = [*PATHS[S.ASSIGNED], ("lead_reviewer", "start_review", {})]
PATHS[S.DECIDED] = [
    *PATHS[S.IN_REVIEW],
    (
        "lead_reviewer",
        "decide",
        {"outcome": "accepted", "note": "타당함", "planned_for": datetime.date(2027, 6, 30)},
    ),
]
PATHS[S.IN_PROGRESS] = [*PATHS[S.DECIDED], ("lead_reviewer", "start_followup", {})]
PATHS[S.COMPLETED] = [*PATHS[S.IN_PROGRESS], ("lead_reviewer", "complete", {})]
PATHS[S.RECONSIDERATION] = [*PATHS[S.DECIDED], ("official", "appeal", {"note": "재검토 요청 사유"})]


def proposal_in(cast: Cast, status: str, title: str = "강릉 개발제한구역 해제 건의"):
    proposal = new_draft(cast, title)
    for actor, action, fields in PATHS[status]:
        proposal = fire(cast, proposal, actor, action, **fields)
    assert proposal.status == status
    return proposal
