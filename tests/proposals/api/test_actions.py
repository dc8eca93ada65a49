"""POST ``proposals/{id}/{action}/``: 200 for the right role, 403 for people who see the
proposal but may not act, 404 for people who may not see it, 409 from the wrong state or
after losing a race (DESIGN.md §3, §7). The exhaustive permission matrix is tested at the
service layer; here each action is checked once through HTTP."""

import pytest

from apps.proposals import selectors
from apps.proposals.models import Proposal, ProposalEvent
from apps.proposals.models import ProposalStatus as S
from apps.proposals.registry import FIREABLE

from .conftest import BUSAN, LEAD, OTHER_DEPARTMENT, future

pytestmark = pytest.mark.django_db


def action_url(proposal, action) -> str:
    return f"/api/v1/proposals/{proposal.pk}/{action}/"


def fields_for(action, flow):
    return {
        "return": {"note": "예산 근거가 빠졌습니다."},
        "request_info": {"note": "사업 위치도를 보완해 주세요."},
        "resubmit": {"note": "위치도를 보완했습니다."},
        "assign": {"lead_department": LEAD, "support_departments": [OTHER_DEPARTMENT], "note": "철도 소관"},
        "reassign": {"lead_department": OTHER_DEPARTMENT, "note": "도시 소관"},
        "decline": {"note": "소관이 아닙니다."},
        "decide": {
            "outcome": "partially_accepted",
            "planned_for": future(60).isoformat(),
            "decision_summary": "일부 수용",
            "note": "내부 의견",
        },
        "update_followup": {"progress": 40, "milestone": "기본계획 수립"},
        "refer": {"ministry": "행정안전부"},
        "merge": {"into": flow.make(S.SUBMITTED, title="병합 대상").pk},
        "appeal": {"note": "재검토 바랍니다."},
        "uphold": {"note": "원안 유지"},
        "extend": {"due_at": future(200).isoformat(), "note": "관계기관 협의 지연"},
        "add_milestone": {"title": "기본계획 수립", "kind": "plan", "planned_for": future(30).isoformat()},
        "ask_region": {"note": "사업 구역도를 보내 주세요."},
        "rate": {"score": 4, "note": "신속했습니다."},
        "evaluate": {"indicator": "반영 예산(억원)", "value": "120", "source": "예산 설명자료", "note": "반영됨"},
    }.get(action, {})


# action, status it starts from, who may fire, who sees but may not, the status after
CASES = [
    ("submit", S.DRAFT, "official", "liaison", S.AWAITING_ENDORSEMENT),
    ("endorse", S.AWAITING_ENDORSEMENT, "vice_governor", "official", S.SUBMITTED),
    ("return", S.AWAITING_ENDORSEMENT, "vice_governor", "official", S.DRAFT),
    ("request_info", S.SUBMITTED, "tf", "official", S.INFO_REQUESTED),
    ("resubmit", S.INFO_REQUESTED, "official", "tf", S.SUBMITTED),
    ("assign", S.SUBMITTED, "tf", "official", S.ASSIGNED),
    ("reassign", S.ASSIGNED, "tf", "reviewer", S.ASSIGNED),
    ("start_review", S.ASSIGNED, "reviewer", "tf", S.IN_REVIEW),
    ("decline", S.IN_REVIEW, "reviewer", "tf", S.SUBMITTED),
    ("decide", S.IN_REVIEW, "reviewer", "tf_lead", S.DECIDED),
    ("start_followup", S.DECIDED, "reviewer", "official", S.IN_PROGRESS),
    ("update_followup", S.IN_PROGRESS, "reviewer", "tf", S.IN_PROGRESS),
    ("complete", S.IN_PROGRESS, "reviewer", "vice_governor", S.COMPLETED),
    ("refer", S.SUBMITTED, "tf", "vice_governor", S.REFERRED),
    ("merge", S.SUBMITTED, "tf", "official", S.MERGED),
    ("withdraw", S.DRAFT, "official", "liaison", S.WITHDRAWN),
    ("appeal", S.DECIDED, "official", "reviewer", S.RECONSIDERATION),
    ("uphold", S.RECONSIDERATION, "tf_lead", "tf", S.DECIDED),
    ("reopen", S.DECIDED, "tf_lead", "tf", S.IN_REVIEW),
    ("extend", S.IN_REVIEW, "reviewer", "tf", S.IN_REVIEW),
    ("add_milestone", S.IN_PROGRESS, "reviewer", "official", S.IN_PROGRESS),
    ("ask_region", S.IN_REVIEW, "reviewer", "official", S.IN_REVIEW),
    ("rate", S.COMPLETED, "official", "tf", S.COMPLETED),
    ("evaluate", S.COMPLETED, "tf", "reviewer", S.COMPLETED),
]


def person(people, key):
    return getattr(people, key)() if key in ("official", "vice_governor") else getattr(people, key)


def test_cases_cover_every_action():
    # consult is tested with the consultations (tests/proposals/api/test_consultations.py),
    # update_milestone, answer_region_request and close_consultation with issue 17's tests
    # (tests/proposals/accountability/).
    later = {"consult", "update_milestone", "answer_region_request", "close_consultation"}
    assert {case[0] for case in CASES} | later == set(FIREABLE)


@pytest.mark.parametrize(("action", "start", "actor", "_other", "after"), CASES)
def test_action_by_the_right_role_is_200(client_for, people, flow, action, start, actor, _other, after):
    proposal = flow.make(start)
    events_before = ProposalEvent.objects.filter(proposal=proposal).count()
    response = client_for(person(people, actor)).post(
        action_url(proposal, action), fields_for(action, flow), format="json"
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["id"] == proposal.pk
    assert data["status"] == after
    proposal.refresh_from_db()
    assert proposal.status == after
    event = ProposalEvent.objects.filter(proposal=proposal).last()
    assert ProposalEvent.objects.filter(proposal=proposal).count() == events_before + 1
    assert (event.action, event.from_status, event.to_status) == (action, start, after)


@pytest.mark.parametrize(("action", "start", "_actor", "other", "_after"), CASES)
def test_action_by_someone_who_sees_but_may_not_is_403(client_for, people, flow, action, start, _actor, other, _after):
    proposal = flow.make(start)
    user = person(people, other)
    assert user.has_perm("proposals.view_proposal", proposal)
    response = client_for(user).post(action_url(proposal, action), fields_for(action, flow), format="json")
    assert response.status_code == 403
    assert response.json() == {"detail": "이 작업을 할 권한이 없습니다."}
    proposal.refresh_from_db()
    assert proposal.status == start


@pytest.mark.parametrize(("action", "start", "_actor", "_other", "_after"), CASES)
def test_action_by_another_region_is_404(client_for, people, flow, action, start, _actor, _other, _after):
    proposal = flow.make(start)
    response = client_for(people.official(BUSAN)).post(
        action_url(proposal, action), fields_for(action, flow), format="json"
    )
    assert response.status_code == 404
    assert response.json() == {"detail": "찾을 수 없습니다."}


@pytest.mark.parametrize("action", ["submit", "withdraw", "endorse"])
def test_action_on_another_regions_draft_is_404_even_for_its_own_roles(client_for, people, flow, action):
    busan_draft = flow.make(S.DRAFT, region=BUSAN)
    for user in (people.official(), people.vice_governor(), people.tf, people.tf_lead):
        response = client_for(user).post(action_url(busan_draft, action), {}, format="json")
        assert response.status_code == 404


def test_action_on_missing_proposal_is_404(client_for, people):
    response = client_for(people.tf).post("/api/v1/proposals/424242/assign/", {}, format="json")
    assert response.status_code == 404


def test_unknown_action_is_404(client_for, people, flow):
    proposal = flow.make(S.SUBMITTED)
    for name in ("approve", "delete", "SUBMIT", "rereview", "create", "update"):
        assert client_for(people.tf).post(action_url(proposal, name), {}, format="json").status_code == 404


def test_get_on_an_action_is_405(client_for, people, flow):
    proposal = flow.make()
    assert client_for(people.official()).get(action_url(proposal, "submit")).status_code == 405


def test_anonymous_action_is_401(api_client, flow):
    proposal = flow.make(S.SUBMITTED)
    assert api_client.post(action_url(proposal, "assign"), {}, format="json").status_code == 401


# --- 409: wrong state, lost race ----------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "actor", "action", "fields"),
    [
        (S.DRAFT, "vice_governor", "endorse", {}),
        (S.SUBMITTED, "official", "submit", {}),
        (S.ASSIGNED, "reviewer", "decide", {"outcome": "accepted", "planned_for": "2030-01-01", "note": "x"}),
        (S.IN_REVIEW, "reviewer", "complete", {}),
        (S.IN_REVIEW, "reviewer", "update_followup", {"progress": 10}),
        (S.COMPLETED, "official", "withdraw", {}),
        (S.DECIDED, "reviewer", "extend", {"due_at": "2099-01-01", "note": "x"}),
        (S.SUBMITTED, "tf_lead", "reopen", {}),
    ],
)
def test_action_from_the_wrong_state_is_409(client_for, people, flow, start, actor, action, fields):
    proposal = flow.make(start)
    response = client_for(person(people, actor)).post(action_url(proposal, action), fields, format="json")
    assert response.status_code == 409, response.content
    assert set(response.json()) == {"detail"}
    proposal.refresh_from_db()
    assert proposal.status == start


def test_start_followup_after_not_accepted_is_409(client_for, people, flow):
    proposal = flow.make(S.IN_REVIEW)
    client = client_for(people.reviewer)
    decided = client.post(
        action_url(proposal, "decide"),
        {"outcome": "not_accepted", "decision_summary": "법령상 불가", "note": "내부"},
        format="json",
    )
    assert decided.status_code == 200
    assert client.post(action_url(proposal, "start_followup"), {}, format="json").status_code == 409


def test_second_extension_is_409(client_for, people, flow):
    proposal = flow.make(S.IN_REVIEW)
    client = client_for(people.reviewer)
    first = client.post(action_url(proposal, "extend"), {"due_at": future(200).isoformat(), "note": "a"}, format="json")
    assert first.status_code == 200
    second = client.post(
        action_url(proposal, "extend"), {"due_at": future(300).isoformat(), "note": "b"}, format="json"
    )
    assert second.status_code == 409
    assert "한 번만" in second.json()["detail"]


def test_second_appeal_is_409(client_for, people, flow):
    proposal = flow.make(S.RECONSIDERATION)
    assert (
        client_for(people.tf_lead).post(action_url(proposal, "uphold"), {"note": "유지"}, format="json").status_code
        == 200
    )
    response = client_for(people.official()).post(action_url(proposal, "appeal"), {"note": "다시"}, format="json")
    assert response.status_code == 409


def test_lost_race_is_409_and_writes_nothing(client_for, people, flow, monkeypatch):
    proposal = flow.make(S.SUBMITTED)
    stale = selectors.proposal_get(people.tf, proposal.pk)
    # Someone else acts first, between the caller's read and write.
    flow.step(Proposal.objects.get(pk=proposal.pk), "refer")
    monkeypatch.setattr(selectors, "proposal_get", lambda user, pk: stale)
    events = ProposalEvent.objects.filter(proposal=proposal).count()
    response = client_for(people.tf).post(action_url(proposal, "assign"), {"lead_department": LEAD}, format="json")
    assert response.status_code == 409
    assert "먼저" in response.json()["detail"]
    proposal.refresh_from_db()
    assert proposal.status == S.REFERRED
    assert ProposalEvent.objects.filter(proposal=proposal).count() == events


# --- 400: the action's fields -------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "actor", "action", "body", "field"),
    [
        (S.AWAITING_ENDORSEMENT, "vice_governor", "return", {}, "note"),
        (S.AWAITING_ENDORSEMENT, "vice_governor", "return", {"note": "   "}, "note"),
        (S.SUBMITTED, "tf", "assign", {}, "lead_department"),
        (S.SUBMITTED, "tf", "assign", {"lead_department": "없는부서"}, "lead_department"),
        (S.SUBMITTED, "tf", "assign", {"lead_department": LEAD, "support_departments": [LEAD]}, "support_departments"),
        (
            S.SUBMITTED,
            "tf",
            "assign",
            {"lead_department": LEAD, "support_departments": "녹색도시과"},
            "support_departments",
        ),
        (S.SUBMITTED, "tf", "assign", {"lead_department": LEAD, "due_at": "2000-01-01"}, "due_at"),
        (S.SUBMITTED, "tf", "assign", {"lead_department": LEAD, "due_at": "next week"}, "due_at"),
        (S.SUBMITTED, "tf", "assign", {"lead_department": {"code": LEAD}}, "lead_department"),
        (S.SUBMITTED, "tf", "refer", {}, "ministry"),
        (S.SUBMITTED, "tf", "merge", {}, "into"),
        (S.SUBMITTED, "tf", "merge", {"into": "abc"}, "into"),
        (S.SUBMITTED, "tf", "merge", {"into": "²"}, "into"),
        (S.SUBMITTED, "tf", "merge", {"into": 10**30}, "into"),
        (S.SUBMITTED, "tf", "merge", {"into": 987654}, "into"),
        (S.IN_REVIEW, "reviewer", "decide", {"note": "x"}, "outcome"),
        (S.IN_REVIEW, "reviewer", "decide", {"note": "x", "outcome": "great"}, "outcome"),
        (S.IN_REVIEW, "reviewer", "decide", {"note": "x", "outcome": "accepted"}, "planned_for"),
        (S.IN_REVIEW, "reviewer", "decide", {"note": "x", "outcome": "long_term"}, "decision_summary"),
        (S.IN_REVIEW, "reviewer", "decide", {"outcome": "not_accepted", "decision_summary": "불가"}, "note"),
        (S.IN_REVIEW, "reviewer", "extend", {"note": "x"}, "due_at"),
        (S.IN_PROGRESS, "reviewer", "update_followup", {}, "progress"),
        (S.IN_PROGRESS, "reviewer", "update_followup", {"progress": 101}, "progress"),
        (S.IN_PROGRESS, "reviewer", "update_followup", {"progress": -1}, "progress"),
        (S.IN_PROGRESS, "reviewer", "update_followup", {"progress": 12.5}, "progress"),
        (S.IN_PROGRESS, "reviewer", "update_followup", {"progress": True}, "progress"),
        (S.IN_PROGRESS, "reviewer", "update_followup", {"progress": "half"}, "progress"),
        (S.IN_PROGRESS, "reviewer", "update_followup", {"progress": 10, "milestone": ["a"]}, "milestone"),
        (S.DRAFT, "official", "submit", {"note": "a\x00b"}, "note"),
        (S.DRAFT, "official", "submit", {"note": "가" * 20_001}, "note"),
    ],
)
def test_action_bad_fields_are_400(client_for, people, flow, start, actor, action, body, field):
    proposal = flow.make(start)
    response = client_for(person(people, actor)).post(action_url(proposal, action), body, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    proposal.refresh_from_db()
    assert proposal.status == start


def test_merge_into_a_proposal_the_caller_cannot_see_is_400(client_for, people, flow):
    proposal = flow.make(S.SUBMITTED)
    hidden = flow.make(S.DRAFT, region=BUSAN)
    response = client_for(people.tf).post(action_url(proposal, "merge"), {"into": hidden.pk}, format="json")
    assert response.status_code == 400
    assert response.json() == {"into": ["병합할 건의과제를 찾을 수 없습니다."]}


def test_assign_sets_departments_and_due_date(client_for, people, flow):
    proposal = flow.make(S.SUBMITTED)
    due = future(45).isoformat()
    response = client_for(people.tf).post(
        action_url(proposal, "assign"),
        {"lead_department": LEAD, "support_departments": [OTHER_DEPARTMENT, OTHER_DEPARTMENT], "due_at": due},
        format="json",
    )
    assert response.status_code == 200
    data = response.json()
    assert (data["lead_department"], data["support_departments"], data["due_at"]) == (LEAD, [OTHER_DEPARTMENT], due)


def test_decline_returns_the_proposal_even_though_the_reviewer_no_longer_sees_it(client_for, people, flow):
    proposal = flow.make(S.IN_REVIEW)
    response = client_for(people.reviewer).post(action_url(proposal, "decline"), {"note": "소관 아님"}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "submitted"
    assert response.json()["lead_department"] is None
    assert client_for(people.reviewer).get(f"/api/v1/proposals/{proposal.pk}/").status_code == 404
