"""The decision page: full width, a preview of exactly the public block, then confirm."""

from django.urls import reverse

from apps.proposals.models import ProposalStatus as S
from tests.proposals.support import proposal_in

DECISION = {
    "seen_status": S.IN_REVIEW,
    "outcome": "accepted",
    "note": "내부 검토 의견 마커",
    "decision_summary": "공개 요지 마커",
    "planned_for": "2027-06-30",
}


def decide_url(proposal):
    return reverse("proposal-decide", args=[proposal.pk])


def test_lead_reviewer_gets_the_page_others_are_refused(login, cast):
    proposal = proposal_in(cast, S.IN_REVIEW)
    page = login("lead_reviewer").get(decide_url(proposal))
    assert page.status_code == 200 and 'name="outcome"' in page.content.decode()
    assert login("tf_staff").get(decide_url(proposal)).status_code == 403
    assert login("other_reviewer").get(decide_url(proposal)).status_code == 404


def test_preview_is_the_public_block_without_internal_reasons_and_decides_nothing(login, cast):
    proposal = proposal_in(cast, S.IN_REVIEW)
    response = login("lead_reviewer").post(decide_url(proposal), {**DECISION, "intent": "preview"})
    html = response.content.decode()
    preview = html.split('id="public-preview"', 1)[1].split("</section>", 1)[0]
    assert 'class="site-section portal-decision"' in preview  # the portal's own template
    assert "공개 요지 마커" in preview and "2027-06-30" in preview
    assert "내부 검토 의견 마커" not in preview
    assert 'name="intent" value="confirm"' in html
    proposal.refresh_from_db()
    assert proposal.status == S.IN_REVIEW


def test_confirming_decides_and_the_public_page_shows_the_previewed_block(login, client, cast):
    proposal = proposal_in(cast, S.IN_REVIEW)
    reviewer = login("lead_reviewer")
    previewed = reviewer.post(decide_url(proposal), {**DECISION, "intent": "preview"}).content.decode()
    response = reviewer.post(decide_url(proposal), {**DECISION, "intent": "confirm"})
    assert response.status_code == 302 and response["Location"] == reverse("proposal-detail", args=[proposal.pk])
    proposal.refresh_from_db()
    assert proposal.status == S.DECIDED
    client.logout()
    public = client.get(reverse("portal-proposal-detail", args=[proposal.pk])).content.decode()

    def summary(html):
        return html.split('id="decision-summary">', 1)[1].split("</div>", 1)[0]

    assert summary(public) == summary(previewed.split('id="public-preview"', 1)[1])


def test_errors_show_on_the_decision_page(login, cast):
    proposal = proposal_in(cast, S.IN_REVIEW)
    response = login("lead_reviewer").post(decide_url(proposal), {"seen_status": S.IN_REVIEW, "intent": "preview"})
    assert response.status_code == 400
    assert "검토결과를 선택해 주세요." in response.content.decode()
