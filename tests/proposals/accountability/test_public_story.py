"""The public page tells the whole story (issue 17 §2, §5): step indicator, 소관부서
재지정, following (signed in; e-mail with double opt-in and one-click unsubscribe), the
per-proposal Atom feed, the accountability page, ratings and evaluations."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from rest_framework.test import APIClient

from apps.notifications.models import Kind, Notification
from apps.proposals.models import Follow, Proposal
from apps.proposals.models import ProposalStatus as S
from apps.proposals.services import TransitionConflict
from tests.proposals.support import fire, proposal_in

pytestmark = pytest.mark.django_db


def public_page(proposal, client=None) -> str:
    return (client or Client()).get(f"/public/proposals/{proposal.pk}/").content.decode()


def test_the_step_indicator_shows_the_current_step_and_its_d_day(cast):
    proposal = proposal_in(cast, S.IN_REVIEW)
    page = public_page(proposal)
    assert 'aria-current="step"' in page
    current = re.search(r'is-current" aria-current="step">\s*<span class="site-step-label">([^<]+)<', page)
    assert current.group(1) == "검토"
    days = (proposal.due_at - datetime.date.today()).days
    assert f"D-{days}" in page or "D-day" in page


def test_a_decline_reads_as_reassigned_in_public_without_the_internal_note(cast):
    proposal = proposal_in(cast, S.ASSIGNED)
    proposal = fire(cast, proposal, "lead_reviewer", "decline", note="우리 과 소관 아님-내부메모")
    fire(cast, proposal, "tf_staff", "assign", lead_department="도시재생과")

    page = public_page(proposal)
    assert page.count("소관부서 배정") == 1
    assert "소관부서 재지정" in page
    assert "내부메모" not in page


def test_a_signed_in_person_follows_and_hears_of_public_events(cast):
    proposal = proposal_in(cast, S.IN_PROGRESS)
    follower = cast["other_official"]  # sees it only as the public does
    api = APIClient()
    api.force_authenticate(follower)

    assert api.post(f"/api/v1/proposals/{proposal.pk}/follow/").json() == {"proposal": proposal.pk, "following": True}
    fire(cast, proposal, "lead_reviewer", "add_milestone", title="착공", planned_for=datetime.date(2030, 1, 1))
    notice = Notification.objects.get(kind=Kind.FOLLOWED_UPDATE, recipient=follower)
    assert "추진 단계 등록" in notice.title and "착공" in notice.body

    assert api.delete(f"/api/v1/proposals/{proposal.pk}/follow/").status_code == 204
    assert not Follow.objects.exists()
    assert APIClient().post(f"/api/v1/proposals/{proposal.pk}/follow/").status_code == 401


def test_a_private_proposal_cannot_be_followed_by_outsiders(cast):
    proposal = proposal_in(cast, S.SUBMITTED)
    Proposal.objects.filter(pk=proposal.pk).update(is_public=False)
    api = APIClient()
    api.force_authenticate(cast["other_official"])
    assert api.post(f"/api/v1/proposals/{proposal.pk}/follow/").status_code == 404
    insider = APIClient()
    insider.force_authenticate(cast["official"])
    assert insider.post(f"/api/v1/proposals/{proposal.pk}/follow/").status_code == 200


def test_anonymous_follow_needs_confirmation_and_unsubscribes_in_one_click(
    cast, mailoutbox, django_capture_on_commit_callbacks
):
    proposal = proposal_in(cast, S.IN_PROGRESS)
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/public/proposals/{proposal.pk}/follow/", {"email": "Citizen@Example.kr"})
    assert len(mailoutbox) == 1
    confirm_url = re.search(r"https?://\S+/public/follow/confirm/\S+/", mailoutbox[0].body).group(0)

    with django_capture_on_commit_callbacks(execute=True):
        fire(cast, proposal, "lead_reviewer", "add_milestone", title="설계", planned_for=datetime.date(2030, 1, 1))
    assert len(mailoutbox) == 1, "nothing before the address is confirmed"

    path = confirm_url.split("://", 1)[1].split("/", 1)[1]
    assert "확인" in client.get(f"/{path}").content.decode()
    assert client.post(f"/{path}").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        fire(cast, proposal, "lead_reviewer", "add_milestone", title="착공", planned_for=datetime.date(2031, 1, 1))
    update = mailoutbox[-1]
    assert update.to == ["citizen@example.kr"] and "착공" in update.body
    unsubscribe = update.extra_headers["List-Unsubscribe"].strip("<>")
    assert update.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    one_click = Client(enforce_csrf_checks=True)
    assert one_click.post("/" + unsubscribe.split("://", 1)[1].split("/", 1)[1]).status_code == 200
    assert not Follow.objects.exists()


def test_a_bad_email_is_refused_in_korean(cast):
    proposal = proposal_in(cast, S.IN_PROGRESS)
    response = Client().post(f"/public/proposals/{proposal.pk}/follow/", {"email": "not-an-address"}, follow=True)
    assert "올바른 이메일 주소를 입력해 주세요." in response.content.decode()
    assert not Follow.objects.exists()


def test_the_proposal_feed_is_its_public_timeline(cast):
    proposal = proposal_in(cast, S.DECIDED)
    response = Client().get(f"/public/proposals/{proposal.pk}/feed.atom")
    body = response.content.decode()
    assert response.status_code == 200 and body.startswith("<?xml")
    assert "검토결과 결정" in body and "타당함" not in body  # the internal decision note stays inside
    assert Client().get("/public/proposals/999999/feed.atom").status_code == 404


def test_the_accountability_page_lists_accepted_proposals_with_late_milestones(cast):
    proposal = proposal_in(cast, S.IN_PROGRESS, title="강원 철도 건의")
    fire(cast, proposal, "lead_reviewer", "add_milestone", title="기본계획", planned_for=datetime.date(2020, 1, 1))
    proposal_in(cast, S.IN_REVIEW, title="검토중인 건의")

    page = Client().get("/public/accountability/").content.decode()
    assert "강원 철도 건의" in page and "검토중인 건의" not in page
    assert "지연 1" in page
    assert "강원 철도 건의" not in Client().get("/public/accountability/?region=26").content.decode()


def test_the_region_rates_and_the_tf_evaluates_once_each(cast):
    proposal = proposal_in(cast, S.COMPLETED)
    with pytest.raises(PermissionDenied):
        fire(cast, proposal, "tf_staff", "rate", score=5)
    fire(cast, proposal, "official", "rate", score=4, note="신속했습니다.")
    with pytest.raises(TransitionConflict, match="한 번만"):
        fire(cast, proposal, "vice_governor", "rate", score=1)
    with pytest.raises(PermissionDenied):
        fire(cast, proposal, "official", "evaluate", indicator="x", value="1", source="y", note="z")
    fire(
        cast, proposal, "tf_staff", "evaluate", indicator="반영 예산(억원)", value="120", source="예산서", note="착공함"
    )

    page = public_page(proposal)
    assert "만족도와 성과" in page and "신속했습니다." in page and "반영 예산(억원)" in page
    stats = APIClient().get("/api/v1/public/stats/").json()["totals"]
    assert (stats["ratings"], stats["satisfaction_average"], stats["evaluations"]) == (1, 4.0, 1)
