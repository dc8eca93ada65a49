"""Who is asked to a meeting and how they answer: invitations (an announced meeting's
new invitees are told at once), RSVP, and attendance once it is held."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import selectors
from ..models import OPEN_FOR_CHANGES, Invitation, Meeting, MeetingStatus, Rsvp
from .common import ensure_allowed, lock_meeting, notify_invited, require_status

M = MeetingStatus


@transaction.atomic
def invitation_add(*, meeting: Meeting, actor, people, capacity: str = "") -> list[Invitation]:
    """Invite ``people`` (users, or (user, capacity) pairs); an announced meeting's new
    invitees are told at once. People already invited are left as they are."""
    ensure_allowed(actor, "meetings.change_meeting", meeting)
    locked = lock_meeting(meeting)
    require_status(locked, *OPEN_FOR_CHANGES, message=_("개최 전인 회의에만 참석 대상자를 추가할 수 있습니다."))
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
        notify_invited(locked, actor, people=[invitation.person_id for invitation in created])
    return created


def invite_members(*, meeting: Meeting, actor) -> list[Invitation]:
    return invitation_add(meeting=meeting, actor=actor, people=selectors.suggested_invitees(meeting))


@transaction.atomic
def invitation_remove(*, invitation: Invitation, actor) -> None:
    meeting = invitation.meeting
    ensure_allowed(actor, "meetings.change_meeting", meeting)
    locked = lock_meeting(meeting)
    require_status(locked, *OPEN_FOR_CHANGES, message=_("개최 전인 회의의 참석 대상자만 뺄 수 있습니다."))
    Invitation.objects.filter(pk=invitation.pk, meeting=locked).delete()


@transaction.atomic
def invitation_respond(*, meeting: Meeting, actor, rsvp: str, note: str = "") -> Invitation:
    """The invitee answers: attending, tentative or not attending (with an optional note)."""
    ensure_allowed(actor, "meetings.respond_meeting", meeting)
    if rsvp not in (Rsvp.ACCEPTED, Rsvp.TENTATIVE, Rsvp.DECLINED):
        raise ValidationError({"rsvp": _("참석, 미정, 불참 중에서 골라 주세요.")})
    locked = lock_meeting(meeting)
    require_status(locked, M.SCHEDULED, message=_("개최 예정인 회의에만 참석 여부를 회신할 수 있습니다."))
    invitation = Invitation.objects.select_for_update().get(meeting=locked, person=actor)
    invitation.rsvp = rsvp
    invitation.rsvp_note = (note or "").strip()[:300]
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["rsvp", "rsvp_note", "responded_at"])
    return invitation


@transaction.atomic
def attendance_record(*, meeting: Meeting, actor, attended_ids) -> int:
    """Who attended a held meeting: the listed invitees did, the others did not."""
    ensure_allowed(actor, "meetings.change_meeting", meeting)
    locked = lock_meeting(meeting)
    require_status(locked, M.HELD, message=_("개최 완료되고 회의록을 공개하기 전에 출석을 기록할 수 있습니다."))
    ids = {int(pk) for pk in attended_ids}
    invitations = Invitation.objects.filter(meeting=locked)
    unknown = ids - set(invitations.values_list("pk", flat=True))
    if unknown:
        raise ValidationError({"attended": _("참석 대상자가 아닌 항목이 있습니다.")})
    invitations.filter(pk__in=ids).update(attended=True)
    invitations.exclude(pk__in=ids).update(attended=False)
    return len(ids)
