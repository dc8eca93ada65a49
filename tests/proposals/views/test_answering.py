"""What a region must answer sits at the top of the proposal page; answering takes a
보완 답변 and may carry files; the new-proposal form uploads files with the draft."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.proposals.models import Proposal
from apps.proposals.models import ProposalStatus as S
from tests.proposals.support import fire, proposal_in
from tests.proposals.views.test_form import form_data

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="보완자료.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def top_of(html: str) -> str:
    """The page above the overview table."""
    return html.split('id="overview-title"', 1)[0]


def test_info_request_is_at_the_top_with_its_reason_and_answer_button(login, cast):
    proposal = proposal_in(cast, S.INFO_REQUESTED)
    top = top_of(login("official").get(reverse("proposal-detail", args=[proposal.pk])).content.decode())
    assert 'id="open-request"' in top and "보완요청을 받았습니다" in top
    assert "예산 근거 보완" in top  # the request's note (tests/proposals/support.py)
    assert 'href="#action-resubmit"' in top


def test_the_tf_sees_the_open_request_but_no_answer_button(login, cast):
    proposal = proposal_in(cast, S.INFO_REQUESTED)
    top = top_of(login("tf_staff").get(reverse("proposal-detail", args=[proposal.pk])).content.decode())
    assert 'id="open-request"' in top and 'href="#action-resubmit"' not in top


def test_a_return_is_at_the_top_until_submitted_again(login, cast):
    proposal = fire(cast, proposal_in(cast, S.AWAITING_ENDORSEMENT), "vice_governor", "return", note="수치 확인 필요")
    client = login("official")
    top = top_of(client.get(reverse("proposal-detail", args=[proposal.pk])).content.decode())
    assert "부지사가 반려했습니다" in top and "수치 확인 필요" in top and 'href="#action-submit"' in top
    fire(cast, proposal, "official", "submit")
    assert 'id="open-request"' not in client.get(reverse("proposal-detail", args=[proposal.pk])).content.decode()


def test_resubmitting_needs_an_answer(login, cast):
    proposal = proposal_in(cast, S.INFO_REQUESTED)
    response = login("official").post(reverse("proposal-action", args=[proposal.pk, "resubmit"]), {})
    assert response.status_code == 400
    assert "보완 답변을 입력해 주세요." in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == S.INFO_REQUESTED


def test_resubmitting_stores_the_answer_and_its_files(login, cast):
    proposal = proposal_in(cast, S.INFO_REQUESTED)
    response = login("official").post(
        reverse("proposal-action", args=[proposal.pk, "resubmit"]),
        {"note": "위치도를 붙였습니다", "files": [pdf("위치도.pdf"), pdf("산출근거.pdf")]},
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == S.SUBMITTED
    assert sorted(proposal.attachments.values_list("original_name", flat=True)) == ["산출근거.pdf", "위치도.pdf"]
    assert proposal.events.get(action="resubmit").note == "위치도를 붙였습니다"


def test_a_refused_file_keeps_the_proposal_waiting(login, cast):
    proposal = proposal_in(cast, S.INFO_REQUESTED)
    bad = SimpleUploadedFile("악성.pdf", b"MZ\x90\x00", content_type="application/pdf")
    response = login("official").post(
        reverse("proposal-action", args=[proposal.pk, "resubmit"]), {"note": "보완", "files": [bad]}
    )
    assert response.status_code == 400
    proposal.refresh_from_db()
    assert proposal.status == S.INFO_REQUESTED and not proposal.attachments.exists()


def test_new_proposal_uploads_files_with_the_draft(login, cast):
    response = login("official").post(
        reverse("proposal-new"), {**form_data(cast, intent="draft"), "files": [pdf("사업계획서.pdf")]}
    )
    assert response.status_code == 302
    proposal = Proposal.objects.get(title="춘천 도심융합특구 지정 건의")
    assert list(proposal.attachments.values_list("original_name", flat=True)) == ["사업계획서.pdf"]


def test_new_proposal_form_shows_similar_proposals_before_the_buttons(login, cast):
    html = login("official").get(reverse("proposal-new")).content.decode()
    assert 'enctype="multipart/form-data"' in html and 'name="files"' in html
    assert html.index('id="similar-title"') < html.index('name="intent" value="submit"')
