"""Consultation and review deadlines that hold (issue 17 §3): reminders and overdue
lists, several replies with files, editing until read, explicit closing; the reviewer's
information request pausing the review clock; ad-hoc holidays moving deadlines."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import Client
from django.urls import reverse

from apps.core.business_days import add_business_days
from apps.core.models import Holiday
from apps.notifications import services as notifications
from apps.notifications.models import Kind
from apps.organisations.models import PartnerOrganisation
from apps.proposals import selectors
from apps.proposals.models import Consultation, Proposal
from apps.proposals.models import ProposalStatus as S
from apps.proposals.services import TransitionConflict, consultation_request, consultation_respond
from apps.proposals.services.consultations import consultation_mark_read, consultation_reply_edit
from apps.proposals.services.firing import available_actions
from tests.notifications.support import NotifyCast
from tests.proposals.support import fire, proposal_in

pytestmark = pytest.mark.django_db
SEOUL = ZoneInfo("Asia/Seoul")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def at(month, day, hour=7, minute=30):
    return datetime.datetime(2027, month, day, hour, minute, tzinfo=SEOUL)


@pytest.fixture
def clock():
    with time_machine.travel(at(3, 2, 10), tick=False) as traveller:
        yield traveller


@pytest.fixture
def cast(clock):
    return NotifyCast()


def consulted(cast, due=datetime.date(2027, 3, 9)):
    proposal = proposal_in(cast, S.IN_REVIEW)
    return consultation_request(
        proposal=proposal,
        actor=cast["lead_reviewer"],
        organisation=PartnerOrganisation.objects.get(code="KRIHS"),
        question="입지 타당성?",
        due_at=due,
    )


def page(user, name, *args) -> str:
    client = Client()
    client.force_login(user)
    return client.get(reverse(name, args=args)).content.decode()


def test_a_consultation_past_due_is_reminded_and_listed_as_overdue(cast, clock):
    consultation = consulted(cast)
    proposal = consultation.proposal

    clock.move_to(at(3, 4))  # Thu: 3 business days before the 9th (5, 8, 9)
    notifications.send_deadline_reminders()
    assert cast.heard(Kind.CONSULTATION_DUE_SOON, proposal) == {"advisor"}

    clock.move_to(at(3, 10))
    notifications.send_deadline_reminders()
    notifications.send_deadline_reminders()  # a rerun adds nothing
    assert cast.heard(Kind.CONSULTATION_OVERDUE, proposal) == {"advisor", "lead_reviewer"}
    assert len(cast.heard(Kind.CONSULTATION_OVERDUE, proposal)) == 2
    assert [c.pk for c in selectors.overdue_work(cast["tf_staff"])["consultations"]] == [consultation.pk]
    assert "입지 타당성" not in page(cast["tf_staff"], "proposal-triage")  # the question stays on its page
    assert "회신 기한이 지난 자문" in page(cast["tf_staff"], "proposal-triage")
    assert "회신 기한이 지난 자문" in page(cast["lead_reviewer"], "proposal-inbox")
    assert selectors.overdue_work(cast["other_reviewer"])["consultations"] == []

    fire(cast, proposal, "lead_reviewer", "close_consultation", consultation=consultation.pk)
    assert selectors.overdue_work(cast["tf_staff"])["consultations"] == []


def test_several_members_answer_with_files_until_it_is_closed(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    consultation = consulted(cast)
    colleague = cast.people["advisor"].__class__.objects.create_user("advisor2", "a2@example.kr", "pw-1234!x")
    from apps.accounts.models import Membership

    Membership.objects.create(
        user=colleague, role="advisor", organisation=consultation.organisation, valid_from=datetime.date(2027, 3, 1)
    )

    consultation_respond(
        consultation=consultation,
        actor=cast["advisor"],
        answer="타당합니다.",
        files=[SimpleUploadedFile("검토의견.pdf", PDF, content_type="application/pdf")],
    )
    consultation_respond(consultation=consultation, actor=colleague, answer="보충: 교통 영향 검토 필요")
    consultation.refresh_from_db()
    assert consultation.state == Consultation.State.ANSWERED
    assert [reply.body for reply in consultation.replies.all()] == ["타당합니다.", "보충: 교통 영향 검토 필요"]
    assert consultation.replies.first().files.get().original_name == "검토의견.pdf"
    staff_page = page(cast["lead_reviewer"], "proposal-detail", consultation.proposal_id)
    assert "검토의견.pdf" in staff_page and "보충: 교통 영향 검토 필요" in staff_page

    fire(cast, consultation.proposal, "lead_reviewer", "close_consultation", consultation=consultation.pk)
    consultation.refresh_from_db()
    assert consultation.state == Consultation.State.CLOSED
    with pytest.raises(TransitionConflict, match="종결된 자문"):
        consultation_respond(consultation=consultation, actor=cast["advisor"], answer="늦은 의견")


def test_a_reply_is_editable_by_its_author_until_the_reviewer_reads_it(cast):
    consultation = consulted(cast)
    consultation_respond(consultation=consultation, actor=cast["advisor"], answer="초안")
    reply = consultation.replies.get()

    with pytest.raises(PermissionDenied):
        consultation_reply_edit(reply=reply, actor=cast["lead_reviewer"], answer="남의 회신")
    edited = consultation_reply_edit(reply=reply, actor=cast["advisor"], answer="고친 회신")
    assert edited.body == "고친 회신"

    assert consultation_mark_read(consultation=consultation, actor=cast["advisor"]) == 0  # not the asking side
    page(cast["lead_reviewer"], "proposal-detail", consultation.proposal_id)  # reading marks it read
    with pytest.raises(TransitionConflict, match="이미 확인한"):
        consultation_reply_edit(reply=reply, actor=cast["advisor"], answer="또 고침")


def test_only_the_reviewers_close_a_consultation(cast):
    consultation = consulted(cast)
    for outsider in ("official", "tf_staff"):  # they see the proposal, may not close
        with pytest.raises(PermissionDenied):
            fire(cast, consultation.proposal, outsider, "close_consultation", consultation=consultation.pk)
    with pytest.raises(Http404):  # the consulted do not see the proposal's page
        fire(cast, consultation.proposal, "advisor", "close_consultation", consultation=consultation.pk)
    fire(cast, consultation.proposal, "lead_reviewer", "close_consultation", consultation=consultation.pk)


def test_a_reviewers_info_request_moves_the_due_date_by_the_days_waited(cast, clock):
    proposal = proposal_in(cast, S.IN_REVIEW)
    due = proposal.due_at

    proposal = fire(cast, proposal, "lead_reviewer", "ask_region", note="사업 구역도를 보내 주세요.")
    assert proposal.status == S.IN_REVIEW and proposal.info_requested_at is not None
    assert cast.heard(Kind.INFO_REQUESTED, proposal) == {"official", "vice_governor"}
    with pytest.raises(TransitionConflict, match="이미 지역에 자료를 요청"):
        fire(cast, proposal, "lead_reviewer", "ask_region", note="또 요청")
    with pytest.raises(PermissionDenied):
        fire(cast, proposal, "tf_staff", "ask_region", note="TF는 검토 중 요청 불가")

    clock.move_to(at(3, 9, 10))  # Tue a week later: 5 business days (3, 4, 5, 8, 9)
    proposal = fire(cast, proposal, "official", "answer_region_request", note="구역도 첨부합니다.")

    assert proposal.due_at == add_business_days(due, 5)
    assert proposal.info_requested_at is None
    assert proposal.events.last().payload["paused_business_days"] == 5
    assert cast.heard(Kind.REGION_ANSWERED, proposal) == {"lead_reviewer"}


def test_a_paused_review_is_not_overdue(cast, clock):
    proposal = proposal_in(cast, S.IN_REVIEW)
    fire(cast, proposal, "lead_reviewer", "ask_region", note="자료 요청")
    clock.move_to(
        datetime.datetime.combine(proposal.due_at, datetime.time(10), tzinfo=SEOUL) + datetime.timedelta(days=3)
    )
    flagged = selectors.with_deadline_flags(type(proposal).objects.filter(pk=proposal.pk)).get()
    assert flagged.is_overdue is False


def test_an_ad_hoc_holiday_moves_every_affected_deadline(cast, client, django_user_model):
    consultation = consulted(cast, due=datetime.date(2027, 3, 12))
    review = consultation.proposal
    triage = proposal_in(cast, S.SUBMITTED, title="접수 대기")
    earlier = proposal_in(cast, S.IN_REVIEW, title="기한이 휴일 전")
    type(earlier).objects.filter(pk=earlier.pk).update(due_at=datetime.date(2027, 3, 4))
    before = {p.pk: type(p).objects.get(pk=p.pk).due_at for p in (review, triage)}
    operator = django_user_model.objects.create_superuser("root", "root@example.go.kr", "pw-1234!")
    client.force_login(operator)

    response = client.post(reverse("admin:core_holiday_add"), {"date": "2027-03-05", "name": "임시공휴일"})

    assert response.status_code == 302
    assert Holiday.objects.get().name == "임시공휴일"
    for proposal in (review, triage):
        proposal.refresh_from_db()
        assert proposal.due_at == add_business_days(before[proposal.pk], 1)
        assert proposal.due_at.weekday() < 5 and proposal.due_at != datetime.date(2027, 3, 5)
    consultation.refresh_from_db()
    assert consultation.due_at == datetime.date(2027, 3, 15)  # Fri 12th → Mon 15th
    earlier.refresh_from_db()
    assert earlier.due_at == datetime.date(2027, 3, 4)  # before the holiday: unchanged
    assert add_business_days(datetime.date(2027, 3, 4), 1) == datetime.date(2027, 3, 8)  # new deadlines skip it
    assert fire(
        cast, proposal_in(cast, S.SUBMITTED, title="새 과제"), "tf_staff", "assign", lead_department="녹색도시과"
    )


def test_closing_is_offered_only_while_a_consultation_is_unclosed(cast):
    reviewer = cast["lead_reviewer"]
    proposal = proposal_in(cast, S.IN_REVIEW)
    assert "close_consultation" not in available_actions(reviewer, proposal)
    with pytest.raises(TransitionConflict, match="종결할 자문이 없습니다"):
        fire(cast, proposal, "lead_reviewer", "close_consultation", consultation=1)

    consultation = consulted(cast)
    assert "close_consultation" in available_actions(reviewer, consultation.proposal)
    fire(cast, consultation.proposal, "lead_reviewer", "close_consultation", consultation=consultation.pk)
    assert "close_consultation" not in available_actions(reviewer, Proposal.objects.get(pk=consultation.proposal_id))
