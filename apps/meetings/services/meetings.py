"""A meeting's own life: created (drafted), changed, scheduled (announced to its
invitees), cancelled, held, and its minutes written and published."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django_fsm import can_proceed

from apps.notifications import messages as texts
from apps.notifications.models import Kind
from apps.organisations.models import Body

from ..models import OPEN_FOR_CHANGES, Meeting, MeetingStatus
from .common import (
    MeetingConflict,
    announce_change,
    ensure_allowed,
    lock_meeting,
    notify_invited,
    notify_invitees,
    require_status,
    save_meeting,
    validate_meeting,
)

M = MeetingStatus
MEETING_FIELDS = (
    "title", "region", "starts_at", "ends_at", "place", "address", "chair", "chair_title", "summary", "is_public",
)  # fmt: skip
# Changes invitees must hear of once the meeting is announced.
NOTIFIED_FIELDS = frozenset({"title", "starts_at", "ends_at", "place", "address"})


def _clean_fields(fields: dict) -> dict:
    return {name: value for name, value in fields.items() if name in MEETING_FIELDS}


@transaction.atomic
def meeting_create(*, actor, body: Body, **fields) -> Meeting:
    ensure_allowed(actor, "meetings.add_meeting")
    values = _clean_fields(fields)
    if not values.get("chair_title"):
        values["chair_title"] = body.chair_title
    meeting = Meeting(body=body, created_by=actor, **values)
    validate_meeting(meeting)
    meeting.save()
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, actor, **fields) -> Meeting:
    """Change what a meeting not yet held says; once announced, invitees hear of it."""
    ensure_allowed(actor, "meetings.change_meeting", meeting)
    locked = lock_meeting(meeting)
    require_status(locked, *OPEN_FOR_CHANGES, message=_("개최 전인 회의만 수정할 수 있습니다."))
    changed = []
    for name, value in _clean_fields(fields).items():
        if getattr(locked, name) != value:
            setattr(locked, name, value)
            changed.append(name)
    validate_meeting(locked)
    save_meeting(locked)
    if NOTIFIED_FIELDS & set(changed):
        labels = [texts.field_label(Meeting, name) for name in changed if name in NOTIFIED_FIELDS]
        announce_change(locked, actor, texts.joined(labels))
    return locked


@transaction.atomic
def meeting_schedule(*, meeting: Meeting, actor) -> Meeting:
    """drafted → scheduled: the meeting is announced and its invitees are invited."""
    ensure_allowed(actor, "meetings.change_meeting", meeting)
    locked = lock_meeting(meeting)
    if not can_proceed(locked.schedule):
        require_status(locked, M.DRAFTED)
    locked.schedule()
    save_meeting(locked)
    notify_invited(locked, actor)
    return locked


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, actor, reason: str) -> Meeting:
    ensure_allowed(actor, "meetings.change_meeting", meeting)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("취소 사유를 입력해 주세요.")})
    locked = lock_meeting(meeting)
    require_status(locked, *OPEN_FOR_CHANGES, message=_("개최 전인 회의만 취소할 수 있습니다."))
    was_announced = locked.status == M.SCHEDULED
    locked.cancel()
    locked.cancel_reason = reason
    locked.sequence += 1
    save_meeting(locked)
    if was_announced:
        notify_invitees(
            locked,
            kind=Kind.MEETING_CHANGED,
            occasion="cancelled",
            label=texts.deferred(gettext_noop("회의 취소")),
            body=texts.deferred(
                gettext_noop("회의가 취소되었습니다. 사유: %(reason)s"), reason=Truncator(reason).chars(500)
            ),
            actor=actor,
        )
    return locked


@transaction.atomic
def meeting_hold(*, meeting: Meeting, actor) -> Meeting:
    """scheduled → held, once the meeting has started."""
    ensure_allowed(actor, "meetings.change_meeting", meeting)
    locked = lock_meeting(meeting)
    require_status(locked, M.SCHEDULED, message=_("개최 예정인 회의만 개최 완료로 표시할 수 있습니다."))
    if locked.starts_at > timezone.now():
        raise MeetingConflict(_("회의 시작 시각이 지난 뒤에 개최 완료로 표시할 수 있습니다."))
    locked.hold()
    save_meeting(locked)
    return locked


@transaction.atomic
def minutes_save(*, meeting: Meeting, actor, minutes: str) -> Meeting:
    """The draft minutes of a held meeting (markdown; sanitised when shown)."""
    ensure_allowed(actor, "meetings.edit_minutes", meeting)
    locked = lock_meeting(meeting)
    require_status(locked, M.HELD, message=_("개최 완료되고 아직 공개하지 않은 회의록만 수정할 수 있습니다."))
    locked.minutes = (minutes or "").strip()
    locked.minutes_updated_at = timezone.now()
    validate_meeting(locked)
    save_meeting(locked)
    return locked


@transaction.atomic
def meeting_publish_minutes(*, meeting: Meeting, actor) -> Meeting:
    """held → minutes_published: the minutes become final and invitees are told."""
    ensure_allowed(actor, "meetings.edit_minutes", meeting)
    locked = lock_meeting(meeting)
    require_status(locked, M.HELD, message=_("개최 완료된 회의의 회의록만 공개할 수 있습니다."))
    if not locked.minutes.strip():
        raise ValidationError({"minutes": _("공개할 회의록 내용이 없습니다. 먼저 회의록을 작성해 주세요.")})
    locked.publish_minutes()
    locked.minutes_published_at = timezone.now()
    save_meeting(locked)
    notify_invitees(
        locked,
        kind=Kind.MINUTES_PUBLISHED,
        occasion="minutes",
        label=texts.deferred(gettext_noop("회의록 공개")),
        body=texts.deferred(gettext_noop("회의록이 공개되었습니다. 안건별 논의 결과를 확인해 주세요.")),
        actor=actor,
    )
    return locked
