"""Writes of the visit pages: commitments recorded after a council meeting, and closed."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.meetings.models import COUNCIL_CODE, MeetingStatus

from .models import Commitment


def commitment_record(*, meeting, actor, title: str, owner: str, due_at, proposal=None) -> Commitment:
    if not actor.has_perm("visits.record_commitment"):
        raise PermissionDenied(_("회의 약속을 기록할 권한이 없습니다."))
    if meeting.body.code != COUNCIL_CODE or meeting.region_id is None:
        raise ValidationError(_("지역협의회 회의에만 약속을 기록합니다."))
    if meeting.status not in (MeetingStatus.HELD, MeetingStatus.MINUTES_PUBLISHED):
        raise ValidationError(_("약속은 회의를 개최한 뒤에 기록합니다."))
    if (
        proposal is not None
        and proposal.region_id != meeting.region_id
        and proposal.region.successor_id != meeting.region_id
    ):
        raise ValidationError({"proposal": _("이 지역의 건의과제가 아닙니다.")})
    commitment = Commitment(
        meeting=meeting,
        region=meeting.region,
        proposal=proposal,
        title=title,
        owner=owner,
        due_at=due_at,
        created_by=actor,
    )
    commitment.full_clean()
    commitment.save()
    return commitment


@transaction.atomic
def commitment_close(*, commitment: Commitment, actor, state: str, note: str) -> Commitment:
    if not actor.has_perm("visits.record_commitment"):
        raise PermissionDenied(_("회의 약속을 종결할 권한이 없습니다."))
    locked = Commitment.objects.select_for_update().get(pk=commitment.pk)
    if locked.state != Commitment.State.OPEN:
        raise ValidationError(_("이미 종결된 약속입니다."))
    if state not in (Commitment.State.DONE, Commitment.State.DROPPED):
        raise ValidationError({"state": _("이행 완료나 종결(이행 불가)을 골라 주세요.")})
    locked.state, locked.closing_note, locked.closed_at = state, note.strip(), timezone.now()
    locked.save(update_fields=["state", "closing_note", "closed_at"])
    return locked
