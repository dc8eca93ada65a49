"""Meetings, topics and comments built through the real services, for tests."""

import datetime

from django.utils import timezone

from apps.meetings import services
from apps.meetings.models import Meeting
from apps.meetings.models import MeetingStatus as M
from apps.organisations.models import Body, Region
from tests.factories import member
from tests.proposals.support import Cast


class MeetingCast(Cast):
    """The proposals' cast (강원 51 is the region) plus the forum's chair and a second
    forum member, a 부산 liaison and a reviewer of another department."""

    def __init__(self):
        super().__init__()
        self.people["minister"] = member("forum_chair")
        self.people["forum_member2"] = member("forum_member")
        self.people["other_liaison"] = member("liaison", region=Region.objects.get(code="26"))


def at(days=0, hours=0) -> datetime.datetime:
    # Meetings are set to the minute (forms take no seconds); so are the feeds.
    return (timezone.now() + datetime.timedelta(days=days, hours=hours)).replace(second=0, microsecond=0)


def make_meeting(
    cast,
    body: str = "regional_council",
    *,
    status: str = M.SCHEDULED,
    region: str | None = "51",
    starts_at: datetime.datetime | None = None,
    invite=(),
    title: str = "강원 지역협의회",
    is_public: bool = True,
    minutes: str = "## 회의 결과\n\n- 논의함",
) -> Meeting:
    """A meeting moved to ``status`` by the TF. Held ones start in the past by default."""
    actor = cast["tf_staff"]
    if starts_at is None:
        starts_at = at(days=-1) if status in (M.HELD, M.MINUTES_PUBLISHED) else at(days=7)
    meeting = services.meeting_create(
        actor=actor,
        body=Body.objects.get(code=body),
        title=title,
        region=Region.objects.get(code=region) if region and body == "regional_council" else None,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=2),
        place="강원특별자치도청 대회의실",
        is_public=is_public,
    )
    if invite:
        services.invitation_add(meeting=meeting, actor=actor, people=[cast[name] for name in invite])
    if status == M.CANCELLED:
        services.meeting_cancel(meeting=meeting, actor=actor, reason="일정 조정")
    if status in (M.SCHEDULED, M.HELD, M.MINUTES_PUBLISHED):
        services.meeting_schedule(meeting=meeting, actor=actor)
    if status in (M.HELD, M.MINUTES_PUBLISHED):
        services.meeting_hold(meeting=meeting, actor=actor)
    if status == M.MINUTES_PUBLISHED:
        services.minutes_save(meeting=meeting, actor=actor, minutes=minutes)
        services.meeting_publish_minutes(meeting=meeting, actor=actor)
    return Meeting.objects.select_related("body", "region").get(pk=meeting.pk)


def make_topic(cast, *, forum_only: bool = False, title: str = "초광역권 계획과 지역 주도 발전"):
    return services.topic_open(actor=cast["tf_staff"], title=title, body="논의할 내용", forum_only=forum_only)


def admin_rows():
    """One row of every model the meetings and comments admins list (for the admin tests'
    ``admin_world``)."""
    from apps.comments.services import comment_hide, comment_post, comment_report

    cast = MeetingCast()
    make_meeting(cast, status=M.DRAFTED)
    topic = make_topic(cast)
    services.recommendation_record(
        actor=cast["minister"], title="권고", body="내용", adopted_on=timezone.localdate(), topic=topic
    )
    comment = comment_post(target=topic, actor=cast["forum_member"], body="의견")
    comment_report(comment=comment, actor=cast["forum_member2"], reason="부적절")
    comment_hide(comment=comment, actor=cast["tf_staff"], reason="운영 원칙 위반")
    return cast
