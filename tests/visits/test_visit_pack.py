"""The council visit pack (HWPX and PDF) and the commitments tracked after the meeting."""

import datetime
import io

import pytest
from django.urls import reverse
from hwpx import TextExtractor, validate_package
from pypdf import PdfReader

from apps.meetings.models import MeetingStatus as M
from apps.proposals.models import ProposalStatus as S
from apps.visits.models import Commitment
from tests.meetings.support import MeetingCast, at, make_meeting
from tests.proposals.support import fire, proposal_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    return MeetingCast()


@pytest.fixture
def visit(cast, client):
    """강원: a council meeting held 30 days ago with a commitment, proposals since, and the
    next meeting to prepare for."""
    previous = make_meeting(cast, status=M.HELD, starts_at=at(days=-30), title="강원 지역협의회 제1차")
    client.force_login(cast["tf_staff"])
    response = client.post(
        reverse("visits-meeting-commitments", args=[previous.pk]),
        {"title": "동서고속화철도 연계 광역철도 타당성 재검토", "owner": "철도정책과", "due_at": "2026-12-20"},
    )
    assert response.status_code == 302
    open_item = proposal_in(cast, S.SUBMITTED, "강릉 개발제한구역 해제 건의")
    decided = proposal_in(cast, S.DECIDED, "춘천 도심융합특구 지정")
    followup = fire(
        cast,
        proposal_in(cast, S.DECIDED, "원주 기업혁신파크 진입도로"),
        "lead_reviewer",
        "start_followup",
        planned_for=datetime.date.today() + datetime.timedelta(days=30),
    )
    upcoming = make_meeting(cast, status=M.SCHEDULED, starts_at=at(days=10), title="강원 지역협의회 제2차")
    return {"previous": previous, "meeting": upcoming, "open": open_item, "decided": decided, "followup": followup}


def test_the_pack_opens_as_valid_hwpx_with_the_expected_items(cast, client, visit):
    response = client.get(reverse("visits-pack", args=[visit["meeting"].pk, "hwpx"]))

    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    report = validate_package(io.BytesIO(response.content))
    assert report.ok, report
    text = "".join(TextExtractor(io.BytesIO(response.content)).extract_text().split())
    for expected in ("강원특별자치도지역협의회방문자료", visit["open"].reference, "접수", "D-",
                     visit["decided"].reference, "수용", "동서고속화철도연계광역철도타당성재검토", "철도정책과",
                     "진행중", visit["followup"].reference, "추진예정일"):  # fmt: skip
        assert expected in text, expected


def test_the_pack_opens_as_pdf_with_the_expected_items(cast, client, visit):
    response = client.get(reverse("visits-pack", args=[visit["meeting"].pk, "pdf"]))

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    # The extractor returns the CID font's text with NULs between characters: drop them.
    text = "".join("".join(page.extract_text().replace("\x00", "").split()) for page in reader.pages)
    for expected in ("지역협의회방문자료", visit["open"].reference, visit["decided"].reference, "수용",
                     "동서고속화철도연계광역철도타당성재검토", "진행중"):  # fmt: skip
        assert expected in text, expected


def test_commitments_are_tracked_to_closure_on_the_regions_page(cast, client, visit):
    page = client.get(reverse("visits-region", args=["51"])).content.decode()
    assert "이행 중인 약속 1건" in page and "철도정책과" in page
    commitment = Commitment.objects.get()

    client.post(reverse("visits-commitment-close", args=[commitment.pk]), {"state": "done", "note": "재검토 착수"})

    commitment.refresh_from_db()
    assert commitment.state == Commitment.State.DONE and commitment.closing_note == "재검토 착수"
    page = client.get(reverse("visits-region", args=["51"])).content.decode()
    assert "이행 중인 약속 0건" in page and "재검토 착수" in page
    # The region's people follow it too; another region's do not.
    client.force_login(cast["official"])
    assert client.get(reverse("visits-region", args=["51"])).status_code == 200
    client.force_login(cast["other_official"])
    assert client.get(reverse("visits-region", args=["51"])).status_code == 403


def test_only_meeting_managers_prepare_packs_and_record_commitments(cast, client, visit):
    meeting = visit["meeting"]
    for name in ("official", "lead_reviewer", "vice_governor"):
        client.force_login(cast[name])
        assert client.get(reverse("visits-pack", args=[meeting.pk, "pdf"])).status_code == 403
        assert client.get(reverse("visits-meeting-commitments", args=[meeting.pk])).status_code == 403
    client.force_login(cast["admin"])
    assert client.get(reverse("visits-pack", args=[meeting.pk, "hwpx"])).status_code == 200


def test_a_commitment_needs_a_held_meeting(cast, client, visit):
    client.force_login(cast["tf_staff"])
    response = client.post(
        reverse("visits-meeting-commitments", args=[visit["meeting"].pk]),
        {"title": "약속", "owner": "국토정책과", "due_at": datetime.date(2027, 1, 1).isoformat()},
    )
    assert response.status_code == 400 and "회의를 개최한 뒤에" in response.content.decode()
