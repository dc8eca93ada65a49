"""A consulted organisation's members read the proposal they are asked about — body,
attachments, their question — while the consultation is open and after; nobody else
gains anything (``proposals.read_consulted_proposal``, tested both ways)."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.proposals.attachments import attachment_add
from apps.proposals.models import ProposalStatus as S
from apps.proposals.services import consultation_request, consultation_respond
from tests.proposals.support import proposal_in

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def consulted(cast):
    proposal = proposal_in(cast, S.IN_REVIEW)
    type(proposal).objects.filter(pk=proposal.pk).update(body="## 배경\n\n**본문 마커**")
    attachment = attachment_add(
        proposal=proposal,
        actor=cast["official"],
        upload=SimpleUploadedFile("위치도.pdf", PDF, content_type="application/pdf"),
    )
    organisation = cast["advisor"].memberships.get().organisation
    consultation = consultation_request(
        proposal=proposal,
        actor=cast["lead_reviewer"],
        organisation=organisation,
        question="입지 타당성 의견을 주십시오",
        due_at=datetime.date.today() + datetime.timedelta(days=10),
    )
    return proposal, attachment, consultation


def test_the_consulted_read_body_attachments_and_question_while_open_and_after(login, cast):
    proposal, attachment, consultation = consulted(cast)
    advisor = login("advisor")
    page = advisor.get(reverse("proposal-detail", args=[proposal.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "<strong>본문 마커</strong>" in html and "입지 타당성 의견을 주십시오" in html
    assert "위치도.pdf" in html
    download = reverse("proposal-attachment-download", args=[proposal.pk, attachment.pk])
    response = advisor.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    # Not the record: no internal notes, no action forms, no comments.
    assert 'id="timeline"' not in html and "proposal-action" not in html

    consultation_respond(consultation=consultation, actor=cast["advisor"], answer="타당합니다")
    after = advisor.get(reverse("proposal-detail", args=[proposal.pk])).content.decode()
    assert "타당합니다" in after and "<strong>본문 마커</strong>" in after


def test_members_of_other_organisations_are_refused(login, cast):
    proposal, attachment, _ = consulted(cast)
    institution = login("institution")
    assert institution.get(reverse("proposal-detail", args=[proposal.pk])).status_code == 404
    download = reverse("proposal-attachment-download", args=[proposal.pk, attachment.pk])
    assert institution.get(download).status_code == 404


def test_the_rule_allows_only_the_consulted(cast):
    proposal, _, _ = consulted(cast)
    assert cast["advisor"].has_perm("proposals.read_consulted_proposal", proposal)
    assert not cast["institution"].has_perm("proposals.read_consulted_proposal", proposal)
    assert not cast["forum_member"].has_perm("proposals.read_consulted_proposal", proposal)
    # It is not a licence to the record: comments and the timeline stay with view_proposal.
    assert not cast["advisor"].has_perm("proposals.view_proposal", proposal)
