"""GET ``proposals/{id}/events/``: the timeline, with other bodies' internal notes hidden
from people without ``proposals.view_internal_notes`` (DESIGN.md §2)."""

import pytest

from apps.organisations.models import PartnerOrganisation
from apps.proposals import services
from apps.proposals.models import ProposalStatus as S

from .conftest import BUSAN, LEAD, future

pytestmark = pytest.mark.django_db


def events_url(proposal) -> str:
    return f"/api/v1/proposals/{proposal.pk}/events/"


@pytest.fixture
def reviewed(people, flow):
    """A proposal with notes from the region, the TF, the department and an advisor."""
    proposal = flow.make(S.DRAFT)
    fire = services.proposal_fire
    proposal = fire(proposal=proposal, actor=people.official(), action="submit", note="지역 메모")
    proposal = fire(proposal=proposal, actor=people.vice_governor(), action="endorse", note="부지사 확인")
    proposal = fire(proposal=proposal, actor=people.tf, action="request_info", note="위치도를 보완해 주세요")
    proposal = fire(proposal=proposal, actor=people.official(), action="resubmit", note="보완했습니다")
    proposal = fire(proposal=proposal, actor=people.tf, action="assign", lead_department=LEAD, note="TF 내부 메모")
    proposal = fire(proposal=proposal, actor=people.reviewer, action="start_review", note="부서 내부 메모")
    consultation = services.consultation_request(
        proposal=proposal,
        actor=people.reviewer,
        organisation=PartnerOrganisation.objects.get(code="KRIHS"),
        question="자문 질의",
    )
    services.consultation_respond(consultation=consultation, actor=people.advisor, answer="자문 회신")
    proposal = fire(
        proposal=proposal,
        actor=people.reviewer,
        action="extend",
        due_at=future(200),
        note="관계기관 협의로 연장합니다",
    )
    return fire(
        proposal=proposal,
        actor=people.reviewer,
        action="decide",
        outcome="not_accepted",
        decision_summary="법령상 어렵습니다",
        note="내부 검토 의견(비공개)",
    )


def notes(response) -> dict[str, str | None]:
    assert response.status_code == 200, response.content
    return {event["action"]: event["note"] for event in response.json()["results"]}


def test_timeline_is_in_order_with_fields(client_for, people, reviewed):
    data = client_for(people.tf).get(events_url(reviewed)).json()
    assert set(data) == {"count", "next", "previous", "results"}
    actions = [event["action"] for event in data["results"]]
    assert actions == [
        "create", "submit", "endorse", "request_info", "resubmit", "assign", "start_review", "consult",
        "consultation_answered", "extend", "decide",
    ]  # fmt: skip
    first = data["results"][0]
    assert set(first) == {
        "id",
        "action",
        "actor",
        "from_status",
        "to_status",
        "note",
        "payload",
        "is_public",
        "created_at",
    }
    assert first["actor"] == people.official().name
    assert data["results"][5]["payload"] == {
        "lead_department": LEAD,
        "due_at": data["results"][5]["payload"]["due_at"],
    }


@pytest.mark.parametrize("viewer", ["tf", "reviewer", "tf_lead"])
def test_internal_readers_see_every_note(client_for, people, reviewed, viewer):
    seen = notes(client_for(getattr(people, viewer)).get(events_url(reviewed)))
    assert seen["assign"] == "TF 내부 메모"
    assert seen["start_review"] == "부서 내부 메모"
    assert seen["decide"] == "내부 검토 의견(비공개)"
    assert seen["consult"] == "자문 질의"
    assert seen["consultation_answered"] == "자문 회신"


@pytest.mark.parametrize("viewer", ["official", "vice_governor", "liaison"])
def test_region_sees_its_own_notes_and_those_addressed_to_it_only(client_for, people, reviewed, viewer):
    user = getattr(people, viewer)
    user = user() if callable(user) else user
    seen = notes(client_for(user).get(events_url(reviewed)))
    assert seen["submit"] == "지역 메모"
    assert seen["endorse"] == "부지사 확인"
    assert seen["request_info"] == "위치도를 보완해 주세요"
    assert seen["resubmit"] == "보완했습니다"
    assert seen["extend"] == "관계기관 협의로 연장합니다"
    for internal in ("assign", "start_review", "consult", "consultation_answered", "decide"):
        assert seen[internal] is None, internal


def test_region_still_sees_the_public_decision_summary(client_for, people, reviewed):
    timeline = client_for(people.official()).get(events_url(reviewed)).json()["results"]
    decide = next(event for event in timeline if event["action"] == "decide")
    assert decide["payload"]["decision_summary"] == "법령상 어렵습니다"
    assert decide["note"] is None


def test_timeline_of_another_regions_draft_is_404(client_for, people, flow):
    busan_draft = flow.make(region=BUSAN)
    response = client_for(people.official()).get(events_url(busan_draft))
    assert response.status_code == 404
    assert response.json() == {"detail": "찾을 수 없습니다."}


def test_timeline_is_404_for_a_consulted_organisation(client_for, people, reviewed):
    assert client_for(people.advisor).get(events_url(reviewed)).status_code == 404


def test_timeline_anonymous_is_401(api_client, reviewed):
    assert api_client.get(events_url(reviewed)).status_code == 401


def test_timeline_system_event_has_no_actor(client_for, people, flow):
    proposal = flow.make(S.IN_REVIEW)
    proposal = services.proposal_fire(
        proposal=proposal,
        actor=people.reviewer,
        action="decide",
        outcome="long_term",
        decision_summary="중장기 검토",
        note="내부",
    )
    proposal.rereview_at = future(-1)
    proposal.save(update_fields=["rereview_at"])
    services.proposal_reopen_for_rereview(proposal=proposal)
    timeline = client_for(people.official()).get(events_url(proposal)).json()["results"]
    assert timeline[-1]["action"] == "rereview"
    assert timeline[-1]["actor"] is None
    assert timeline[-1]["note"]
