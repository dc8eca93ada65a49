"""Reads of meetings, forum topics and recommendations, scoped to the viewer in SQL.

Each ``*_visibility_q`` mirrors its rule in ``rules.py`` as one filter, and the list
selectors preload what their pages show, so a page's query count does not grow with
its rows.
"""

import calendar
import dataclasses
import datetime
import re
import secrets

import django_filters
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Membership, Role, User
from apps.accounts.predicates import is_admin, is_forum, is_ministry_staff, is_tf
from apps.accounts.selectors import active_memberships, user_region_scope_ids, with_predecessors
from apps.core.ids import parse_id
from apps.proposals.models import OPEN_STATUSES, PRE_SUBMISSION, Proposal
from apps.proposals.selectors import proposal_list, with_deadline_flags

from .models import (
    COUNCIL_CODE,
    FORUM_CODE,
    AgendaItem,
    CalendarFeedToken,
    ForumTopic,
    Invitation,
    Meeting,
    MeetingStatus,
    Recommendation,
)
from .rules import REGION_PEOPLE

NOTHING = Q(pk__in=[])
VALID_TOKEN = re.compile(r"[A-Za-z0-9_-]+")


def is_manager(user) -> bool:
    return bool(user.is_authenticated and (is_tf(user) or is_admin(user)))


def public_meeting_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}is_public": True, f"{prefix}body__members_public": True}) & ~Q(
        **{f"{prefix}status": MeetingStatus.DRAFTED}
    )


def meeting_visibility_q(user) -> Q:
    """What ``user`` may see, as one filter; mirrors ``meetings.view_meeting``."""
    public = public_meeting_q()
    if not user.is_authenticated:
        return public
    if is_manager(user):
        return Q()
    shared = Exists(Invitation.objects.filter(meeting=OuterRef("pk"), person_id=user.pk))
    bodies = {m.body_id for m in active_memberships(user) if m.body_id}
    if bodies:
        shared |= Q(body_id__in=bodies) & ~Q(body__code=COUNCIL_CODE)
    regions = user_region_scope_ids(user, *REGION_PEOPLE)
    if regions:
        shared |= Q(body__code=COUNCIL_CODE, region_id__in=regions)
    if is_ministry_staff(user):
        shared |= Q(body__members_public=False)
    return public | (shared & ~Q(status=MeetingStatus.DRAFTED))


def meeting_list(user, filters: dict | None = None) -> QuerySet:
    queryset = (
        Meeting.objects.filter(meeting_visibility_q(user))
        .select_related("body", "region", "chair")
        .annotate(agenda_count=Count("agenda_items", distinct=True))
        .order_by("-starts_at", "-pk")
    )
    if filters is not None:
        queryset = MeetingFilter(filters, queryset=queryset).qs
    return queryset


def meeting_get(user, pk) -> Meeting | None:
    pk = parse_id(pk)
    if pk is None:
        return None
    return (
        Meeting.objects.filter(meeting_visibility_q(user), pk=pk)
        .select_related("body", "region", "chair", "created_by")
        .prefetch_related(Prefetch("invitations", queryset=invitations_of()))
        .first()
    )


def invitations_of() -> QuerySet:
    return Invitation.objects.select_related("person").order_by("pk")


def invitation_get(meeting: Meeting, pk) -> Invitation | None:
    return Invitation.objects.filter(pk=pk, meeting=meeting).select_related("meeting").first()


def invitee_ids(meeting: Meeting) -> list[int]:
    """Who is invited now (read afresh, unlike the rules' per-request cache)."""
    return list(Invitation.objects.filter(meeting=meeting).values_list("person_id", flat=True))


def suggested_invitees(meeting: Meeting) -> list[tuple[User, str]]:
    """Who a meeting of its body normally invites, on its date: forum members and the chair;
    a council meeting's vice-governor, officials and 지역협력관 of the region with the TF
    lead(s) and staff; an internal body's TF; any other body its members."""
    day = timezone.localdate(meeting.starts_at)
    memberships = Membership.objects.valid_on(day).filter(user__is_active=True).select_related("user")
    code = meeting.body.code
    if code == FORUM_CODE:
        query = Q(role__in=(Role.FORUM_MEMBER, Role.FORUM_CHAIR))
    elif code == COUNCIL_CODE:
        regions = list(with_predecessors({meeting.region_id})) if meeting.region_id else []
        query = Q(role__in=REGION_PEOPLE, region_id__in=regions) | Q(role__in=(Role.TF_LEAD, Role.TF_STAFF))
    elif not meeting.body.members_public:
        query = Q(role__in=(Role.TF_LEAD, Role.TF_STAFF))
    else:
        query = Q(body=meeting.body)
    people: dict[int, tuple[User, str]] = {}
    for membership in memberships.filter(query).order_by("role", "user__username"):
        people.setdefault(membership.user_id, (membership.user, membership.title or membership.get_role_display()))
    return list(people.values())


def comment_count_filter(include_internal: bool) -> Q:
    """Comments counted on a list: never hidden ones; internal ones only for insiders."""
    visible = Q(comments__is_hidden=False)
    return visible if include_internal else visible & Q(comments__visibility="public")


def agenda_of(meeting: Meeting, *, include_internal: bool = False) -> list[AgendaItem]:
    return list(
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("proposal", "proposal__region", "topic", "outcome_recorded_by")
        .annotate(comment_count=Count("comments", filter=comment_count_filter(include_internal), distinct=True))
        .order_by("position", "pk")
    )


def agenda_item_get(meeting: Meeting, pk) -> AgendaItem | None:
    """An item of ``meeting`` (already checked visible), with what its page shows."""
    item = AgendaItem.objects.filter(pk=pk, meeting=meeting).select_related("meeting", "proposal", "topic").first()
    if item is not None:
        item.meeting = meeting
    return item


def visible_proposal_ids(user, proposal_ids) -> frozenset[int]:
    """Of ``proposal_ids``, those ``user`` may open (one query); the public: public ones."""
    ids = [pk for pk in proposal_ids if pk is not None]
    if not ids:
        return frozenset()
    if user.is_authenticated:
        visible = proposal_list(user).filter(pk__in=ids).values_list("pk", flat=True)
    else:
        visible = (
            Proposal.objects.filter(pk__in=ids, is_public=True)
            .exclude(status__in=PRE_SUBMISSION)
            .values_list("pk", flat=True)
        )
    return frozenset(visible)


def visible_topic_ids(user, topic_ids) -> frozenset[int]:
    ids = [pk for pk in topic_ids if pk is not None]
    if not ids:
        return frozenset()
    return frozenset(ForumTopic.objects.filter(topic_visibility_q(user), pk__in=ids).values_list("pk", flat=True))


def month_bounds(year: int, month: int) -> tuple[datetime.datetime, datetime.datetime]:
    first = datetime.date(year, month, 1)
    last = first + datetime.timedelta(days=calendar.monthrange(year, month)[1])
    zone = timezone.get_current_timezone()
    return (
        datetime.datetime.combine(first, datetime.time.min, tzinfo=zone),
        datetime.datetime.combine(last, datetime.time.min, tzinfo=zone),
    )


def meetings_in_month(user, year: int, month: int, filters: dict | None = None) -> QuerySet:
    start, end = month_bounds(year, month)
    return meeting_list(user, filters).filter(starts_at__gte=start, starts_at__lt=end).order_by("starts_at", "pk")


def invited_meetings(user) -> QuerySet:
    """Meetings ``user`` is invited to, once announced (their private calendar feed)."""
    return (
        Meeting.objects.filter(invitations__person=user)
        .exclude(status=MeetingStatus.DRAFTED)
        .select_related("body", "region", "chair")
        .order_by("starts_at", "pk")
    )


def council_agenda_candidates(meeting: Meeting) -> QuerySet:
    """The open proposals of the meeting's region (and the regions it succeeded), overdue
    first and then the oldest, that are not on this meeting's agenda yet."""
    if meeting.region_id is None:
        return Proposal.objects.none()
    regions = with_predecessors({meeting.region_id})
    queryset = (
        Proposal.objects.filter(region_id__in=regions, status__in=OPEN_STATUSES)
        .exclude(agenda_items__meeting=meeting)
        .select_related("region", "lead_department")
    )
    return with_deadline_flags(queryset).order_by(F("is_overdue").desc(), F("submitted_at").asc(nulls_last=True), "pk")


class MeetingFilter(django_filters.FilterSet):
    body = django_filters.CharFilter(field_name="body__code", label=_("기구 코드"))
    region = django_filters.CharFilter(field_name="region__code", label=_("지역 코드"))
    status = django_filters.MultipleChoiceFilter(choices=MeetingStatus.choices, label=_("상태"))
    start = django_filters.DateFilter(method="filter_start", label=_("시작일(이후)"))
    end = django_filters.DateFilter(method="filter_end", label=_("종료일(이전)"))
    q = django_filters.CharFilter(method="filter_text", label=_("검색어"))

    class Meta:
        model = Meeting
        fields = ["body", "region", "status", "start", "end", "q"]

    def filter_start(self, queryset, name, value):
        start = datetime.datetime.combine(value, datetime.time.min, tzinfo=timezone.get_current_timezone())
        return queryset.filter(starts_at__gte=start)

    def filter_end(self, queryset, name, value):
        end = datetime.datetime.combine(
            value + datetime.timedelta(days=1), datetime.time.min, tzinfo=timezone.get_current_timezone()
        )
        return queryset.filter(starts_at__lt=end)

    def filter_text(self, queryset, name, value):
        for term in value.split()[:8]:
            queryset = queryset.filter(Q(title__icontains=term) | Q(place__icontains=term))
        return queryset


# --- the forum ----------------------------------------------------------------------------


def topic_visibility_q(user) -> Q:
    """Mirrors ``meetings.view_forumtopic``."""
    if user.is_authenticated and (is_forum(user) or is_manager(user)):
        return Q()
    return Q(forum_only=False)


def topic_list(user) -> QuerySet:
    insider = user.is_authenticated and (is_forum(user) or is_manager(user))
    return (
        ForumTopic.objects.filter(topic_visibility_q(user))
        .select_related("opened_by")
        .prefetch_related("strategies")
        .annotate(
            comment_count=Count("comments", filter=comment_count_filter(insider), distinct=True),
            recommendation_count=Count("recommendations", distinct=True),
        )
        .order_by("status", "-created_at", "-pk")
    )


def topic_get(user, pk) -> ForumTopic | None:
    pk = parse_id(pk)
    if pk is None:
        return None
    return (
        ForumTopic.objects.filter(topic_visibility_q(user), pk=pk)
        .select_related("opened_by")
        .prefetch_related("strategies")
        .first()
    )


def topic_meetings(user, topic: ForumTopic) -> list[AgendaItem]:
    """The agenda items of announced meetings ``user`` may see that discussed ``topic``."""
    return list(
        AgendaItem.objects.filter(topic=topic)
        .exclude(meeting__status__in=[MeetingStatus.DRAFTED, MeetingStatus.CANCELLED])
        .filter(meeting__in=Meeting.objects.filter(meeting_visibility_q(user)).values("pk"))
        .select_related("meeting", "meeting__body")
        .order_by("meeting__starts_at")
    )


def topic_recommendations(topic: ForumTopic) -> list[Recommendation]:
    return list(Recommendation.objects.filter(topic=topic).select_related("meeting").prefetch_related("strategies"))


def recommendation_list(user) -> QuerySet:
    visible_topics = ForumTopic.objects.filter(topic_visibility_q(user)).values("pk")
    return (
        Recommendation.objects.filter(Q(topic__isnull=True) | Q(topic__in=visible_topics))
        .select_related("topic", "meeting", "recorded_by")
        .prefetch_related("strategies", "proposals")
        .order_by("-adopted_on", "-pk")
    )


def proposal_discussions(user, proposal: Proposal) -> dict:
    """Where the council and the forum took ``proposal`` up, as ``user`` may see it: the
    agenda items of announced meetings with their outcome, the forum topics and the
    recommendations that name it. ``proposal`` itself is already visible to ``user``."""
    visible_meetings = Meeting.objects.filter(meeting_visibility_q(user)).values("pk")
    agenda = list(
        AgendaItem.objects.filter(proposal=proposal, meeting__in=visible_meetings)
        .exclude(meeting__status__in=[MeetingStatus.DRAFTED, MeetingStatus.CANCELLED])
        .select_related("meeting", "meeting__body")
        .order_by("meeting__starts_at", "pk")
    )
    topics = list(ForumTopic.objects.filter(topic_visibility_q(user), proposals=proposal).order_by("-created_at"))
    recommendations = list(recommendation_list(user).filter(proposals=proposal).prefetch_related(None))
    linked = {r.meeting_id for r in recommendations if r.meeting_id}
    open_meetings = set(visible_meetings.filter(pk__in=linked).values_list("pk", flat=True)) if linked else set()
    for recommendation in recommendations:
        recommendation.meeting_visible = recommendation.meeting_id in open_meetings
    return {"agenda": agenda, "topics": topics, "recommendations": recommendations}


def user_for_token(token: str) -> User | None:
    """The owner of a calendar feed token, or None. Compared in constant time after the lookup."""
    # Tokens are URL-safe base64; anything else (a NUL byte would reach PostgreSQL as an
    # error) cannot be one, so it is simply not found.
    if not token or len(token) > 64 or not VALID_TOKEN.fullmatch(token):
        return None
    row = CalendarFeedToken.objects.select_related("user").filter(token=token).first()
    if row is None or not secrets.compare_digest(row.token, token) or not row.user.is_active:
        return None
    return row.user


@dataclasses.dataclass
class MonthCell:
    day: datetime.date
    in_month: bool
    is_today: bool
    meetings: list


def month_grid(year: int, month: int, meetings) -> list[list[MonthCell]]:
    """Weeks (Sunday first, as Korean calendars are) of cells with their meetings."""
    by_day: dict[datetime.date, list] = {}
    for meeting in meetings:
        by_day.setdefault(timezone.localdate(meeting.starts_at), []).append(meeting)
    today = timezone.localdate()
    weeks = calendar.Calendar(firstweekday=6).monthdatescalendar(year, month)
    return [
        [
            MonthCell(day=day, in_month=day.month == month, is_today=day == today, meetings=by_day.get(day, []))
            for day in week
        ]
        for week in weeks
    ]


def upcoming_for(user, limit: int = 5) -> list[Meeting]:
    return list(meeting_list(user).filter(starts_at__gte=timezone.now()).order_by("starts_at", "pk")[:limit])
