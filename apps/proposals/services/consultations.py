"""자문·의견조회: a reviewer asks a partner organisation; its members answer (DESIGN.md §3)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.organisations.models import PartnerOrganisation

from ..models import Consultation, Proposal
from .events import TransitionConflict, record_event
from .firing import fire


def consultation_request(
    *, proposal: Proposal, actor, organisation: PartnerOrganisation, question: str, due_at=None
) -> Consultation:
    """The registry's ``consult`` action: the question is the event's note."""
    _proposal, event = fire(
        proposal=proposal, actor=actor, action="consult", organisation=organisation, question=question, due_at=due_at
    )
    return Consultation.objects.get(pk=event.payload["consultation"])


@transaction.atomic
def consultation_respond(*, consultation: Consultation, actor, answer: str) -> Consultation:
    if not actor.has_perm("proposals.view_consultation", consultation):
        raise Http404
    if not actor.has_perm("proposals.respond_consultation", consultation):
        raise PermissionDenied(_("자문을 요청받은 기관의 구성원만 회신할 수 있습니다."))
    locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if locked.state != Consultation.State.OPEN:
        raise TransitionConflict(_("이미 회신한 자문입니다."))
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError({"answer": _("회신 내용을 입력해 주세요.")})
    locked.answer, locked.answered_by, locked.answered_at = answer, actor, timezone.now()
    locked.state = Consultation.State.ANSWERED
    locked.save()
    record_event(
        proposal=locked.proposal,
        actor=actor,
        action="consultation_answered",
        note=answer,
        payload={"consultation": locked.pk, "organisation": locked.organisation.code},
    )
    return locked
