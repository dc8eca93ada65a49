"""Writes to meetings, agendas, invitations, minutes, forum topics and recommendations.

Each service checks its rule (404 when the actor may not even see the meeting, 403 when
they may see it but not act), locks the meeting row, validates, saves and notifies in
one transaction. Invitees hear of an announced meeting (``meeting_invited``), of every
later change to its time, place or agenda and of its cancellation (``meeting_changed``)
and of its published minutes (``minutes_published``); each occasion reaches a person
once. An agenda item's outcome lands on the linked proposal's timeline as a
``meeting_outcome`` event; tabling a proposal for the forum and a forum recommendation
land there too (``forum_tabled``, ``forum_recommendation``).
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django_fsm import ConcurrentTransition, can_proceed

from apps.accounts.models import Membership, Role, User
from apps.notifications import recipients
from apps.notifications.models import Kind
from apps.notifications.services import notify
from apps.organisations.models import Body
from apps.proposals.models import PRE_SUBMISSION, Proposal, Strategy
from apps.proposals.services import record_event

from . import selectors
from .models import (
    COUNCIL_CODE,
    FORUM_CODE,
    OPEN_FOR_CHANGES,
    AgendaItem,
    AgendaOutcome,
    ForumTopic,
    Invitation,
    Meeting,
    MeetingStatus,
    Recommendation,
    Rsvp,
    TopicStatus,
)
from .rules import REGION_PEOPLE

M = MeetingStatus
AGENDA_SUGGESTIONS = 8
MEETING_FIELDS = (
    "title", "region", "starts_at", "ends_at", "place", "address", "chair", "chair_title", "summary", "is_public",
)  # fmt: skip
# Changes invitees must hear of once the meeting is announced.
NOTIFIED_FIELDS = frozenset({"title", "starts_at", "ends_at", "place", "address"})
TOPIC_FIELDS = ("title", "body", "forum_only")


class MeetingConflict(Exception):
    """Not possible in the meeting's current state, or someone else changed it first (HTTP 409)."""


# --- helpers --------------------------------------------------------------------------------


def _ensure(actor, permission: str, meeting: Meeting | None = None):
    if meeting is not None and not actor.has_perm("meetings.view_meeting", meeting):
        raise Http404
    if not actor.has_perm(permission, meeting):
        raise PermissionDenied(_("이 작업을 할 권한이 없습니다."))


def _lock(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update(of=("self",)).select_related("body", "region").get(pk=meeting.pk)


def _require_status(meeting: Meeting, *statuses: str, message: str | None = None):
    if meeting.status not in statuses:
        raise MeetingConflict(
            message
            or _("현재 상태(%(status)s)에서는 이 작업을 할 수 없습니다.") % {"status": meeting.get_status_display()}
        )


def _save(meeting: Meeting):
    try:
        meeting.save()
    except ConcurrentTransition as error:
        raise MeetingConflict(_("다른 사용자가 먼저 이 회의를 변경했습니다. 화면을 새로 고쳐 주세요.")) from error


def _validate(meeting: Meeting):
    # The protected FSM field refuses the assignment full_clean makes; only transitions set it.
    meeting.full_clean(exclude=["status"])


def meeting_url(meeting: Meeting) -> str:
    return reverse("meeting-detail", args=[meeting.pk])


def when_text(meeting: Meeting) -> str:
    start, end = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
    weekday = "월화수목금토일"[start.weekday()]
    if start.date() == end.date():
        return f"{start:%Y-%m-%d}({weekday}) {start:%H:%M}~{end:%H:%M}"
    return f"{start:%Y-%m-%d %H:%M} ~ {end:%Y-%m-%d %H:%M}"


def _meeting_title(label: str, meeting: Meeting) -> str:
    return Truncator(f"[{label}] {timezone.localtime(meeting.starts_at):%Y-%m-%d} {meeting.title}").chars(300)


def _notify(meeting: Meeting, *, kind: str, occasion: str, label: str, body: str, actor, people=None) -> int:
    ids = invitee_ids_now(meeting) if people is None else people
    audience = recipients.recipients_of_users(ids, exclude_user_id=getattr(actor, "pk", None))
    return notify(
        kind=kind,
        people=audience,
        occasion_key=f"meeting:{meeting.pk}:{occasion}",
        title=_meeting_title(label, meeting),
        body=body,
        url=meeting_url(meeting),
        target=meeting,
    )


def invitee_ids_now(meeting: Meeting) -> list[int]:
    return list(Invitation.objects.filter(meeting=meeting).values_list("person_id", flat=True))


def _details_text(meeting: Meeting) -> str:
    text = _("일시: %(when)s\n장소: %(place)s") % {"when": when_text(meeting), "place": meeting.place}
    if meeting.address:
        text += f" ({meeting.address})"
    return text


def _announce_change(meeting: Meeting, actor, what: str) -> int:
    """An announced meeting changed: bump its calendar sequence and tell the invitees."""
    meeting.sequence += 1
    Meeting.objects.filter(pk=meeting.pk).update(sequence=meeting.sequence, updated_at=timezone.now())
    if meeting.status != M.SCHEDULED:
        return 0
    body = _("%(what)s이(가) 변경되었습니다.") % {"what": what} + "\n" + _details_text(meeting)
    return _notify(
        meeting,
        kind=Kind.MEETING_CHANGED,
        occasion=f"changed:{meeting.sequence}",
        label=_("회의 변경"),
        body=body,
        actor=actor,
    )


# --- meetings -------------------------------------------------------------------------------


def _clean_fields(fields: dict) -> dict:
    return {name: value for name, value in fields.items() if name in MEETING_FIELDS}


@transaction.atomic
def meeting_create(*, actor, body: Body, **fields) -> Meeting:
    _ensure(actor, "meetings.add_meeting")
    values = _clean_fields(fields)
    if not values.get("chair_title"):
        values["chair_title"] = body.chair_title
    meeting = Meeting(body=body, created_by=actor, **values)
    _validate(meeting)
    meeting.save()
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, actor, **fields) -> Meeting:
    """Change what a meeting not yet held says; once announced, invitees hear of it."""
    _ensure(actor, "meetings.change_meeting", meeting)
    locked = _lock(meeting)
    _require_status(locked, *OPEN_FOR_CHANGES, message=_("개최 전인 회의만 수정할 수 있습니다."))
    changed = []
    for name, value in _clean_fields(fields).items():
        if getattr(locked, name) != value:
            setattr(locked, name, value)
            changed.append(name)
    _validate(locked)
    _save(locked)
    if NOTIFIED_FIELDS & set(changed):
        labels = [str(Meeting._meta.get_field(name).verbose_name) for name in changed if name in NOTIFIED_FIELDS]
        _announce_change(locked, actor, ", ".join(labels))
    return locked


@transaction.atomic
def meeting_schedule(*, meeting: Meeting, actor) -> Meeting:
    """drafted → scheduled: the meeting is announced and its invitees are invited."""
    _ensure(actor, "meetings.change_meeting", meeting)
    locked = _lock(meeting)
    if not can_proceed(locked.schedule):
        _require_status(locked, M.DRAFTED)
    locked.schedule()
    _save(locked)
    _notify(
        locked,
        kind=Kind.MEETING_INVITED,
        occasion="invited",
        label=_("회의 초대"),
        body=_details_text(locked),
        actor=actor,
    )
    return locked


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, actor, reason: str) -> Meeting:
    _ensure(actor, "meetings.change_meeting", meeting)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("취소 사유를 입력해 주세요.")})
    locked = _lock(meeting)
    _require_status(locked, *OPEN_FOR_CHANGES, message=_("개최 전인 회의만 취소할 수 있습니다."))
    was_announced = locked.status == M.SCHEDULED
    locked.cancel()
    locked.cancel_reason = reason
    locked.sequence += 1
    _save(locked)
    if was_announced:
        _notify(
            locked,
            kind=Kind.MEETING_CHANGED,
            occasion="cancelled",
            label=_("회의 취소"),
            body=_("회의가 취소되었습니다. 사유: %(reason)s") % {"reason": Truncator(reason).chars(500)},
            actor=actor,
        )
    return locked


@transaction.atomic
def meeting_hold(*, meeting: Meeting, actor) -> Meeting:
    """scheduled → held, once the meeting has started."""
    _ensure(actor, "meetings.change_meeting", meeting)
    locked = _lock(meeting)
    _require_status(locked, M.SCHEDULED, message=_("개최 예정인 회의만 개최 완료로 표시할 수 있습니다."))
    if locked.starts_at > timezone.now():
        raise MeetingConflict(_("회의 시작 시각이 지난 뒤에 개최 완료로 표시할 수 있습니다."))
    locked.hold()
    _save(locked)
    return locked


@transaction.atomic
def minutes_save(*, meeting: Meeting, actor, minutes: str) -> Meeting:
    """The draft minutes of a held meeting (markdown; sanitised when shown)."""
    _ensure(actor, "meetings.edit_minutes", meeting)
    locked = _lock(meeting)
    _require_status(locked, M.HELD, message=_("개최 완료되고 아직 공개하지 않은 회의록만 수정할 수 있습니다."))
    locked.minutes = (minutes or "").strip()
    locked.minutes_updated_at = timezone.now()
    _validate(locked)
    _save(locked)
    return locked


@transaction.atomic
def meeting_publish_minutes(*, meeting: Meeting, actor) -> Meeting:
    """held → minutes_published: the minutes become final and invitees are told."""
    _ensure(actor, "meetings.edit_minutes", meeting)
    locked = _lock(meeting)
    _require_status(locked, M.HELD, message=_("개최 완료된 회의의 회의록만 공개할 수 있습니다."))
    if not locked.minutes.strip():
        raise ValidationError({"minutes": _("공개할 회의록 내용이 없습니다. 먼저 회의록을 작성해 주세요.")})
    locked.publish_minutes()
    locked.minutes_published_at = timezone.now()
    _save(locked)
    _notify(
        locked,
        kind=Kind.MINUTES_PUBLISHED,
        occasion="minutes",
        label=_("회의록 공개"),
        body=_("회의록이 공개되었습니다. 안건별 논의 결과를 확인해 주세요."),
        actor=actor,
    )
    return locked


# --- invitations ----------------------------------------------------------------------------


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
        regions = list(selectors.with_predecessors({meeting.region_id})) if meeting.region_id else []
        query = Q(role__in=REGION_PEOPLE, region_id__in=regions) | Q(role__in=(Role.TF_LEAD, Role.TF_STAFF))
    elif not meeting.body.members_public:
        query = Q(role__in=(Role.TF_LEAD, Role.TF_STAFF))
    else:
        query = Q(body=meeting.body)
    people: dict[int, tuple[User, str]] = {}
    for membership in memberships.filter(query).order_by("role", "user__username"):
        people.setdefault(membership.user_id, (membership.user, membership.title or membership.get_role_display()))
    return list(people.values())


@transaction.atomic
def invitation_add(*, meeting: Meeting, actor, people, capacity: str = "") -> list[Invitation]:
    """Invite ``people`` (users, or (user, capacity) pairs); an announced meeting's new
    invitees are told at once. People already invited are left as they are."""
    _ensure(actor, "meetings.change_meeting", meeting)
    locked = _lock(meeting)
    _require_status(locked, *OPEN_FOR_CHANGES, message=_("개최 전인 회의에만 참석 대상자를 추가할 수 있습니다."))
    existing = set(Invitation.objects.filter(meeting=locked).values_list("person_id", flat=True))
    created = []
    for entry in people:
        person, role = entry if isinstance(entry, tuple) else (entry, capacity)
        if person.pk in existing or not person.is_active:
            continue
        existing.add(person.pk)
        created.append(Invitation(meeting=locked, person=person, capacity=(role or "")[:80], invited_by=actor))
    Invitation.objects.bulk_create(created)
    if created and locked.status == M.SCHEDULED:
        _notify(
            locked,
            kind=Kind.MEETING_INVITED,
            occasion="invited",
            label=_("회의 초대"),
            body=_details_text(locked),
            actor=actor,
            people=[invitation.person_id for invitation in created],
        )
    return created


def invite_members(*, meeting: Meeting, actor) -> list[Invitation]:
    return invitation_add(meeting=meeting, actor=actor, people=suggested_invitees(meeting))


@transaction.atomic
def invitation_remove(*, invitation: Invitation, actor) -> None:
    meeting = invitation.meeting
    _ensure(actor, "meetings.change_meeting", meeting)
    locked = _lock(meeting)
    _require_status(locked, *OPEN_FOR_CHANGES, message=_("개최 전인 회의의 참석 대상자만 뺄 수 있습니다."))
    Invitation.objects.filter(pk=invitation.pk, meeting=locked).delete()


@transaction.atomic
def invitation_respond(*, meeting: Meeting, actor, rsvp: str, note: str = "") -> Invitation:
    """The invitee answers: attending, tentative or not attending (with an optional note)."""
    _ensure(actor, "meetings.respond_meeting", meeting)
    if rsvp not in (Rsvp.ACCEPTED, Rsvp.TENTATIVE, Rsvp.DECLINED):
        raise ValidationError({"rsvp": _("참석, 미정, 불참 중에서 골라 주세요.")})
    locked = _lock(meeting)
    _require_status(locked, M.SCHEDULED, message=_("개최 예정인 회의에만 참석 여부를 회신할 수 있습니다."))
    invitation = Invitation.objects.select_for_update().get(meeting=locked, person=actor)
    invitation.rsvp = rsvp
    invitation.rsvp_note = (note or "").strip()[:300]
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["rsvp", "rsvp_note", "responded_at"])
    return invitation


@transaction.atomic
def attendance_record(*, meeting: Meeting, actor, attended_ids) -> int:
    """Who attended a held meeting: the listed invitees did, the others did not."""
    _ensure(actor, "meetings.change_meeting", meeting)
    locked = _lock(meeting)
    _require_status(locked, M.HELD, message=_("개최 완료되고 회의록을 공개하기 전에 출석을 기록할 수 있습니다."))
    ids = {int(pk) for pk in attended_ids}
    invitations = Invitation.objects.filter(meeting=locked)
    unknown = ids - set(invitations.values_list("pk", flat=True))
    if unknown:
        raise ValidationError({"attended": _("참석 대상자가 아닌 항목이 있습니다.")})
    invitations.filter(pk__in=ids).update(attended=True)
    invitations.exclude(pk__in=ids).update(attended=False)
    return len(ids)


# --- agenda -----------------------------------------------------------------------------------


def _agenda_changed(meeting: Meeting, actor) -> None:
    if meeting.status == M.SCHEDULED:
        _announce_change(meeting, actor, _("안건"))


def _proposal_for(actor, proposal) -> Proposal:
    if proposal is None:
        return None
    if not actor.has_perm("proposals.view_proposal", proposal) or proposal.status in PRE_SUBMISSION:
        raise ValidationError({"proposal": _("건의과제를 찾을 수 없습니다.")})
    return proposal


def _add_item(meeting, *, proposal=None, topic=None, title="", description="", suggested=False) -> AgendaItem:
    if proposal is not None and AgendaItem.objects.filter(meeting=meeting, proposal=proposal).exists():
        raise ValidationError({"proposal": _("이미 이 회의의 안건입니다: %(ref)s") % {"ref": proposal.reference}})
    title = (title or "").strip() or (proposal.title if proposal else topic.title if topic else "")
    last = AgendaItem.objects.filter(meeting=meeting).aggregate(last=Max("position"))["last"] or 0
    item = AgendaItem(
        meeting=meeting,
        position=last + 1,
        title=title[:200],
        description=(description or "").strip(),
        proposal=proposal,
        topic=topic,
        suggested=suggested,
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def agenda_add(
    *,
    meeting: Meeting,
    actor,
    proposal: Proposal | None = None,
    topic: ForumTopic | None = None,
    title="",
    description="",
) -> AgendaItem:
    """Add a proposal, a forum topic or a free topic (title) to a meeting not yet held."""
    _ensure(actor, "meetings.change_meeting", meeting)
    if proposal is not None and topic is not None:
        raise ValidationError({"proposal": _("건의과제와 포럼 의제 중 하나만 지정해 주세요.")})
    proposal = _proposal_for(actor, proposal)
    if topic is not None and not actor.has_perm("meetings.view_forumtopic", topic):
        raise ValidationError({"topic": _("포럼 의제를 찾을 수 없습니다.")})
    if proposal is None and topic is None and not (title or "").strip():
        raise ValidationError({"title": _("안건명을 입력하거나 건의과제·포럼 의제를 지정해 주세요.")})
    locked = _lock(meeting)
    _require_status(locked, *OPEN_FOR_CHANGES, message=_("개최 전인 회의의 안건만 바꿀 수 있습니다."))
    item = _add_item(locked, proposal=proposal, topic=topic, title=title, description=description)
    _agenda_changed(locked, actor)
    return item


@transaction.atomic
def agenda_propose(*, meeting: Meeting, actor, limit: int = AGENDA_SUGGESTIONS) -> list[AgendaItem]:
    """A council meeting's agenda proposed from its region's open proposals, overdue and
    oldest first; the TF then edits it (removes, reorders, adds)."""
    _ensure(actor, "meetings.change_meeting", meeting)
    locked = _lock(meeting)
    _require_status(locked, *OPEN_FOR_CHANGES, message=_("개최 전인 회의의 안건만 바꿀 수 있습니다."))
    if locked.body.code != COUNCIL_CODE or locked.region_id is None:
        raise ValidationError({"meeting": _("지역협의회 회의에서만 지역 건의과제로 안건을 제안할 수 있습니다.")})
    items = [
        _add_item(locked, proposal=proposal, suggested=True)
        for proposal in selectors.council_agenda_candidates(locked)[:limit]
    ]
    if items:
        _agenda_changed(locked, actor)
    return items


@transaction.atomic
def agenda_update(*, item: AgendaItem, actor, title: str, description: str = "") -> AgendaItem:
    _ensure(actor, "meetings.change_meeting", item.meeting)
    locked = _lock(item.meeting)
    _require_status(locked, *OPEN_FOR_CHANGES, message=_("개최 전인 회의의 안건만 바꿀 수 있습니다."))
    item = AgendaItem.objects.get(pk=item.pk, meeting=locked)
    item.title = (title or "").strip()
    item.description = (description or "").strip()
    item.full_clean()
    item.save(update_fields=["title", "description"])
    _agenda_changed(locked, actor)
    return item


@transaction.atomic
def agenda_remove(*, item: AgendaItem, actor) -> None:
    _ensure(actor, "meetings.change_meeting", item.meeting)
    locked = _lock(item.meeting)
    _require_status(locked, *OPEN_FOR_CHANGES, message=_("개최 전인 회의의 안건만 바꿀 수 있습니다."))
    AgendaItem.objects.filter(pk=item.pk, meeting=locked).delete()
    _agenda_changed(locked, actor)


@transaction.atomic
def agenda_move(*, item: AgendaItem, actor, direction: str) -> None:
    """Swap the item with its neighbour above (``up``) or below (``down``)."""
    _ensure(actor, "meetings.change_meeting", item.meeting)
    if direction not in ("up", "down"):
        raise ValidationError({"direction": _("up 또는 down이어야 합니다.")})
    locked = _lock(item.meeting)
    _require_status(locked, *OPEN_FOR_CHANGES, message=_("개최 전인 회의의 안건만 바꿀 수 있습니다."))
    items = list(AgendaItem.objects.filter(meeting=locked).order_by("position", "pk"))
    index = next((i for i, row in enumerate(items) if row.pk == item.pk), None)
    if index is None:
        raise Http404
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(items):
        return
    items[index], items[other] = items[other], items[index]
    for position, row in enumerate(items, start=1):
        if row.position != position:
            AgendaItem.objects.filter(pk=row.pk).update(position=position)
    _agenda_changed(locked, actor)


def outcome_note_text(meeting: Meeting, outcome: str, note: str) -> str:
    return _("%(date)s %(meeting)s · %(outcome)s: %(note)s") % {
        "date": f"{timezone.localtime(meeting.starts_at):%Y-%m-%d}",
        "meeting": meeting.title,
        "outcome": AgendaOutcome(outcome).label,
        "note": note,
    }


@transaction.atomic
def agenda_record_outcome(*, item: AgendaItem, actor, outcome: str, note: str) -> AgendaItem:
    """Record what the meeting concluded on an item; a linked proposal's timeline gets a
    ``meeting_outcome`` event (a correction writes a new one: the timeline is immutable)."""
    _ensure(actor, "meetings.record_outcome", item.meeting)
    if outcome not in AgendaOutcome.values:
        raise ValidationError({"outcome": _("논의 결과를 골라 주세요.")})
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("결과 내용을 입력해 주세요.")})
    locked = _lock(item.meeting)
    _require_status(
        locked, M.HELD, M.MINUTES_PUBLISHED, message=_("개최 완료된 회의의 안건에만 결과를 기록할 수 있습니다.")
    )
    item = AgendaItem.objects.select_for_update(of=("self",)).select_related("proposal").get(pk=item.pk, meeting=locked)
    corrected = bool(item.outcome)
    item.outcome, item.outcome_note = outcome, note
    item.outcome_recorded_at, item.outcome_recorded_by = timezone.now(), actor
    item.full_clean()
    item.save()
    if item.proposal_id:
        record_event(
            proposal=item.proposal,
            actor=actor,
            action="meeting_outcome",
            note=outcome_note_text(locked, outcome, note),
            payload={
                "meeting_id": locked.pk,
                "meeting_title": locked.title,
                "meeting_date": f"{timezone.localtime(locked.starts_at):%Y-%m-%d}",
                "body": locked.body.code,
                "agenda_item": item.pk,
                "meeting_outcome": outcome,
                "corrected": corrected,
            },
        )
    return item


# --- the forum --------------------------------------------------------------------------------


def _strategies(values) -> list[Strategy]:
    return [value for value in values or [] if isinstance(value, Strategy)]


@transaction.atomic
def topic_open(*, actor, title: str, body: str, forum_only: bool = False, proposals=(), strategies=()) -> ForumTopic:
    if not actor.has_perm("meetings.add_forumtopic"):
        raise PermissionDenied(_("포럼 의제를 등록할 권한이 없습니다."))
    topic = ForumTopic(title=(title or "").strip(), body=(body or "").strip(), forum_only=bool(forum_only))
    topic.opened_by = actor
    topic.full_clean()
    topic.save()
    for proposal in proposals:
        _proposal_for(actor, proposal)
    topic.proposals.set(proposals)
    topic.strategies.set(_strategies(strategies))
    return topic


def _ensure_topic(actor, permission: str, topic: ForumTopic):
    if not actor.has_perm("meetings.view_forumtopic", topic):
        raise Http404
    if not actor.has_perm(permission, topic):
        raise PermissionDenied(_("이 작업을 할 권한이 없습니다."))


@transaction.atomic
def topic_update(*, topic: ForumTopic, actor, strategies=None, **fields) -> ForumTopic:
    _ensure_topic(actor, "meetings.change_forumtopic", topic)
    locked = ForumTopic.objects.select_for_update().get(pk=topic.pk)
    for name, value in fields.items():
        if name in TOPIC_FIELDS:
            setattr(locked, name, value.strip() if isinstance(value, str) else value)
    locked.full_clean()
    locked.save()
    if strategies is not None:
        locked.strategies.set(_strategies(strategies))
    return locked


@transaction.atomic
def topic_set_status(*, topic: ForumTopic, actor, status: str) -> ForumTopic:
    _ensure_topic(actor, "meetings.change_forumtopic", topic)
    if status not in TopicStatus.values:
        raise ValidationError({"status": _("알 수 없는 상태입니다.")})
    locked = ForumTopic.objects.select_for_update().get(pk=topic.pk)
    locked.status = status
    locked.closed_at = timezone.now() if status == TopicStatus.CLOSED else None
    locked.save(update_fields=["status", "closed_at", "updated_at"])
    return locked


@transaction.atomic
def proposal_table(*, proposal: Proposal, actor, reason: str, forum_only: bool = False) -> ForumTopic:
    """Table a proposal for the forum (e.g. one that needs other ministries): a forum topic
    about it, and a ``forum_tabled`` event on its timeline."""
    if not actor.has_perm("proposals.view_proposal", proposal):
        raise Http404
    if not actor.has_perm("meetings.table_proposal", proposal):
        raise PermissionDenied(_("건의과제를 포럼에 부의할 권한이 없습니다."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("부의 사유를 입력해 주세요.")})
    if proposal.status in PRE_SUBMISSION:
        raise ValidationError({"proposal": _("접수된 건의과제만 포럼에 부의할 수 있습니다.")})
    if ForumTopic.objects.filter(proposals=proposal, status=TopicStatus.OPEN).exists():
        raise ValidationError({"proposal": _("이미 포럼에서 논의 중인 건의과제입니다.")})
    topic = ForumTopic(
        title=Truncator(_("[부의] %(title)s") % {"title": proposal.title}).chars(200),
        body=_("건의과제 %(reference)s을(를) 포럼에 부의합니다.\n\n%(reason)s")
        % {"reference": proposal.reference, "reason": reason},
        forum_only=bool(forum_only),
        opened_by=actor,
    )
    topic.full_clean()
    topic.save()
    topic.proposals.add(proposal)
    topic.strategies.set(list(proposal.strategies.all()))
    record_event(
        proposal=proposal,
        actor=actor,
        action="forum_tabled",
        note=reason,
        payload={"topic": topic.pk},
    )
    return topic


@transaction.atomic
def recommendation_record(
    *,
    actor,
    title: str,
    body: str,
    adopted_on: datetime.date,
    topic: ForumTopic | None = None,
    meeting: Meeting | None = None,
    proposals=(),
    strategies=(),
) -> Recommendation:
    """Record a forum recommendation; each linked proposal's timeline gets a
    ``forum_recommendation`` event. A proposal may be linked when the actor may see it or
    when it is one of the topic's own proposals (the chair does not browse proposals)."""
    if not actor.has_perm("meetings.add_recommendation"):
        raise PermissionDenied(_("포럼 권고를 기록할 권한이 없습니다."))
    if topic is not None and not actor.has_perm("meetings.view_forumtopic", topic):
        raise ValidationError({"topic": _("포럼 의제를 찾을 수 없습니다.")})
    if meeting is not None and not actor.has_perm("meetings.view_meeting", meeting):
        raise ValidationError({"meeting": _("회의를 찾을 수 없습니다.")})
    topic_proposals = set(topic.proposals.values_list("pk", flat=True)) if topic is not None else set()
    for proposal in proposals:
        if proposal.pk not in topic_proposals:
            _proposal_for(actor, proposal)
    recommendation = Recommendation(
        title=(title or "").strip(),
        body=(body or "").strip(),
        adopted_on=adopted_on,
        topic=topic,
        meeting=meeting,
        recorded_by=actor,
    )
    recommendation.full_clean()
    recommendation.save()
    recommendation.proposals.set(proposals)
    recommendation.strategies.set(_strategies(strategies))
    for proposal in proposals:
        record_event(
            proposal=proposal,
            actor=actor,
            action="forum_recommendation",
            note=_("지역균형발전포럼 권고(%(date)s): %(title)s")
            % {"date": adopted_on.isoformat(), "title": recommendation.title},
            payload={"recommendation": recommendation.pk, "topic": topic.pk if topic else None},
        )
    return recommendation
