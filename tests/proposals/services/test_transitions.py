"""Every transition of DESIGN.md §3: allowed for the right role and scope, refused for
everyone else, refused from a wrong state, one immutable event each."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from apps.proposals.models import Outcome, ProposalEvent
from apps.proposals.models import ProposalStatus as S
from apps.proposals.registry import FIREABLE as ACTIONS
from apps.proposals.services import TransitionConflict, proposal_fire
from tests.proposals.support import OTHER_DEPARTMENT, Cast, fire, proposal_in

pytestmark = pytest.mark.django_db

FAR = datetime.date(2027, 12, 31)

# action: (source state, who may fire it, the fields it needs)
SPECS = {
    "submit": (S.DRAFT, {"official", "vice_governor"}, {}),
    "endorse": (S.AWAITING_ENDORSEMENT, {"vice_governor"}, {}),
    "return": (S.AWAITING_ENDORSEMENT, {"vice_governor"}, {"note": "수치 확인 필요"}),
    "request_info": (S.SUBMITTED, {"tf_staff", "tf_lead"}, {"note": "근거 자료 보완"}),
    "resubmit": (S.INFO_REQUESTED, {"official", "vice_governor"}, {"note": "보완했습니다"}),
    "assign": (S.SUBMITTED, {"tf_staff", "tf_lead"}, {"lead_department": "녹색도시과"}),
    "reassign": (S.ASSIGNED, {"tf_staff", "tf_lead"}, {"lead_department": OTHER_DEPARTMENT}),
    "start_review": (S.ASSIGNED, {"lead_reviewer"}, {}),
    "decline": (S.IN_REVIEW, {"lead_reviewer"}, {"note": "소관 아님"}),
    "decide": (
        S.IN_REVIEW,
        {"lead_reviewer"},
        {"outcome": "not_accepted", "note": "법 개정 필요", "decision_summary": "현행법상 불가"},
    ),
    "start_followup": (S.DECIDED, {"lead_reviewer"}, {}),
    "complete": (S.IN_PROGRESS, {"lead_reviewer"}, {}),
    "refer": (S.SUBMITTED, {"tf_staff", "tf_lead"}, {"ministry": "행정안전부"}),
    "withdraw": (S.SUBMITTED, {"official", "vice_governor"}, {}),
    "appeal": (S.DECIDED, {"official", "vice_governor"}, {"note": "지역 여건 변화"}),
    "uphold": (S.RECONSIDERATION, {"tf_lead"}, {"note": "원 결정 유지"}),
    "reopen": (S.DECIDED, {"tf_lead"}, {}),
    "extend": (S.IN_REVIEW, {"lead_reviewer"}, {"due_at": FAR, "note": "관계기관 협의"}),
    "update_followup": (S.IN_PROGRESS, {"lead_reviewer"}, {"progress": 40, "milestone": "기본계획 수립"}),
}
EVERYONE = [
    "official",
    "vice_governor",
    "liaison",
    "other_official",
    "other_vice_governor",
    "tf_staff",
    "tf_lead",
    "lead_reviewer",
    "other_reviewer",
    "advisor",
    "institution",
    "forum_member",
    "admin",
]


def test_specs_cover_every_action():
    # merge and consult have tests of their own (targets; consulted organisations), and so
    # have the follow-up actions of issue 17 (tests/proposals/accountability/).
    followup = {"add_milestone", "update_milestone", "ask_region", "answer_region_request", "close_consultation"}
    assert set(SPECS) | {"merge", "consult", "rate", "evaluate"} | followup == set(ACTIONS)


def _allowed_cases():
    return [(action, person) for action, (_, allowed, _) in SPECS.items() for person in sorted(allowed)]


def _refused_cases():
    return [
        (action, person) for action, (_, allowed, _) in SPECS.items() for person in EVERYONE if person not in allowed
    ]


@pytest.mark.parametrize(("action", "person"), _allowed_cases())
def test_transition_allowed_for_the_right_role_and_scope(action, person):
    cast = Cast()
    source, _, fields = SPECS[action]
    proposal = proposal_in(cast, source)
    events_before = proposal.events.count()
    result = fire(cast, proposal, person, action, **fields)
    event = result.events.order_by("-pk").first()
    assert result.events.count() == events_before + 1
    assert (event.action, event.from_status, event.to_status) == (action, source, result.status)
    assert event.actor == cast.people[person]


@pytest.mark.parametrize(("action", "person"), _refused_cases())
def test_transition_refused_for_every_other_role_and_scope(action, person):
    cast = Cast()
    source, _, fields = SPECS[action]
    proposal = proposal_in(cast, source)
    events_before = proposal.events.count()
    with pytest.raises((PermissionDenied, Http404)):
        fire(cast, proposal, person, action, **fields)
    proposal.refresh_from_db(fields=["updated_at"])
    assert type(proposal).objects.get(pk=proposal.pk).status == source
    assert proposal.events.count() == events_before


@pytest.mark.parametrize("person", ["other_official", "other_vice_governor", "tf_staff", "lead_reviewer", "advisor"])
def test_drafts_are_invisible_outside_their_region(person):
    cast = Cast()
    draft = proposal_in(cast, S.DRAFT)
    with pytest.raises(Http404):
        fire(cast, draft, person, "submit")


@pytest.mark.parametrize("action", sorted(SPECS))
def test_transition_from_a_wrong_state_is_a_conflict(action):
    cast = Cast()
    _, allowed, fields = SPECS[action]
    completed = proposal_in(cast, S.COMPLETED)
    with pytest.raises(TransitionConflict):
        fire(cast, completed, sorted(allowed)[0], action, **fields)
    assert type(completed).objects.get(pk=completed.pk).status == S.COMPLETED


def test_merge_into_another_proposal_records_the_target():
    cast = Cast()
    target = proposal_in(cast, S.SUBMITTED, "원주 GB 해제")
    duplicate = proposal_in(cast, S.SUBMITTED, "원주 개발제한구역 해제")
    merged = fire(cast, duplicate, "tf_staff", "merge", into=target.pk)
    assert merged.status == S.MERGED and merged.merged_into == target
    assert merged.events.last().payload["into_reference"] == target.reference


@pytest.mark.parametrize("into", [None, "", "abc", 999999])
def test_merge_needs_a_visible_target(into):
    cast = Cast()
    duplicate = proposal_in(cast, S.SUBMITTED)
    with pytest.raises(ValidationError) as error:
        fire(cast, duplicate, "tf_staff", "merge", into=into)
    assert "into" in error.value.message_dict


def test_merge_refused_for_regional_official():
    cast = Cast()
    target = proposal_in(cast, S.SUBMITTED, "원주 GB 해제")
    duplicate = proposal_in(cast, S.SUBMITTED, "원주 개발제한구역 해제")
    with pytest.raises(PermissionDenied):
        fire(cast, duplicate, "official", "merge", into=target.pk)


@pytest.mark.parametrize(
    ("fields", "error_field"),
    [
        ({"note": "사유"}, "outcome"),
        ({"note": "사유", "outcome": "maybe"}, "outcome"),
        ({"outcome": "accepted", "planned_for": FAR}, "note"),
        ({"note": "사유", "outcome": "accepted"}, "planned_for"),
        ({"note": "사유", "outcome": "partially_accepted", "planned_for": "31-12-2027"}, "planned_for"),
        ({"note": "사유", "outcome": "not_accepted"}, "decision_summary"),
        ({"note": "사유", "outcome": "long_term"}, "decision_summary"),
    ],
)
def test_decision_needs_its_reasons_and_dates(fields, error_field):
    cast = Cast()
    proposal = proposal_in(cast, S.IN_REVIEW)
    with pytest.raises(ValidationError) as error:
        fire(cast, proposal, "lead_reviewer", "decide", **fields)
    assert error_field in error.value.message_dict
    assert type(proposal).objects.get(pk=proposal.pk).status == S.IN_REVIEW


def test_long_term_decision_schedules_a_rereview():
    cast = Cast()
    proposal = proposal_in(cast, S.IN_REVIEW)
    decided = fire(
        cast,
        proposal,
        "lead_reviewer",
        "decide",
        outcome=Outcome.LONG_TERM,
        note="재원 검토",
        decision_summary="중기 검토",
    )
    assert decided.rereview_at is not None and decided.rereview_at > decided.decided_at.date()


def test_not_accepted_cannot_start_followup():
    cast = Cast()
    proposal = proposal_in(cast, S.IN_REVIEW)
    decided = fire(
        cast, proposal, "lead_reviewer", "decide", outcome="not_accepted", note="불가", decision_summary="현행법상 불가"
    )
    with pytest.raises(TransitionConflict):
        fire(cast, decided, "lead_reviewer", "start_followup")


def test_appeal_is_allowed_once():
    cast = Cast()
    proposal = proposal_in(cast, S.RECONSIDERATION)
    upheld = fire(cast, proposal, "tf_lead", "uphold", note="원 결정 유지")
    with pytest.raises(TransitionConflict):
        fire(cast, upheld, "official", "appeal", note="다시 요청")


def test_extension_is_allowed_once_per_review_and_must_be_later():
    cast = Cast()
    proposal = proposal_in(cast, S.IN_REVIEW)
    with pytest.raises(ValidationError):
        fire(cast, proposal, "lead_reviewer", "extend", due_at=proposal.due_at, note="연장")
    extended = fire(cast, proposal, "lead_reviewer", "extend", due_at=FAR, note="관계기관 협의")
    assert extended.due_at == FAR and extended.status == S.IN_REVIEW
    with pytest.raises(TransitionConflict):
        fire(cast, extended, "lead_reviewer", "extend", due_at=datetime.date(2028, 6, 30), note="재연장")


@pytest.mark.parametrize("progress", [-1, 101, "많이", None])
def test_followup_progress_must_be_a_percentage(progress):
    cast = Cast()
    proposal = proposal_in(cast, S.IN_PROGRESS)
    with pytest.raises(ValidationError):
        fire(cast, proposal, "lead_reviewer", "update_followup", progress=progress)


def test_decline_returns_the_proposal_to_tf_without_a_department():
    cast = Cast()
    proposal = proposal_in(cast, S.IN_REVIEW)
    declined = fire(cast, proposal, "lead_reviewer", "decline", note="도시재생과 소관")
    assert declined.status == S.SUBMITTED and declined.lead_department is None
    assert declined.events.last().payload["declined_by"] == "녹색도시과"


def test_reference_is_year_region_serial():
    cast = Cast()
    first, second = proposal_in(cast, S.DRAFT), proposal_in(cast, S.DRAFT)
    year = first.created_at.astimezone(datetime.UTC).year
    assert first.reference.startswith(f"{year}-51-") or first.reference.startswith(f"{year + 1}-51-")
    assert int(second.reference[-4:]) == int(first.reference[-4:]) + 1


def test_a_stale_copy_loses_to_the_first_action():
    cast = Cast()
    proposal = proposal_in(cast, S.SUBMITTED)
    stale = type(proposal).objects.get(pk=proposal.pk)
    fire(cast, proposal, "tf_staff", "assign", lead_department="녹색도시과")
    with pytest.raises(TransitionConflict):
        proposal_fire(proposal=stale, actor=cast["tf_lead"], action="refer", ministry="환경부")
    assert ProposalEvent.objects.filter(proposal=proposal, action="refer").count() == 0


def test_events_cannot_be_changed_or_deleted():
    cast = Cast()
    event = proposal_in(cast, S.SUBMITTED).events.first()
    event.note = "고침"
    with pytest.raises(ValidationError):
        event.save()
    with pytest.raises(ValidationError):
        event.delete()
