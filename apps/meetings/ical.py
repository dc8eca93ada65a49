"""iCalendar (RFC 5545) feeds of meetings, written with the ``icalendar`` package.

Times are written in UTC (``...Z``), which every calendar program reads without a
VTIMEZONE; ``X-WR-TIMEZONE`` tells them to show Seoul time. Each meeting keeps one UID
and raises ``SEQUENCE`` whenever its invitees were told of a change, so subscribed
calendars update the event instead of adding a second one. A cancelled meeting stays
in the feed with ``STATUS:CANCELLED`` so calendars remove it.

What a description shows follows the page: an agenda item whose proposal or topic the
viewer may not see is listed as 비공개 안건.
"""

import datetime

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from apps.core.text import clean_text

from . import selectors
from .models import MeetingStatus

PRODID = "-//국토교통부//균형발전 소통창구//KO"
ICAL_STATUS = {
    MeetingStatus.SCHEDULED: "CONFIRMED",
    MeetingStatus.HELD: "CONFIRMED",
    MeetingStatus.MINUTES_PUBLISHED: "CONFIRMED",
    MeetingStatus.CANCELLED: "CANCELLED",
    MeetingStatus.DRAFTED: "TENTATIVE",
}


def _utc(value: datetime.datetime) -> datetime.datetime:
    return value.astimezone(datetime.UTC)


def _agenda_lines(meeting, visible_proposals, visible_topics) -> list[str]:
    lines = []
    for number, item in enumerate(meeting.agenda_items.all(), start=1):
        hidden = (item.proposal_id and item.proposal_id not in visible_proposals) or (
            item.topic_id and item.topic_id not in visible_topics
        )
        lines.append(f"{number}. {_('비공개 안건') if hidden else item.title}")
    return lines


def calendar_for(meetings, *, name: str, viewer, base_url: str = "") -> bytes:
    """One VCALENDAR with a VEVENT per meeting. ``meetings`` should prefetch ``agenda_items``."""
    meetings = list(meetings)
    items = [item for meeting in meetings for item in meeting.agenda_items.all()]
    visible_proposals = selectors.visible_proposal_ids(viewer, [item.proposal_id for item in items])
    visible_topics = selectors.visible_topic_ids(viewer, [item.topic_id for item in items])
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Seoul")
    stamp = _utc(timezone.now())
    for meeting in meetings:
        event = Event()
        event.add("uid", meeting.ical_uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", _utc(meeting.starts_at))
        event.add("dtend", _utc(meeting.ends_at))
        event.add("summary", clean_text(meeting.title))
        location = meeting.place + (f" ({meeting.address})" if meeting.address else "")
        event.add("location", clean_text(location))
        description = [f"{meeting.body.name}" + (f" · {meeting.region.name}" if meeting.region_id else "")]
        agenda = _agenda_lines(meeting, visible_proposals, visible_topics)
        if agenda:
            description += ["", _("안건"), *agenda]
        if meeting.status == MeetingStatus.CANCELLED and meeting.cancel_reason:
            description += ["", _("취소 사유: %(reason)s") % {"reason": meeting.cancel_reason}]
        event.add("description", clean_text("\n".join(description)))
        event.add("status", ICAL_STATUS.get(meeting.status, "CONFIRMED"))
        event.add("sequence", meeting.sequence)
        event.add("last-modified", _utc(meeting.updated_at))
        event.add("categories", [meeting.body.name])
        if base_url:
            event.add("url", f"{base_url.rstrip('/')}/meetings/{meeting.pk}/")
        calendar.add_component(event)
    return calendar.to_ical()


def response(content: bytes, *, filename: str, private: bool = False) -> HttpResponse:
    result = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    result["Content-Disposition"] = f'inline; filename="{filename}"'
    # Personal feeds must not sit in shared caches: the URL is the key.
    result["Cache-Control"] = "private, no-store" if private else "public, max-age=300"
    return result
