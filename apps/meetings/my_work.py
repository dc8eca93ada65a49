"""The meeting sections of a person's "내 할 일" page: the meetings ahead of forum
members, council members and the TF, and the minutes still to confirm and publish.
Two queries per section whatever the number of meetings."""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import Role
from apps.accounts.selectors import user_roles
from apps.proposals.my_work import ITEMS_SHOWN, WorkItem, WorkSection

from .models import MeetingStatus
from .selectors import is_manager, meeting_list

MEETING_ROLES = {Role.FORUM_MEMBER, Role.FORUM_CHAIR, Role.VICE_GOVERNOR, Role.TF_STAFF, Role.TF_LEAD}


def _section(key, title, rows, *, more_url) -> WorkSection:
    items = [
        WorkItem(
            url=reverse("meeting-detail", args=[meeting.pk]),
            title=meeting.title,
            detail=meeting.place,
            due=timezone.localdate(meeting.starts_at),
        )
        for meeting in rows[:ITEMS_SHOWN]
    ]
    count = rows.count()
    return WorkSection(key, title, count, items, more_url, _("지금은 없습니다."))


def meeting_work(user) -> list[WorkSection]:
    roles = user_roles(user)
    if not roles & MEETING_ROLES:
        return []
    meetings = meeting_list(user).prefetch_related(None)
    sections = [
        _section(
            "meetings",
            _("다가오는 회의"),
            meetings.filter(status=MeetingStatus.SCHEDULED, starts_at__gte=timezone.now()).order_by("starts_at", "pk"),
            more_url=reverse("meeting-list"),
        )
    ]
    # Minutes are confirmed and published by the meeting's managers or its chair.
    held = meetings.filter(status=MeetingStatus.HELD)
    if not is_manager(user):
        held = held.filter(Q(chair=user))
    if is_manager(user) or Role.FORUM_CHAIR in roles:
        sections.append(
            _section(
                "minutes", _("회의록을 확인할 회의"), held.order_by("starts_at", "pk"), more_url=reverse("meeting-list")
            )
        )
    return sections
