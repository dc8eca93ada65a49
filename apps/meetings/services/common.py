"""What every meetings service shares: the rule check, the row lock, the state guard,
the conflict error and the notice to a meeting's invitees.

Each service checks its rule (404 when the actor may not even see the meeting, 403 when
they may see it but not act), locks the meeting row, validates, saves and notifies in
one transaction. Invitees hear of an announced meeting (``meeting_invited``), of every
later change to its time, place or agenda and of its cancellation (``meeting_changed``)
and of its published minutes (``minutes_published``); each occasion reaches a person
once.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import dateformat, timezone, translation
from django.utils.text import Truncator
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _
from django_fsm import ConcurrentTransition

from apps.notifications import messages as texts
from apps.notifications import recipients
from apps.notifications.models import Kind
from apps.notifications.services import notify
from apps.proposals.models import PRE_SUBMISSION, Proposal

from .. import selectors
from ..models import Meeting, MeetingStatus


class MeetingConflict(Exception):
    """Not possible in the meeting's current state, or someone else changed it first (HTTP 409)."""


def ensure_allowed(actor, permission: str, meeting: Meeting | None = None):
    if meeting is not None and not actor.has_perm("meetings.view_meeting", meeting):
        raise Http404
    if not actor.has_perm(permission, meeting):
        raise PermissionDenied(_("이 작업을 할 권한이 없습니다."))


def lock_meeting(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update(of=("self",)).select_related("body", "region").get(pk=meeting.pk)


def require_status(meeting: Meeting, *statuses: str, message: str | None = None):
    if meeting.status not in statuses:
        raise MeetingConflict(
            message
            or _("현재 상태(%(status)s)에서는 이 작업을 할 수 없습니다.") % {"status": meeting.get_status_display()}
        )


def save_meeting(meeting: Meeting):
    try:
        meeting.save()
    except ConcurrentTransition as error:
        raise MeetingConflict(_("다른 사용자가 먼저 이 회의를 변경했습니다. 화면을 새로 고쳐 주세요.")) from error


def validate_meeting(meeting: Meeting):
    # The protected FSM field refuses the assignment full_clean makes; only transitions set it.
    meeting.full_clean(exclude=["status"])


def meeting_url(meeting: Meeting) -> str:
    return reverse("meeting-detail", args=[meeting.pk])


def when_text(meeting: Meeting) -> str:
    start, end = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
    # (금) in Korean — Django's Korean abbreviation is the full 금요일 — and (Fri) in English.
    korean = (get_language() or "ko").startswith("ko")
    weekday = "월화수목금토일"[start.weekday()] if korean else dateformat.format(start, "D")
    if start.date() == end.date():
        return f"{start:%Y-%m-%d}({weekday}) {start:%H:%M}~{end:%H:%M}"
    return f"{start:%Y-%m-%d %H:%M} ~ {end:%Y-%m-%d %H:%M}"


def _notice_title(label, meeting: Meeting) -> dict:
    date = f"{timezone.localtime(meeting.starts_at):%Y-%m-%d}"
    return texts.joined(["[", label, "] ", date, " ", meeting.title], separator="")


def notify_invitees(meeting: Meeting, *, kind: str, occasion: str, label, body, actor, people=None) -> int:
    """``label`` and ``body`` are deferred texts (``apps.notifications.messages``): each
    invitee reads them in their language; the stored fallback is Korean."""
    ids = selectors.invitee_ids(meeting) if people is None else people
    audience = recipients.recipients_of_users(ids, exclude_user_id=getattr(actor, "pk", None))
    params = texts.text_params(_notice_title(label, meeting), body)
    with translation.override(settings.LANGUAGE_CODE):
        title, text = texts.render_text(params["title"]), texts.render_text(body)
    return notify(
        kind=kind,
        people=audience,
        occasion_key=f"meeting:{meeting.pk}:{occasion}",
        title=Truncator(title).chars(300),
        body=text,
        url=meeting_url(meeting),
        target=meeting,
        params=params,
    )


def notify_invited(meeting: Meeting, actor, people=None) -> int:
    """The invitation itself: all invitees when the meeting is announced, or ``people``
    added to an announced meeting (each person hears of it once)."""
    return notify_invitees(
        meeting,
        kind=Kind.MEETING_INVITED,
        occasion="invited",
        label=texts.deferred(gettext_noop("회의 초대")),
        body=details_text(meeting),
        actor=actor,
        people=people,
    )


def details_text(meeting: Meeting) -> dict:
    return texts.joined(
        [
            texts.deferred(
                gettext_noop("일시: %(when)s\n장소: %(place)s"),
                when=texts.when(meeting.starts_at, meeting.ends_at),
                place=meeting.place,
            ),
            f" ({meeting.address})" if meeting.address else "",
        ],
        separator="",
    )


def announce_change(meeting: Meeting, actor, what) -> int:
    """An announced meeting changed: bump its calendar sequence and tell the invitees.
    ``what``: the deferred name of what changed (``messages.field_label`` …)."""
    meeting.sequence += 1
    Meeting.objects.filter(pk=meeting.pk).update(sequence=meeting.sequence, updated_at=timezone.now())
    if meeting.status != MeetingStatus.SCHEDULED:
        return 0
    changed = texts.deferred(gettext_noop("%(what)s 변경되었습니다."), what={**what, "particle": "이/가"})
    body = texts.joined([changed, details_text(meeting)], separator="\n")
    return notify_invitees(
        meeting,
        kind=Kind.MEETING_CHANGED,
        occasion=f"changed:{meeting.sequence}",
        label=texts.deferred(gettext_noop("회의 변경")),
        body=body,
        actor=actor,
    )


def proposal_for(actor, proposal) -> Proposal | None:
    """A proposal named in a form, if the actor may see it and it was submitted."""
    if proposal is None:
        return None
    if not actor.has_perm("proposals.view_proposal", proposal) or proposal.status in PRE_SUBMISSION:
        raise ValidationError({"proposal": _("건의과제를 찾을 수 없습니다.")})
    return proposal
