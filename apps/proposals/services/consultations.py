"""자문·의견조회: a reviewer asks a partner organisation; its members answer (DESIGN.md §3)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.organisations.models import PartnerOrganisation

from ..models import Consultation, ConsultationReply, ConsultationReplyFile, Proposal
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


MAX_REPLY_FILES = 5


def _may_answer(actor, consultation):
    if not actor.has_perm("proposals.view_consultation", consultation):
        raise Http404
    if not actor.has_perm("proposals.respond_consultation", consultation):
        raise PermissionDenied(_("자문을 요청받은 기관의 구성원만 회신할 수 있습니다."))


def _clean_body(text) -> str:
    body = (text or "").strip()
    if not body:
        raise ValidationError({"answer": _("회신 내용을 입력해 주세요.")})
    return body


def consultation_respond(*, consultation: Consultation, actor, answer: str, files=()) -> Consultation:
    """A member of the consulted organisation answers (several members may, each more than
    once) until the reviewer closes the consultation; files are checked like attachments."""
    _may_answer(actor, consultation)
    body = _clean_body(answer)
    files = list(files or [])
    if len(files) > MAX_REPLY_FILES:
        raise ValidationError({"files": _("첨부파일은 %(count)s개까지 올릴 수 있습니다.") % {"count": MAX_REPLY_FILES}})
    from ..attachments import check_upload  # attachments imports this package

    checked = [(upload, check_upload(upload)) for upload in files]
    stored: list[str] = []
    try:
        with transaction.atomic():
            locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
            if not locked.accepts_replies:
                raise TransitionConflict(_("종결된 자문에는 회신할 수 없습니다."))
            reply = ConsultationReply.objects.create(consultation=locked, author=actor, body=body)
            for upload, check in checked:
                upload.seek(0)
                row = ConsultationReplyFile(
                    reply=reply, original_name=check.name, content_type=check.content_type, size=check.size
                )
                row.file.save(check.name, upload, save=False)  # reply_file_path picks a random name
                stored.append(row.file.name)
                row.save()
            locked.answer, locked.answered_by, locked.answered_at = body, actor, reply.created_at
            locked.state = Consultation.State.ANSWERED
            locked.save()
            record_event(
                proposal=locked.proposal,
                actor=actor,
                action="consultation_answered",
                note=body,
                payload={"consultation": locked.pk, "organisation": locked.organisation.code, "reply": reply.pk},
            )
    except BaseException:
        for name in stored:
            ConsultationReplyFile._meta.get_field("file").storage.delete(name)
        raise
    return locked


@transaction.atomic
def consultation_reply_edit(*, reply: ConsultationReply, actor, answer: str) -> ConsultationReply:
    """Its author corrects a reply the asking side has not read yet."""
    _may_answer(actor, reply.consultation)
    locked = ConsultationReply.objects.select_for_update().select_related("consultation").get(pk=reply.pk)
    if locked.author_id != actor.pk:
        raise PermissionDenied(_("자신이 쓴 회신만 고칠 수 있습니다."))
    if not locked.editable:
        raise TransitionConflict(_("요청 부서가 이미 확인한 회신은 고칠 수 없습니다."))
    locked.body = _clean_body(answer)
    locked.save()
    newest = locked.consultation.replies.order_by("-created_at", "-pk").first()
    if newest.pk == locked.pk:
        Consultation.objects.filter(pk=locked.consultation_id).update(answer=locked.body)
    return locked


def consultation_mark_read(*, consultation: Consultation, actor) -> int:
    """The asking side (who may close it) has read the replies: they can no longer be edited."""
    if not actor.has_perm("proposals.close_consultation_proposal", consultation.proposal):
        return 0
    return ConsultationReply.objects.filter(consultation=consultation, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def consultation_close(*, consultation: Consultation, actor, note: str = "") -> Consultation:
    """The registry's ``close_consultation`` action: the reviewer closes it explicitly."""
    proposal = consultation.proposal
    fire(proposal=proposal, actor=actor, action="close_consultation", consultation=consultation.pk, note=note)
    return Consultation.objects.get(pk=consultation.pk)
