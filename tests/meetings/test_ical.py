"""The calendar feeds validate with the ``icalendar`` parser and hold the right events."""

import pytest
from icalendar import Calendar

from apps.meetings import services
from apps.meetings.models import CalendarFeedToken
from apps.meetings.models import MeetingStatus as M
from apps.proposals.models import ProposalStatus as S
from tests.meetings.support import make_meeting
from tests.proposals.support import proposal_in

pytestmark = pytest.mark.django_db


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["VERSION"]) == "2.0" and calendar["PRODID"]
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def uid(meeting):
    return f"meeting-{meeting.pk}@balance.molit.go.kr"


def token_of(user):
    return CalendarFeedToken.objects.get_or_create(user=user)[0].token


def test_public_body_feed_lists_its_announced_public_meetings(client, cast):
    scheduled = make_meeting(cast, title="강원 지역협의회")
    held = make_meeting(cast, status=M.MINUTES_PUBLISHED, title="지난 강원 협의회")
    cancelled = make_meeting(cast, status=M.CANCELLED, title="취소된 협의회")
    drafted = make_meeting(cast, status=M.DRAFTED, title="준비중 협의회")
    closed = make_meeting(cast, is_public=False, title="비공개 협의회")
    forum = make_meeting(cast, "forum", region=None, title="포럼")

    events = parse(client.get("/meetings/feeds/bodies/regional_council.ics"))

    assert set(events) == {uid(scheduled), uid(held), uid(cancelled)}
    assert uid(drafted) not in events and uid(closed) not in events and uid(forum) not in events
    event = events[uid(scheduled)]
    assert str(event["SUMMARY"]) == "강원 지역협의회"
    assert event.decoded("DTSTART") == scheduled.starts_at
    assert event.decoded("DTEND") == scheduled.ends_at
    assert "강원특별자치도청" in str(event["LOCATION"])
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(events[uid(cancelled)]["STATUS"]) == "CANCELLED"


def test_a_change_raises_the_events_sequence(client, cast):
    meeting = make_meeting(cast)
    services.meeting_update(meeting=meeting, actor=cast["tf_staff"], place="세종컨벤션센터")
    event = parse(client.get("/meetings/feeds/bodies/regional_council.ics"))[uid(meeting)]
    assert int(event["SEQUENCE"]) == 1 and str(event["LOCATION"]) == "세종컨벤션센터"


def test_agenda_in_a_public_feed_hides_what_the_public_may_not_see(client, cast):
    hidden = proposal_in(cast, S.SUBMITTED, title="비공개로 낸 과제")
    hidden.__class__.objects.filter(pk=hidden.pk).update(is_public=False)
    shown = proposal_in(cast, S.SUBMITTED, title="공개 과제")
    meeting = make_meeting(cast, status=M.DRAFTED)
    services.agenda_add(meeting=meeting, actor=cast["tf_staff"], proposal=hidden)
    services.agenda_add(meeting=meeting, actor=cast["tf_staff"], proposal=shown)
    services.meeting_schedule(meeting=meeting, actor=cast["tf_staff"])

    description = str(parse(client.get("/meetings/feeds/bodies/regional_council.ics"))[uid(meeting)]["DESCRIPTION"])

    assert "공개 과제" in description and "비공개 안건" in description
    assert "비공개로 낸 과제" not in description
    client.force_login(cast.people["official"])
    own = str(parse(client.get("/meetings/feeds/bodies/regional_council.ics"))[uid(meeting)]["DESCRIPTION"])
    assert "비공개로 낸 과제" in own


@pytest.mark.parametrize("person", [None, "official", "forum_member"])
def test_an_internal_bodys_feed_is_refused_to_others(client, cast, person):
    make_meeting(cast, "tf", region=None, title="부내 TF 회의")
    if person:
        client.force_login(cast.people[person])
    assert client.get("/meetings/feeds/bodies/tf.ics").status_code == 404


def test_an_internal_bodys_feed_is_for_staff_signed_in_or_with_their_token(client, cast):
    meeting = make_meeting(cast, "tf", region=None, title="부내 TF 회의")
    token = token_of(cast.people["lead_reviewer"])

    with_token = parse(client.get(f"/meetings/feeds/bodies/tf.ics?token={token}"))
    assert set(with_token) == {uid(meeting)}
    assert "no-store" in client.get(f"/meetings/feeds/bodies/tf.ics?token={token}")["Cache-Control"]
    client.force_login(cast.people["tf_staff"])
    assert set(parse(client.get("/meetings/feeds/bodies/tf.ics"))) == {uid(meeting)}


def test_an_unknown_token_or_body_is_404(client, cast):
    assert client.get("/meetings/feeds/bodies/tf.ics?token=nope").status_code == 404
    assert client.get("/meetings/feeds/bodies/nothing.ics").status_code == 404


def test_personal_feed_lists_the_meetings_one_is_invited_to(client, cast):
    invited = make_meeting(cast, invite=["vice_governor"], title="초대된 회의")
    internal = make_meeting(cast, "tf", region=None, invite=["vice_governor"], title="초대된 TF 회의")
    make_meeting(cast, status=M.DRAFTED, invite=["vice_governor"], title="아직 준비중")
    make_meeting(cast, invite=["official"], title="다른 사람 회의")

    events = parse(client.get(f"/meetings/feeds/people/{token_of(cast.people['vice_governor'])}.ics"))

    assert set(events) == {uid(invited), uid(internal)}


@pytest.mark.parametrize("token", ["wrong", "x" * 43, "a" * 200, "%00", "한글토큰"])
def test_personal_feed_refuses_a_wrong_token(client, cast, token):
    make_meeting(cast, invite=["vice_governor"])
    token_of(cast.people["vice_governor"])
    assert client.get(f"/meetings/feeds/people/{token}.ics").status_code == 404


def test_resetting_the_token_stops_the_old_address(client, cast):
    old = token_of(cast.people["vice_governor"])
    client.force_login(cast.people["vice_governor"])
    assert client.post("/meetings/feeds/reset/").status_code == 302
    new = CalendarFeedToken.objects.get(user=cast.people["vice_governor"]).token
    assert new != old
    assert client.get(f"/meetings/feeds/people/{old}.ics").status_code == 404
    parse(client.get(f"/meetings/feeds/people/{new}.ics"))


def test_feeds_page_shows_the_personal_address(client, cast):
    client.force_login(cast.people["official"])
    page = client.get("/meetings/feeds/").content.decode()
    assert f"/meetings/feeds/people/{token_of(cast.people['official'])}.ics" in page
    assert "/meetings/feeds/bodies/tf.ics" not in page


def test_a_single_meeting_downloads_as_ics(client, cast):
    meeting = make_meeting(cast)
    events = parse(client.get(f"/meetings/{meeting.pk}/calendar.ics"))
    assert set(events) == {uid(meeting)}
    drafted = make_meeting(cast, status=M.DRAFTED)
    assert client.get(f"/meetings/{drafted.pk}/calendar.ics").status_code == 404
