"""Follow-up plans with dated milestones (issue 17 §1, §7): the API, progress derived
from the milestones, late flags in public, reminders once per occasion."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from rest_framework.test import APIClient

from apps.notifications import services
from apps.notifications.models import Kind, Notification
from apps.proposals.models import Milestone
from apps.proposals.models import ProposalStatus as S
from tests.notifications.support import NotifyCast
from tests.proposals.support import fire, proposal_in

pytestmark = pytest.mark.django_db
SEOUL = ZoneInfo("Asia/Seoul")


def at(month, day, hour=7, minute=30):
    return datetime.datetime(2027, month, day, hour, minute, tzinfo=SEOUL)


def api(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def clock():
    with time_machine.travel(at(3, 2, 10), tick=False) as traveller:
        yield traveller


@pytest.fixture
def cast(clock):
    return NotifyCast()


def add(cast, proposal, planned_for, title="기본계획 수립", actor="lead_reviewer"):
    _proposal = fire(cast, proposal, actor, "add_milestone", title=title, kind="plan", planned_for=planned_for)
    return Milestone.objects.filter(proposal=proposal).latest("pk")


def test_the_owner_adds_milestones_through_the_api_and_progress_follows_them(cast):
    proposal = proposal_in(cast, S.IN_PROGRESS)
    url = f"/api/v1/proposals/{proposal.pk}/milestones/"
    body = {"title": "예산: 부처 요구", "kind": "budget_request", "planned_for": "2027-05-31", "note": "기재부 요구"}

    created = api(cast["lead_reviewer"]).post(url, body, format="json")

    assert created.status_code == 201, created.content
    assert created.json()["department"] == "녹색도시과"  # the lead department unless given
    assert (created.json()["state"], created.json()["late"]) == ("planned", False)
    second = api(cast["tf_staff"]).post(url, {**body, "title": "정부안", "planned_for": "2027-08-31"}, format="json")
    assert second.status_code == 201
    done = api(cast["lead_reviewer"]).patch(
        f"/api/v1/milestones/{created.json()['id']}/", {"done_on": "2027-03-02"}, format="json"
    )
    assert done.status_code == 200, done.content
    assert done.json()["state"] == "done"
    proposal.refresh_from_db()
    assert proposal.progress == 50  # one of two milestones done
    listed = api(cast["official"]).get(url)
    assert [row["title"] for row in listed.json()] == ["예산: 부처 요구", "정부안"]


def test_milestone_permissions_both_ways(cast):
    proposal = proposal_in(cast, S.IN_PROGRESS)
    url = f"/api/v1/proposals/{proposal.pk}/milestones/"
    body = {"title": "착공", "planned_for": "2027-05-31"}

    assert api(cast["official"]).post(url, body, format="json").status_code == 403
    assert api(cast["other_reviewer"]).post(url, body, format="json").status_code == 404
    assert api().post(url, body, format="json").status_code == 401
    milestone = add(cast, proposal, datetime.date(2027, 5, 31))
    patch = api(cast["official"]).patch(f"/api/v1/milestones/{milestone.pk}/", {"progress": 10}, format="json")
    assert patch.status_code == 403
    assert (
        api(cast["other_official"]).patch(f"/api/v1/milestones/{milestone.pk}/", {}, format="json").status_code == 404
    )


def test_no_plan_before_an_accepting_decision(cast):
    proposal = proposal_in(cast, S.IN_REVIEW)
    response = api(cast["lead_reviewer"]).post(
        f"/api/v1/proposals/{proposal.pk}/milestones/", {"title": "착공", "planned_for": "2027-05-31"}, format="json"
    )
    assert response.status_code == 409


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"planned_for": "2027-05-31"}, "title"),
        ({"title": "착공"}, "planned_for"),
        ({"title": "x", "planned_for": "9999-01-01"}, "planned_for"),
    ],
)
def test_bad_milestones_are_400(cast, body, field):
    proposal = proposal_in(cast, S.IN_PROGRESS)
    response = api(cast["lead_reviewer"]).post(f"/api/v1/proposals/{proposal.pk}/milestones/", body, format="json")
    assert response.status_code == 400
    assert field in response.json()


def test_a_milestone_past_its_date_is_flagged_publicly_and_reminded_exactly_once(cast, clock):
    proposal = proposal_in(cast, S.IN_PROGRESS)
    milestone = add(cast, proposal, datetime.date(2027, 3, 10))

    clock.move_to(at(3, 5))  # Fri: 3 business days before (8, 9, 10)
    services.send_deadline_reminders()
    assert cast.heard(Kind.MILESTONE_DUE_SOON, proposal) == {"lead_reviewer", "tf_staff"}

    clock.move_to(at(3, 11))
    public = api().get(f"/api/v1/public/proposals/{proposal.pk}/").json()
    assert public["milestones"][0]["late"] is True
    assert public["milestones"][0]["state"] == "late"
    assert api().get(f"/api/v1/public/proposals/{proposal.pk}/milestones/").json()[0]["late"] is True
    assert "지연" in api().get(f"/public/proposals/{proposal.pk}/").content.decode()

    services.send_deadline_reminders()
    assert cast.heard(Kind.MILESTONE_LATE, proposal) == {"lead_reviewer", "tf_staff"}
    for day in (12, 15, 16):
        clock.move_to(at(3, day))
        services.send_deadline_reminders()
    assert Notification.objects.filter(kind=Kind.MILESTONE_LATE).count() == 2  # once per person

    milestone.refresh_from_db()
    fire(
        cast, proposal, "lead_reviewer", "update_milestone", milestone=milestone.pk, done_on=datetime.date(2027, 3, 16)
    )
    row = api().get(f"/api/v1/public/proposals/{proposal.pk}/milestones/").json()[0]
    assert (row["state"], row["late"]) == ("done_late", True)


def test_the_public_page_of_a_proposal_without_milestones_still_renders(cast):
    proposal = proposal_in(cast, S.IN_PROGRESS)
    assert api().get(f"/api/v1/public/proposals/{proposal.pk}/").json()["milestones"] == []
