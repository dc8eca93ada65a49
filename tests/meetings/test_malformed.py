"""No request to the meeting, forum or comment pages, however malformed, yields a 500."""

import pytest

from apps.meetings.models import MeetingStatus as M
from tests.meetings.support import make_meeting, make_topic

pytestmark = pytest.mark.django_db
HUGE = "9" * 30


@pytest.fixture
def world(cast):
    meeting = make_meeting(cast, status=M.HELD, invite=["vice_governor"])
    item = meeting.agenda_items.create(position=1, title="안건")
    return meeting, item, make_topic(cast)


def paths(meeting, item, topic):
    m, i = meeting.pk, item.pk
    return [
        f"/meetings/{HUGE}/",
        f"/meetings/{m}/agenda/{HUGE}/",
        f"/meetings/{m}/agenda/{HUGE}/outcome/",
        f"/meetings/{m}/agenda/{HUGE}/remove/",
        f"/meetings/{m}/agenda/{i}/move/{HUGE}/",
        f"/meetings/{m}/invitations/{HUGE}/remove/",
        f"/meetings/{HUGE}/calendar.ics",
        f"/meetings/forum/topics/{HUGE}/",
        f"/meetings/forum/topics/{topic.pk}/status/",
        f"/comments/{HUGE}/edit/",
        f"/comments/{HUGE}/hide/",
        f"/comments/reports/{HUGE}/dismiss/",
        f"/comments/topic/{HUGE}/",
        f"/comments/agenda/{HUGE}/",
        f"/meetings/feeds/people/{HUGE}.ics",
        f"/api/v1/meetings/{HUGE}/",
        f"/api/v1/proposals/{HUGE}/comments/",
    ]


@pytest.mark.parametrize("person", [None, "tf_staff", "vice_governor"])
def test_huge_ids_and_garbage_never_500(client, cast, world, person):
    if person:
        client.force_login(cast.people[person])
    for path in paths(*world):
        for method in ("get", "post"):
            response = getattr(client, method)(path, {"body": "\x00", "reason": "x" * 5000, "status": "💥"})
            assert response.status_code < 500, (method, path, response.status_code)


@pytest.mark.parametrize(
    "data",
    [
        {"minutes": "x" * 60000},
        {"minutes": "a\x00b"},
        {"item1-outcome": "💥", "item1-note": ""},
        {"attended": ["1", "x", HUGE]},
        {"usernames": "," * 3000},
        {"rsvp": ["accepted", "declined"]},
    ],
)
def test_garbage_form_posts_are_400(client, cast, world, data):
    meeting, item, _topic = world
    client.force_login(cast.people["tf_staff"])
    for path in ("minutes", "attendance", "invitations", f"agenda/{item.pk}/outcome"):
        response = client.post(f"/meetings/{meeting.pk}/{path}/", data)
        assert response.status_code in (302, 400, 409), (path, response.status_code)
