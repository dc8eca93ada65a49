"""The proposal page: who may see it, which action buttons show, what is internal."""

import pytest
from django.urls import reverse

from apps.organisations.models import PartnerOrganisation
from apps.proposals.models import ProposalStatus as S
from apps.proposals.services import consultation_request
from tests.proposals.support import fire, proposal_in

pytestmark = pytest.mark.django_db


def action_url(proposal, action):
    return reverse("proposal-action", args=[proposal.pk, action])


def test_vice_governor_sees_endorse_button_official_does_not(login, cast):
    proposal = proposal_in(cast, S.AWAITING_ENDORSEMENT)

    vg = login("vice_governor").get(reverse("proposal-detail", args=[proposal.pk])).content.decode()
    assert action_url(proposal, "endorse") in vg
    assert ">확인</button>" in vg
    assert action_url(proposal, "return") in vg

    official = login("official").get(reverse("proposal-detail", args=[proposal.pk])).content.decode()
    assert action_url(proposal, "endorse") not in official
    assert ">확인</button>" not in official
    assert action_url(proposal, "withdraw") in official


def test_reviewer_of_another_department_gets_404(login, cast):
    proposal = proposal_in(cast, S.IN_REVIEW)

    assert login("other_reviewer").get(reverse("proposal-detail", args=[proposal.pk])).status_code == 404
    assert login("lead_reviewer").get(reverse("proposal-detail", args=[proposal.pk])).status_code == 200


@pytest.mark.parametrize("person", ["other_official", "tf_staff", "lead_reviewer", "advisor", "forum_member"])
def test_a_draft_is_404_outside_its_region(login, cast, person):
    proposal = proposal_in(cast, S.DRAFT)

    assert login(person).get(reverse("proposal-detail", args=[proposal.pk])).status_code == 404


def test_unknown_proposal_is_404_and_anonymous_is_sent_to_login(client, login, cast):
    proposal = proposal_in(cast, S.SUBMITTED)

    response = client.get(reverse("proposal-detail", args=[proposal.pk]))
    assert response.status_code == 302
    assert login("tf_staff").get(reverse("proposal-detail", args=[999999])).status_code == 404


def test_action_buttons_follow_role_and_state(login, cast):
    proposal = proposal_in(cast, S.SUBMITTED)

    tf = login("tf_staff").get(reverse("proposal-detail", args=[proposal.pk])).content.decode()
    for action in ("assign", "request_info", "refer", "merge"):
        assert action_url(proposal, action) in tf, action
    assert action_url(proposal, "decide") not in tf
    assert action_url(proposal, "endorse") not in tf

    reviewer_proposal = proposal_in(cast, S.IN_REVIEW, title="검토중 과제")
    reviewer = login("lead_reviewer").get(reverse("proposal-detail", args=[reviewer_proposal.pk])).content.decode()
    for action in ("decline", "extend"):
        assert action_url(reviewer_proposal, action) in reviewer, action
    assert action_url(reviewer_proposal, "assign") not in reviewer
    # The decision has its own full-width page.
    assert reverse("proposal-decide", args=[reviewer_proposal.pk]) in reviewer
    assert reverse("proposal-decide", args=[proposal.pk]) not in tf


def test_page_shows_fields_sanitised_body_and_timeline(login, cast):
    from apps.proposals.services import proposal_create

    proposal = proposal_create(
        actor=cast["official"],
        region=cast.region,
        title="마크다운 과제",
        summary="요약",
        category="rail",
        body="**굵게** <script>alert(1)</script> [링크](javascript:alert(1))",
    )
    fire(cast, proposal, "official", "submit")

    html = login("official").get(reverse("proposal-detail", args=[proposal.pk])).content.decode()

    assert "<strong>굵게</strong>" in html
    assert "<script>alert(1)</script>" not in html
    assert 'href="javascript:' not in html
    assert "철도" in html
    assert "강원특별자치도" in html
    assert 'id="timeline"' in html
    assert '작성중 <span aria-hidden="true">→</span>' in html
    assert "부지사 확인중" in html
    assert ">제출</strong>" in html


def test_decision_internal_reasons_only_for_internal_viewers(login, cast):
    proposal = proposal_in(cast, S.DECIDED)  # decided with note "타당함"

    official = login("official").get(reverse("proposal-detail", args=[proposal.pk])).content.decode()
    assert "수용" in official
    assert "검토 의견(내부)" not in official
    assert "타당함" not in official
    assert "내부 검토 의견은 공개하지 않습니다." in official

    reviewer = login("lead_reviewer").get(reverse("proposal-detail", args=[proposal.pk])).content.decode()
    assert "검토 의견(내부)" in reviewer
    assert "타당함" in reviewer


def test_followup_progress_bar_is_labelled(login, cast):
    proposal = proposal_in(cast, S.IN_PROGRESS)
    fire(cast, proposal, "lead_reviewer", "update_followup", progress=40, milestone="기본계획 수립")

    html = login("official").get(reverse("proposal-detail", args=[proposal.pk])).content.decode()

    assert '<label for="followup-progress" class="site-progress-label">추진률</label>' in html
    assert '<progress id="followup-progress" max="100" value="40">40%</progress>' in html
    assert "기본계획 수립" in html


def test_consultations_shown_to_reviewers_not_to_region(login, cast):
    proposal = proposal_in(cast, S.IN_REVIEW)
    consultation_request(
        proposal=proposal,
        actor=cast["lead_reviewer"],
        organisation=PartnerOrganisation.objects.get(code="KRIHS"),
        question="타당성 의견을 주세요",
    )

    reviewer = login("lead_reviewer").get(reverse("proposal-detail", args=[proposal.pk])).content.decode()
    assert "타당성 의견을 주세요" in reviewer
    assert reverse("proposal-consult", args=[proposal.pk]) in reviewer

    official = login("official").get(reverse("proposal-detail", args=[proposal.pk])).content.decode()
    assert "타당성 의견을 주세요" not in official
    assert 'id="consultations-title"' not in official


def test_consultation_request_and_answer_through_the_web(login, cast):
    proposal = proposal_in(cast, S.IN_REVIEW)

    response = login("lead_reviewer").post(
        reverse("proposal-consult", args=[proposal.pk]), {"organisation": "KRIHS", "question": "의견 요청"}
    )
    assert response.status_code == 302
    consultation = proposal.consultations.get()

    advisor = login("advisor")
    listing = advisor.get(reverse("consultation-list")).content.decode()
    assert "의견 요청" in listing
    response = advisor.post(reverse("consultation-answer", args=[consultation.pk]), {"answer": ""})
    assert response.status_code == 400
    assert "회신 내용을 입력해 주세요." in response.content.decode()
    response = advisor.post(reverse("consultation-answer", args=[consultation.pk]), {"answer": "타당합니다"})
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.answer == "타당합니다"
    # Another organisation's member cannot answer it.
    assert (
        login("institution").post(reverse("consultation-answer", args=[consultation.pk]), {"answer": "x"}).status_code
        == 404
    )


def test_merged_proposal_links_both_ways(login, cast):
    target = proposal_in(cast, S.SUBMITTED, title="대상 과제")
    merged = proposal_in(cast, S.SUBMITTED, title="중복 과제")
    fire(cast, merged, "tf_staff", "merge", into=target.pk)

    html = login("tf_staff").get(reverse("proposal-detail", args=[merged.pk])).content.decode()
    assert reverse("proposal-detail", args=[target.pk]) in html
    html = login("tf_staff").get(reverse("proposal-detail", args=[target.pk])).content.decode()
    assert reverse("proposal-detail", args=[merged.pk]) in html
