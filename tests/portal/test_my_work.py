"""The "내 할 일" page: where a signed-in person lands, with what waits for them."""

import datetime

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.meetings.my_work import meeting_work
from apps.proposals.models import Consultation
from apps.proposals.models import ProposalStatus as S
from apps.proposals.my_work import ITEMS_SHOWN, proposal_work
from apps.proposals.queues import queue_rows
from tests.proposals.support import fire, new_draft, proposal_in


def sections_of(html: str) -> str:
    return html.split('id="page-title"', 1)[1]


def test_signing_in_lands_on_my_work(client, cast):
    user = cast["official"]
    user.set_password("pass-1234!")
    user.save()
    response = client.post(reverse("login"), {"username": user.username, "password": "pass-1234!"})
    assert response["Location"] == reverse("my-work")


def test_my_work_needs_a_signed_in_person(client):
    response = client.get(reverse("my-work"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_vice_governor_sees_proposals_awaiting_endorsement(login, cast):
    waiting = proposal_in(cast, S.AWAITING_ENDORSEMENT, title="설악권 관광도로 건의")
    html = login("vice_governor").get(reverse("my-work")).content.decode()
    assert "<h1" in html and ">내 할 일</h1>" in html
    section = html.split('id="work-endorse"', 1)[1].split("</section>", 1)[0]
    assert reverse("proposal-detail", args=[waiting.pk]) in section
    assert "설악권 관광도로 건의" in section


def test_official_sees_returned_info_requested_and_drafts_apart(login, cast):
    returned = fire(
        cast,
        proposal_in(cast, S.AWAITING_ENDORSEMENT, title="반려된 과제"),
        "vice_governor",
        "return",
        note="예산 근거가 없습니다",
    )
    asked = proposal_in(cast, S.INFO_REQUESTED, title="보완요청 과제")
    draft = new_draft(cast, title="새로 쓰는 과제")
    sections = {section.key: section for section in proposal_work(cast["official"])}

    assert [item.title for item in sections["returned"].items] == [returned.title]
    assert [item.title for item in sections["info-requested"].items] == [asked.title]
    assert [item.title for item in sections["drafts"].items] == [draft.title]


def test_reviewer_sees_overdue_and_due_soon_with_d_days(login, cast):
    overdue = proposal_in(cast, S.IN_REVIEW, title="기한 지난 과제")
    type(overdue).objects.filter(pk=overdue.pk).update(due_at=datetime.date.today() - datetime.timedelta(days=2))
    html = login("lead_reviewer").get(reverse("my-work")).content.decode()
    section = html.split('id="work-overdue"', 1)[1].split("</section>", 1)[0]
    assert "기한 지난 과제" in section
    assert ">D+2<" in section and "2일 지남" in section


def test_tf_sees_proposals_to_triage_and_overdue_consultations(login, cast):
    submitted = proposal_in(cast, S.SUBMITTED, title="접수된 과제")
    consulted = proposal_in(cast, S.IN_REVIEW, title="자문 과제")
    Consultation.objects.create(
        proposal=consulted,
        organisation=cast["advisor"].memberships.first().organisation,
        question="의견을 주세요",
        due_at=datetime.date.today() - datetime.timedelta(days=1),
        requested_by=cast["lead_reviewer"],
    )
    sections = {section.key: section for section in proposal_work(cast["tf_staff"])}
    assert [item.title for item in sections["triage"].items] == [submitted.title]
    assert [item.title for item in sections["consultations-overdue"].items] == [consulted.title]


def test_advisor_sees_open_consultations_of_their_organisation(login, cast):
    consulted = proposal_in(cast, S.IN_REVIEW, title="자문 과제")
    Consultation.objects.create(
        proposal=consulted,
        organisation=cast["advisor"].memberships.first().organisation,
        question="의견을 주세요",
        due_at=datetime.date.today() + datetime.timedelta(days=3),
        requested_by=cast["lead_reviewer"],
    )
    html = login("advisor").get(reverse("my-work")).content.decode()
    section = html.split('id="work-consultations"', 1)[1].split("</section>", 1)[0]
    assert "자문 과제" in section and ">D-3<" in section
    # Someone else's organisation is not asked: no consultation section for the institution.
    assert [s.items for s in proposal_work(cast["institution"])] == [[]]


def test_counts_are_the_queue_counts(login, cast):
    for number in range(ITEMS_SHOWN + 3):
        proposal_in(cast, S.SUBMITTED, title=f"접수 {number}")
    section = next(s for s in proposal_work(cast["tf_staff"]) if s.key == "triage")
    _, triage = queue_rows(cast["tf_staff"], "proposal-triage", {})
    assert section.count == triage.count() == ITEMS_SHOWN + 3
    assert len(section.items) == ITEMS_SHOWN


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("my-work")).status_code == 200
    return len(captured)


def test_my_work_query_count_does_not_grow_with_the_rows(login, cast):
    client = login("tf_staff")
    proposal_in(cast, S.SUBMITTED, title="접수 하나")
    few = _queries(client)
    for number in range(ITEMS_SHOWN * 2):
        proposal_in(cast, S.SUBMITTED, title=f"접수 {number}")
    assert _queries(client) == few


def test_meeting_sections_only_for_people_who_meet(cast):
    assert meeting_work(cast["advisor"]) == []
    assert [s.key for s in meeting_work(cast["tf_staff"])] == ["meetings", "minutes"]


def test_my_work_reads_my_work_in_english(login, cast):
    client = login("official")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("my-work")).content.decode()
    assert ">My work</h1>" in html
