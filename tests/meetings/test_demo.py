"""The demo world's meetings and forum (seed_demo), as seeds 003 and 004 tell them."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from apps.comments.models import Comment
from apps.meetings.models import ForumTopic, Meeting, Recommendation, Rsvp
from apps.meetings.models import MeetingStatus as M
from apps.proposals.models import ProposalEvent

pytestmark = pytest.mark.django_db
SEOUL = ZoneInfo("Asia/Seoul")


def test_seed_demo_builds_the_forum_councils_and_discussion_once():
    call_command("seed_demo")

    kickoff = Meeting.objects.get(title="지역균형발전포럼 킥오프 회의")
    assert kickoff.starts_at == datetime.datetime(2023, 1, 4, 10, 30, tzinfo=SEOUL)
    assert (kickoff.body.code, kickoff.chair.username, kickoff.status) == ("forum", "minister", M.MINUTES_PUBLISHED)
    assert "정부세종청사" in kickoff.place
    assert kickoff.invitations.filter(attended=True).count() == 14
    september = Meeting.objects.get(starts_at=datetime.datetime(2023, 9, 26, 14, tzinfo=SEOUL))
    assert september.place == "세종컨벤션센터" and september.status == M.MINUTES_PUBLISHED

    councils = Meeting.objects.filter(body__code="regional_council", status=M.MINUTES_PUBLISHED)
    assert councils.values("region").distinct().count() >= 3
    assert all(timezone_weekday(m) < 5 for m in Meeting.objects.all())
    outcomes = ProposalEvent.objects.filter(action="meeting_outcome")
    assert outcomes.count() >= 3
    assert set(outcomes.values_list("payload__meeting_id", flat=True)) <= set(councils.values_list("pk", flat=True))
    for event in outcomes:
        # Recorded after the meeting, in the state the proposal was in that day.
        meeting = Meeting.objects.get(pk=event.payload["meeting_id"])
        assert event.created_at > meeting.ends_at and event.from_status == event.to_status
        previous = event.proposal.events.filter(pk__lt=event.pk).exclude(to_status="").order_by("-pk").first()
        assert previous.to_status == event.to_status
    for council in councils:
        # The platform proposed the agenda from the region's proposals submitted by then.
        items = council.agenda_items.exclude(proposal=None).select_related("proposal")
        assert items and all(item.suggested and item.proposal.submitted_at < council.created_at for item in items)
    for meeting in Meeting.objects.filter(status=M.MINUTES_PUBLISHED):
        # Everyone answered before the meeting; who declined did not attend.
        for invitation in meeting.invitations.all():
            assert invitation.responded_at < meeting.starts_at
            assert invitation.attended == (invitation.rsvp == Rsvp.ACCEPTED)
    assert september.invitations.filter(rsvp=Rsvp.DECLINED).count() == 2
    assert Meeting.objects.filter(body__code="regional_council", status=M.SCHEDULED).exists()
    assert Meeting.objects.filter(body__code="tf").count() == 2

    assert ForumTopic.objects.filter(forum_only=True).exists()
    assert ForumTopic.objects.filter(title__startswith="[부의]").exists()
    assert Recommendation.objects.filter(proposals__isnull=False).exists()
    assert Comment.objects.filter(is_hidden=True).count() == 1
    assert Comment.objects.filter(parent__isnull=False).exists()

    counts = (Meeting.objects.count(), ForumTopic.objects.count(), Comment.objects.count(), outcomes.count())
    call_command("seed_demo")
    assert counts == (
        Meeting.objects.count(),
        ForumTopic.objects.count(),
        Comment.objects.count(),
        ProposalEvent.objects.filter(action="meeting_outcome").count(),
    )


def timezone_weekday(meeting) -> int:
    return meeting.starts_at.astimezone(SEOUL).weekday()
