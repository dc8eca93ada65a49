"""A proposal from draft to completed, driven only through the API with API tokens."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from apps.proposals.templatetags.proposal_tags import action_label

from .conftest import LEAD, future

pytestmark = pytest.mark.django_db


def token_client(user) -> APIClient:
    client = APIClient()
    response = client.post("/api/v1/auth/token/", {"username": user.username, "password": "pass-1234!"}, format="json")
    assert response.status_code == 200
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    return client


def ok(response, status=200):
    assert response.status_code == status, response.content
    return response.json()


def test_draft_to_completed_through_the_api(people):
    official, vice_governor = token_client(people.official()), token_client(people.vice_governor())
    tf, reviewer, advisor = token_client(people.tf), token_client(people.reviewer), token_client(people.advisor)

    proposal = ok(
        official.post(
            "/api/v1/proposals/",
            {"region": "51", "title": "춘천 도심융합특구 지정", "summary": "지정 건의", "category": "urban"},
            format="json",
        ),
        201,
    )
    base = f"/api/v1/proposals/{proposal['id']}"

    def fire(client, action, **body):
        data = ok(client.post(f"{base}/{action}/", body, format="json"))
        return data["status"]

    assert fire(official, "submit", note="제출합니다") == "awaiting_endorsement"
    assert fire(vice_governor, "endorse") == "submitted"
    assert fire(tf, "assign", lead_department=LEAD) == "assigned"
    assert fire(reviewer, "start_review") == "in_review"

    consultation = ok(
        reviewer.post(
            "/api/v1/consultations/",
            {"proposal": proposal["id"], "organisation": "KRIHS", "question": "입지 타당성 의견을 주세요."},
            format="json",
        ),
        201,
    )
    assert consultation["state"] == "open"
    answered = ok(
        advisor.post(
            f"/api/v1/consultations/{consultation['id']}/respond/", {"answer": "타당성이 있습니다."}, format="json"
        )
    )
    assert answered["state"] == "answered"

    planned_for = future(120).isoformat()
    assert (
        fire(
            reviewer,
            "decide",
            outcome="accepted",
            planned_for=planned_for,
            decision_summary="수용하여 추진합니다.",
            note="내부 검토 의견",
        )
        == "decided"
    )
    assert fire(reviewer, "start_followup") == "in_progress"
    assert fire(reviewer, "update_followup", progress=50, milestone="기본계획 수립") == "in_progress"
    assert fire(reviewer, "complete") == "completed"

    final = ok(official.get(f"{base}/"))
    assert (final["status"], final["outcome"], final["progress"], final["planned_for"]) == (
        "completed",
        "accepted",
        100,
        planned_for,
    )
    assert final["available_actions"] == ["rate"]  # the region may rate how it was handled

    timeline = ok(reviewer.get(f"{base}/events/"))
    assert [(e["action"], e["from_status"], e["to_status"]) for e in timeline["results"]] == [
        ("create", "", "draft"),
        ("submit", "draft", "awaiting_endorsement"),
        ("endorse", "awaiting_endorsement", "submitted"),
        ("assign", "submitted", "assigned"),
        ("start_review", "assigned", "in_review"),
        ("consult", "in_review", "in_review"),
        ("consultation_answered", "in_review", "in_review"),
        ("decide", "in_review", "decided"),
        ("start_followup", "decided", "in_progress"),
        ("update_followup", "in_progress", "in_progress"),
        ("complete", "in_progress", "completed"),
    ]
    assert timeline["count"] == 11
    by_action = {e["action"]: e for e in timeline["results"]}
    assert by_action["submit"]["note"] == "제출합니다"
    assert by_action["decide"]["payload"]["outcome"] == "accepted"
    assert by_action["update_followup"]["payload"] == {"progress": 50, "milestone": "기본계획 수립"}
    assert by_action["consultation_answered"]["note"] == "타당성이 있습니다."

    # The web page tells the same story, step by step in the same order.
    browser = Client()
    browser.force_login(people.reviewer)
    html = browser.get(f"/proposals/{proposal['id']}/").content.decode()
    timeline_html = html[html.index('id="timeline"') :]
    positions = [timeline_html.find(f">{action_label(row['action'])}<") for row in timeline["results"]]
    assert -1 not in positions, positions
    assert positions == sorted(positions)
