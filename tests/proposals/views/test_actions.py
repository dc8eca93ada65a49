"""Firing actions from the proposal page: PRG with a message, Korean field errors,
409 on a stale page, 403/404 as the services decide, never a 500."""

import datetime

import pytest
from django.urls import reverse

from apps.proposals.models import Proposal, ProposalEvent
from apps.proposals.models import ProposalStatus as S
from tests.proposals.support import LEAD_DEPARTMENT, fire, proposal_in

pytestmark = pytest.mark.django_db


def action_url(proposal, action):
    return reverse("proposal-action", args=[proposal.pk, action])


def test_endorse_via_the_web(login, cast):
    proposal = proposal_in(cast, S.AWAITING_ENDORSEMENT)
    client = login("vice_governor")

    response = client.post(action_url(proposal, "endorse"), {"seen_status": S.AWAITING_ENDORSEMENT, "note": ""})

    assert response.status_code == 302
    assert response["Location"] == reverse("proposal-detail", args=[proposal.pk])
    proposal.refresh_from_db()
    assert proposal.status == S.SUBMITTED
    assert ProposalEvent.objects.filter(
        proposal=proposal, action="endorse", actor=cast.people["vice_governor"]
    ).exists()
    page = client.get(response["Location"]).content.decode()
    assert "건의과제를 확인하여 국토교통부에 접수했습니다." in page


def test_endorse_from_queue_returns_to_the_queue(login, cast):
    proposal = proposal_in(cast, S.AWAITING_ENDORSEMENT)
    queue = reverse("proposal-endorsements")

    response = login("vice_governor").post(
        action_url(proposal, "endorse"), {"seen_status": S.AWAITING_ENDORSEMENT, "next": queue}
    )

    assert response["Location"] == queue


def test_next_url_off_site_is_ignored(login, cast):
    proposal = proposal_in(cast, S.AWAITING_ENDORSEMENT)

    response = login("vice_governor").post(action_url(proposal, "endorse"), {"next": "https://evil.example/"})

    assert response["Location"] == reverse("proposal-detail", args=[proposal.pk])


def test_official_may_not_endorse(login, cast):
    proposal = proposal_in(cast, S.AWAITING_ENDORSEMENT)

    response = login("official").post(action_url(proposal, "endorse"), {"seen_status": S.AWAITING_ENDORSEMENT})

    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == S.AWAITING_ENDORSEMENT


def test_action_on_invisible_proposal_is_404(login, cast):
    proposal = proposal_in(cast, S.AWAITING_ENDORSEMENT)

    assert login("other_vice_governor").post(action_url(proposal, "endorse")).status_code == 404


def test_unknown_action_is_404_and_get_is_405(login, cast):
    proposal = proposal_in(cast, S.SUBMITTED)
    client = login("tf_staff")

    assert client.post(action_url(proposal, "explode")).status_code == 404
    assert client.get(action_url(proposal, "assign")).status_code == 405


def test_decision_without_public_summary_shows_korean_error_and_changes_nothing(login, cast):
    proposal = proposal_in(cast, S.IN_REVIEW)
    events = ProposalEvent.objects.filter(proposal=proposal).count()

    response = login("lead_reviewer").post(
        action_url(proposal, "decide"),
        {"seen_status": S.IN_REVIEW, "outcome": "not_accepted", "note": "법 개정 필요", "decision_summary": ""},
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "수용곤란·중장기검토는 공개 검토결과 요지에 사유를 적어야 합니다." in html
    assert 'id="decide-decision_summary_error"' in html
    assert 'aria-describedby="decide-decision_summary_helptext decide-decision_summary_error"' in html
    assert 'aria-invalid="true"' in html
    assert 'id="decision-preview"' not in html  # the decision page again, with the error beside the field
    proposal.refresh_from_db()
    assert proposal.status == S.IN_REVIEW
    assert proposal.outcome == ""
    assert ProposalEvent.objects.filter(proposal=proposal).count() == events


def test_decision_form_requires_note_and_outcome(login, cast):
    proposal = proposal_in(cast, S.IN_REVIEW)

    response = login("lead_reviewer").post(action_url(proposal, "decide"), {"seen_status": S.IN_REVIEW})

    assert response.status_code == 400
    html = response.content.decode()
    assert "검토결과를 선택해 주세요." in html
    assert "검토 의견(내부)을 입력해 주세요." in html


def test_decide_accepted_through_the_web(login, cast):
    proposal = proposal_in(cast, S.IN_REVIEW)

    response = login("lead_reviewer").post(
        action_url(proposal, "decide"),
        {
            "seen_status": S.IN_REVIEW,
            "outcome": "accepted",
            "note": "타당",
            "decision_summary": "수용합니다",
            "planned_for": "2027-06-30",
        },
    )

    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.outcome, proposal.planned_for) == (
        S.DECIDED,
        "accepted",
        datetime.date(2027, 6, 30),
    )


def test_assign_form_with_support_departments_and_due_date(login, cast):
    proposal = proposal_in(cast, S.SUBMITTED)
    due = datetime.date.today() + datetime.timedelta(days=60)

    response = login("tf_staff").post(
        action_url(proposal, "assign"),
        {
            "seen_status": S.SUBMITTED,
            "lead_department": LEAD_DEPARTMENT,
            "support_departments": ["도시재생과", "지역정책과"],
            "due_at": due.isoformat(),
        },
    )

    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.lead_department.code == LEAD_DEPARTMENT
    assert sorted(d.code for d in proposal.support_departments.all()) == ["도시재생과", "지역정책과"]
    assert proposal.due_at == due


def test_assign_lead_also_support_is_a_field_error(login, cast):
    proposal = proposal_in(cast, S.SUBMITTED)

    response = login("tf_staff").post(
        action_url(proposal, "assign"),
        {"seen_status": S.SUBMITTED, "lead_department": LEAD_DEPARTMENT, "support_departments": [LEAD_DEPARTMENT]},
    )

    assert response.status_code == 400
    assert "주관부서는 협조부서가 될 수 없습니다." in response.content.decode()


def test_stale_action_gets_409_with_refreshed_page(login, cast):
    proposal = proposal_in(cast, S.AWAITING_ENDORSEMENT)
    fire(cast, proposal, "vice_governor", "endorse")  # someone else (another tab) acted first

    response = login("vice_governor").post(action_url(proposal, "endorse"), {"seen_status": S.AWAITING_ENDORSEMENT})

    assert response.status_code == 409
    html = response.content.decode()
    assert "다른 사용자가 먼저 처리했습니다." in html
    assert "접수" in html
    assert f'action="{action_url(proposal, "endorse")}#' not in html  # the refreshed page has no stale button
    assert ProposalEvent.objects.filter(proposal=proposal, action="endorse").count() == 1


def test_transition_conflict_from_service_is_409(login, cast):
    proposal = proposal_in(cast, S.IN_REVIEW)
    far = datetime.date.today() + datetime.timedelta(days=120)
    fire(cast, proposal, "lead_reviewer", "extend", due_at=far, note="협의")

    response = login("lead_reviewer").post(
        action_url(proposal, "extend"),
        {"seen_status": S.IN_REVIEW, "due_at": (far + datetime.timedelta(days=10)).isoformat(), "note": "또 연장"},
    )

    assert response.status_code == 409
    assert "기한 연장은 검토마다 한 번만 할 수 있습니다." in response.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"due_at": "not-a-date", "note": "x"},
        {"due_at": "2020-01-01", "note": "x"},
        {"due_at": "9999-99-99"},
        {"seen_status": "bogus"},
    ],
)
def test_malformed_input_never_500(login, cast, data):
    proposal = proposal_in(cast, S.IN_REVIEW)

    response = login("lead_reviewer").post(action_url(proposal, "extend"), data)

    assert response.status_code in (400, 409)


def test_merge_choices_and_refer(login, cast):
    target = proposal_in(cast, S.SUBMITTED, title="대상")
    duplicate = proposal_in(cast, S.SUBMITTED, title="중복")
    client = login("tf_staff")
    page = client.get(reverse("proposal-detail", args=[duplicate.pk])).content.decode()
    # No list of every open proposal: the merge target is typed, with suggestions.
    assert f'<option value="{target.reference}">' not in page
    assert f'hx-get="{reverse("proposal-merge-targets")}?exclude={duplicate.pk}"' in page
    suggested = client.get(reverse("proposal-merge-targets"), {"exclude": duplicate.pk, "into": "대상"})
    assert f'<option value="{target.reference}">{target.reference} 대상</option>' in suggested.content.decode()

    assert client.post(action_url(duplicate, "merge"), {"into": target.reference}).status_code == 302
    assert Proposal.objects.get(pk=duplicate.pk).merged_into_id == target.pk
    response = client.post(action_url(target, "refer"), {"ministry": ""})
    assert response.status_code == 400
    assert "이관할 부처를 입력해 주세요." in response.content.decode()
    assert client.post(action_url(target, "refer"), {"ministry": "행정안전부"}).status_code == 302
    assert Proposal.objects.get(pk=target.pk).referred_ministry == "행정안전부"


def test_update_followup_progress(login, cast):
    proposal = proposal_in(cast, S.IN_PROGRESS)
    client = login("lead_reviewer")

    bad = client.post(action_url(proposal, "update_followup"), {"progress": "150", "milestone": "x"})
    assert bad.status_code == 400
    good = client.post(action_url(proposal, "update_followup"), {"progress": "60", "milestone": "착공"})
    assert good.status_code == 302
    assert Proposal.objects.get(pk=proposal.pk).progress == 60


def test_out_of_range_ids_are_404_not_500(login, cast):
    proposal = proposal_in(cast, S.SUBMITTED)
    client = login("tf_staff")
    huge = 10**30

    assert client.get(f"/proposals/{huge}/").status_code == 404
    assert client.post(f"/proposals/{huge}/action/assign/").status_code == 404
    assert client.post(action_url(proposal, "merge"), {"into": str(huge)}).status_code == 400
    response = client.post(
        reverse("proposal-triage"), {"ids": [huge], "bulk_action": "assign", "lead_department": LEAD_DEPARTMENT}
    )
    # An id no proposal can have is no selection at all: the form says to pick one.
    assert response.status_code == 400


def test_an_action_without_a_form_class_gets_one_from_its_input():
    """Adding an action needs no web form: the consult action's form is made from its input."""
    from apps.proposals.action_forms import ACTION_FORMS, generated_form

    assert "consult" not in ACTION_FORMS
    form = generated_form("consult")(action="consult", proposal=Proposal(status=S.IN_REVIEW), user=None)
    assert [name for name in form.fields if name != "seen_status"] == ["organisation", "question", "due_at", "note"]
    assert form.fields["organisation"].required and not form.fields["due_at"].required


def test_merge_target_suggestions_are_open_visible_proposals_and_at_most_twenty(login, cast):
    this = proposal_in(cast, S.SUBMITTED, title="광역철도 연장 이번 과제")
    for number in range(22):
        proposal_in(cast, S.SUBMITTED, title=f"광역철도 연장 {number}")
    closed = proposal_in(cast, S.DRAFT, title="광역철도 연장 작성중")
    client = login("tf_staff")
    page = client.get(reverse("proposal-merge-targets"), {"exclude": this.pk, "into": "광역철도를"}).content.decode()
    assert page.count("<option") == 20
    assert this.reference not in page and closed.reference not in page
    assert (
        client.get(reverse("proposal-merge-targets"), {"into": this.reference}).content.decode().count("<option") == 1
    )


def test_merge_target_suggestions_are_for_those_who_may_merge(login, cast):
    proposal_in(cast, S.SUBMITTED, title="광역철도 연장")
    assert login("lead_reviewer").get(reverse("proposal-merge-targets"), {"into": "광역철도"}).status_code == 403
    assert login("tf_staff").get(reverse("proposal-merge-targets"), {"into": "광역철도"}).status_code == 200


def test_a_merge_target_the_person_may_not_merge_into_is_refused(login, cast):
    duplicate = proposal_in(cast, S.SUBMITTED, title="중복")
    withdrawn = proposal_in(cast, S.DRAFT, title="작성중")
    response = login("tf_staff").post(action_url(duplicate, "merge"), {"into": withdrawn.reference})
    assert response.status_code == 400
    assert "건의과제를 찾을 수 없습니다." in response.content.decode()
