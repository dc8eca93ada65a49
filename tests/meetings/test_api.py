"""``GET /api/v1/meetings/`` and ``/meetings/{id}/``: scoped, with agenda, never a 500."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.meetings import services
from apps.meetings.models import AgendaItem
from apps.meetings.models import MeetingStatus as M
from apps.proposals.models import ProposalStatus as S
from tests.meetings.support import make_meeting
from tests.proposals.support import proposal_in

pytestmark = pytest.mark.django_db


def test_anonymous_callers_see_public_meetings_with_their_agenda(api_client, cast):
    shown = proposal_in(cast, S.SUBMITTED, title="공개 과제")
    hidden = proposal_in(cast, S.SUBMITTED, title="비공개 과제")
    hidden.__class__.objects.filter(pk=hidden.pk).update(is_public=False)
    meeting = make_meeting(cast, status=M.DRAFTED)
    services.agenda_add(meeting=meeting, actor=cast["tf_staff"], proposal=shown)
    services.agenda_add(meeting=meeting, actor=cast["tf_staff"], proposal=hidden)
    services.meeting_schedule(meeting=meeting, actor=cast["tf_staff"])
    make_meeting(cast, "tf", region=None, title="TF 회의")
    make_meeting(cast, status=M.DRAFTED, title="준비중")

    body = api_client.get("/api/v1/meetings/").json()

    assert body["count"] == 1
    row = body["results"][0]
    assert (row["id"], row["body"], row["region"], row["status"]) == (meeting.pk, "regional_council", "51", "scheduled")
    agenda = row["agenda"]
    assert agenda[0]["proposal"]["reference"] == shown.reference
    assert agenda[1]["title"] == "비공개 안건" and agenda[1]["proposal"] is None
    assert row["minutes"] is None and row["my_invitation"] is None


def test_staff_see_internal_meetings_and_their_invitation(api_client, cast):
    meeting = make_meeting(cast, "tf", region=None, title="TF 회의", invite=["lead_reviewer"])
    api_client.force_authenticate(cast.people["lead_reviewer"])
    row = api_client.get(f"/api/v1/meetings/{meeting.pk}/").json()
    assert row["title"] == "TF 회의" and row["my_invitation"]["rsvp"] == "pending"


def test_published_minutes_come_with_sanitised_html(api_client, cast):
    meeting = make_meeting(cast, status=M.MINUTES_PUBLISHED, minutes="## 결과\n\n<script>alert(1)</script>")
    row = api_client.get(f"/api/v1/meetings/{meeting.pk}/").json()
    assert "<script" not in row["minutes_html"] and "&lt;script&gt;" in row["minutes_html"]


@pytest.mark.parametrize("person", [None, "official", "forum_member"])
def test_what_the_caller_may_not_see_is_404(api_client, cast, person):
    drafted = make_meeting(cast, status=M.DRAFTED)
    internal = make_meeting(cast, "tf", region=None)
    if person:
        api_client.force_authenticate(cast.people[person])
    assert api_client.get(f"/api/v1/meetings/{drafted.pk}/").status_code == 404
    assert api_client.get(f"/api/v1/meetings/{internal.pk}/").status_code == 404
    assert api_client.get("/api/v1/meetings/99999999999999999999/").status_code == 404


def test_filters(api_client, cast):
    make_meeting(cast, title="강원")
    make_meeting(cast, region="26", title="부산")
    assert [r["title"] for r in api_client.get("/api/v1/meetings/", {"region": "26"}).json()["results"]] == ["부산"]
    assert api_client.get("/api/v1/meetings/", {"body": "forum"}).json()["count"] == 0


@pytest.mark.parametrize(
    "query",
    [{"start": "yesterday"}, {"end": "2026-02-30"}, {"status": "exploded"}, {"page": "abc"}, {"page_size": "-1"}],
)
def test_malformed_queries_are_400_or_handled(api_client, cast, query):
    make_meeting(cast)
    response = api_client.get("/api/v1/meetings/", query)
    assert response.status_code in (200, 400, 404)
    if "start" in query or "end" in query or "status" in query:
        assert response.status_code == 400


def test_list_query_count_is_constant(api_client, cast):
    def add(number):
        for n in range(number):
            meeting = make_meeting(cast, title=f"회의 {n}", invite=["vice_governor"])
            proposal = proposal_in(cast, S.SUBMITTED, title=f"과제 {meeting.pk}")
            AgendaItem.objects.create(meeting=meeting, position=1, title="안건", proposal=proposal)

    add(2)
    api_client.force_authenticate(cast["vice_governor"])  # a fresh user: no role cache from before
    with CaptureQueriesContext(connection) as small:
        assert api_client.get("/api/v1/meetings/").status_code == 200
    add(5)
    api_client.force_authenticate(cast["vice_governor"])
    with CaptureQueriesContext(connection) as large:
        assert api_client.get("/api/v1/meetings/").status_code == 200
    assert len(small) == len(large)


def test_schema_documents_the_meetings_and_comments_endpoints(api_client):
    import yaml

    schema = yaml.safe_load(api_client.get("/api/v1/schema/").content)
    assert {"/api/v1/meetings/", "/api/v1/meetings/{id}/", "/api/v1/proposals/{proposal_id}/comments/"} <= set(
        schema["paths"]
    )
    assert set(schema["paths"]["/api/v1/proposals/{proposal_id}/comments/"]) == {"get", "post"}
