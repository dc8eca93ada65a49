"""Who hears of each proposal event (DESIGN.md §5), both ways: exactly the people
concerned — never the actor, never another region's officials, never a reviewer of
another department, never the ministry for a draft."""

import datetime

import pytest

from apps.notifications import recipients
from apps.notifications.models import Kind, Notification
from apps.organisations.models import PartnerOrganisation, Region
from apps.proposals.models import Outcome, Proposal
from apps.proposals.models import ProposalStatus as S
from apps.proposals.registry import ACTIONS
from apps.proposals.services import (
    consultation_request,
    consultation_respond,
    proposal_reopen_for_rereview,
)
from tests.factories import member
from tests.notifications.support import OUTSIDERS, SUPPORT_DEPARTMENT
from tests.proposals.support import OTHER_DEPARTMENT, fire, new_draft, proposal_in

pytestmark = pytest.mark.django_db

REGION = {"official", "vice_governor"}
TF = {"tf_staff", "tf_lead"}
FAR = datetime.date(2027, 12, 31)


def assert_heard(cast, kind, proposal, expected: set[str], *, actor: str):
    heard = cast.heard(kind, proposal)
    assert heard == expected
    assert actor not in heard, "the actor is never told of what they did"
    assert not heard & OUTSIDERS


def assigned_with_support(cast, status=S.ASSIGNED):
    proposal = proposal_in(cast, S.SUBMITTED)
    proposal = fire(
        cast, proposal, "tf_staff", "assign", lead_department="녹색도시과", support_departments=[SUPPORT_DEPARTMENT]
    )
    if status == S.IN_REVIEW:
        proposal = fire(cast, proposal, "lead_reviewer", "start_review")
    return proposal


def test_submit_asks_the_regions_vice_governor_to_endorse(cast):
    proposal = proposal_in(cast, S.AWAITING_ENDORSEMENT)
    assert_heard(cast, Kind.ENDORSEMENT_REQUESTED, proposal, {"vice_governor"}, actor="official")
    # A draft is the region's alone: nobody at the ministry hears of it.
    assert not cast.heard(Kind.ENDORSEMENT_REQUESTED) & (TF | {"lead_reviewer"})


def test_return_tells_the_regions_officials(cast):
    proposal = fire(cast, proposal_in(cast, S.AWAITING_ENDORSEMENT), "vice_governor", "return", note="수치 확인")
    assert_heard(cast, Kind.RETURNED, proposal, {"official"}, actor="vice_governor")


def test_endorse_tells_the_tf_and_the_regions_officials(cast):
    proposal = proposal_in(cast, S.SUBMITTED)
    assert_heard(cast, Kind.SUBMITTED, proposal, TF | {"official"}, actor="vice_governor")


def test_request_info_tells_the_region(cast):
    proposal = proposal_in(cast, S.INFO_REQUESTED)
    assert_heard(cast, Kind.INFO_REQUESTED, proposal, REGION, actor="tf_staff")


def test_resubmit_tells_the_tf(cast):
    proposal = fire(cast, proposal_in(cast, S.INFO_REQUESTED), "official", "resubmit", note="보완했습니다")
    assert_heard(cast, Kind.RESUBMITTED, proposal, TF, actor="official")


def test_assign_tells_lead_and_support_reviewers_and_the_region(cast):
    proposal = assigned_with_support(cast)
    assert_heard(cast, Kind.ASSIGNED, proposal, {"lead_reviewer", "support_reviewer"} | REGION, actor="tf_staff")


def test_reassign_tells_the_new_and_the_previous_department_and_the_region(cast):
    proposal = fire(cast, proposal_in(cast, S.ASSIGNED), "tf_lead", "reassign", lead_department=OTHER_DEPARTMENT)
    event = proposal.events.get(action="reassign")
    heard = cast.heard(Kind.ASSIGNED, proposal, event=event)
    assert heard == {"other_reviewer", "lead_reviewer"} | REGION
    assert not heard & {"unrelated_reviewer", "support_reviewer", "tf_lead", "other_official"}


def test_decline_tells_the_tf(cast):
    proposal = fire(cast, proposal_in(cast, S.IN_REVIEW), "lead_reviewer", "decline", note="소관 아님")
    assert_heard(cast, Kind.DECLINED, proposal, TF, actor="lead_reviewer")


def test_consultation_request_tells_only_the_consulted_organisations_members(cast):
    proposal = proposal_in(cast, S.IN_REVIEW)
    consultation_request(
        proposal=proposal,
        actor=cast["lead_reviewer"],
        organisation=PartnerOrganisation.objects.get(code="LH"),
        question="사업성 검토 의견을 주세요.",
    )
    assert_heard(cast, Kind.CONSULTATION_REQUESTED, proposal, {"institution"}, actor="lead_reviewer")
    row = Notification.objects.get(kind=Kind.CONSULTATION_REQUESTED)
    assert "consultation" in row.url and "사업성 검토 의견" in row.body


def test_consultation_answer_tells_the_asking_reviewer_and_the_lead_department(cast):
    proposal = assigned_with_support(cast, S.IN_REVIEW)
    consultation = consultation_request(
        proposal=proposal,
        actor=cast["support_reviewer"],
        organisation=PartnerOrganisation.objects.get(code="LH"),
        question="의견을 주세요.",
    )
    consultation_respond(consultation=consultation, actor=cast["institution"], answer="타당합니다.")
    assert_heard(cast, Kind.CONSULTATION_ANSWERED, proposal, {"support_reviewer", "lead_reviewer"}, actor="institution")


def test_decide_tells_the_region_its_liaison_and_the_tf(cast):
    proposal = proposal_in(cast, S.DECIDED)
    assert_heard(cast, Kind.DECIDED, proposal, REGION | {"liaison"} | TF, actor="lead_reviewer")
    body = Notification.objects.filter(kind=Kind.DECIDED).first().body
    assert "수용" in body
    assert "타당함" not in body, "the decision's internal reasons are never quoted"


@pytest.mark.parametrize("action", ["start_followup", "update_followup"])
def test_followup_tells_the_region(cast, action):
    if action == "start_followup":
        proposal = proposal_in(cast, S.IN_PROGRESS)
    else:
        proposal = fire(cast, proposal_in(cast, S.IN_PROGRESS), "lead_reviewer", action, progress=40)
    event = proposal.events.get(action=action)
    assert cast.heard(Kind.FOLLOWUP_UPDATED, proposal, event=event) == REGION


def test_extend_notifies_the_region(cast):
    proposal = proposal_in(cast, S.IN_REVIEW)
    proposal = fire(cast, proposal, "lead_reviewer", "extend", due_at=FAR, note="관계기관 협의 필요")
    assert_heard(cast, Kind.EXTENDED, proposal, REGION, actor="lead_reviewer")
    assert "2027-12-31" in Notification.objects.filter(kind=Kind.EXTENDED).first().body


def test_appeal_tells_the_tf_lead_and_the_lead_department(cast):
    proposal = proposal_in(cast, S.RECONSIDERATION)
    assert_heard(cast, Kind.APPEALED, proposal, {"tf_lead", "lead_reviewer"}, actor="official")


def test_uphold_tells_the_region_and_the_lead_department(cast):
    proposal = fire(cast, proposal_in(cast, S.RECONSIDERATION), "tf_lead", "uphold", note="원 결정 유지")
    assert_heard(cast, Kind.UPHELD, proposal, REGION | {"lead_reviewer"}, actor="tf_lead")


def test_reopen_tells_the_region_and_the_lead_department(cast):
    proposal = fire(cast, proposal_in(cast, S.DECIDED), "tf_lead", "reopen")
    assert_heard(cast, Kind.REOPENED, proposal, REGION | {"lead_reviewer"}, actor="tf_lead")


def test_complete_tells_everyone_involved(cast):
    proposal = proposal_in(cast, S.COMPLETED)
    assert_heard(cast, Kind.COMPLETED, proposal, TF | REGION, actor="lead_reviewer")


def test_refer_before_assignment_tells_the_tf_and_the_region(cast):
    proposal = fire(cast, proposal_in(cast, S.SUBMITTED), "tf_staff", "refer", ministry="행정안전부")
    assert_heard(cast, Kind.REFERRED, proposal, {"tf_lead"} | REGION, actor="tf_staff")


def test_refer_after_assignment_also_tells_the_lead_department(cast):
    proposal = fire(cast, proposal_in(cast, S.ASSIGNED), "tf_lead", "refer", ministry="행정안전부")
    assert_heard(cast, Kind.REFERRED, proposal, {"tf_staff", "lead_reviewer"} | REGION, actor="tf_lead")
    assert "행정안전부" in Notification.objects.filter(kind=Kind.REFERRED).first().body


def test_merge_tells_the_tf_and_the_region(cast):
    target = proposal_in(cast, S.SUBMITTED, title="강릉 산업단지 진입도로")
    proposal = fire(cast, proposal_in(cast, S.SUBMITTED), "tf_staff", "merge", into=target.pk)
    assert_heard(cast, Kind.MERGED, proposal, {"tf_lead"} | REGION, actor="tf_staff")


def test_withdrawing_a_draft_tells_only_the_region(cast):
    proposal = fire(cast, new_draft(cast), "official", "withdraw")
    assert_heard(cast, Kind.WITHDRAWN, proposal, {"vice_governor"}, actor="official")


def test_withdrawing_a_submitted_proposal_tells_the_tf_too(cast):
    proposal = fire(cast, proposal_in(cast, S.SUBMITTED), "vice_governor", "withdraw")
    assert_heard(cast, Kind.WITHDRAWN, proposal, {"official"} | TF, actor="vice_governor")


def test_rereview_tells_the_tf_and_the_lead_department(cast):
    proposal = proposal_in(cast, S.IN_REVIEW)
    proposal = fire(
        cast,
        proposal,
        "lead_reviewer",
        "decide",
        outcome=Outcome.LONG_TERM,
        note="중장기",
        decision_summary="여건 변화 후",
    )
    reopened = proposal_reopen_for_rereview(proposal=proposal, today=proposal.rereview_at)
    assert reopened is not None
    assert cast.heard(Kind.REREVIEW, proposal) == TF | {"lead_reviewer"}
    assert not cast.heard(Kind.REREVIEW, proposal) & OUTSIDERS


def test_quiet_actions_notify_nobody(cast):
    proposal = proposal_in(cast, S.ASSIGNED)
    before = Notification.objects.count()
    fire(cast, proposal, "lead_reviewer", "start_review")
    assert Notification.objects.count() == before


def test_every_event_kind_has_a_recipient_function():
    kinds = {spec.notifies for spec in ACTIONS.values() if spec.notifies}
    assert kinds == set(recipients.KIND_RECIPIENTS)
    reminder_kinds = set(recipients.REMINDER_RECIPIENTS)
    workflow_kinds = set(Kind.values) - {
        Kind.MEETING_INVITED, Kind.MEETING_CHANGED, Kind.MINUTES_PUBLISHED, Kind.MENTIONED, Kind.REPLIED,
        Kind.COMMENT_HIDDEN,
        # Chosen per milestone, consultation or follower (followup_reminders.py, follows.py).
        Kind.MILESTONE_DUE_SOON, Kind.MILESTONE_LATE, Kind.CONSULTATION_DUE_SOON, Kind.CONSULTATION_OVERDUE,
        Kind.FOLLOWED_UPDATE,
    }  # fmt: skip
    assert kinds | reminder_kinds == workflow_kinds
    for function in recipients.KIND_RECIPIENTS.values():
        assert function.__doc__, f"{function.__name__} documents who hears"


def test_a_merged_regions_successor_answers_for_what_its_predecessor_filed(cast):
    gwangju, merged, busan = (Region.objects.get(code=code) for code in ("29", "12", "26"))
    successor_official = member("regional_official", region=merged)
    busan_official = member("regional_official", region=busan)
    old_proposal = Proposal(region=gwangju)
    people = recipients.resolve(recipients.region_people(old_proposal))
    assert successor_official.pk in people
    assert busan_official.pk not in people
    assert cast.people["official"].pk not in people
    # …and a 전남광주 proposal is not 광주's (the chain only runs forward).
    assert recipients.answering_region_ids(merged.pk) == [merged.pk]


def test_people_whose_membership_ended_or_who_are_inactive_are_not_told(cast):
    proposal = proposal_in(cast, S.SUBMITTED)
    cast.people["official"].memberships.update(valid_to=datetime.date(2020, 1, 1))
    vice_governor = cast.people["vice_governor"]
    vice_governor.is_active = False
    vice_governor.save()
    fire(cast, proposal, "tf_staff", "request_info", note="보완")
    assert cast.heard(Kind.INFO_REQUESTED, proposal) == set()
