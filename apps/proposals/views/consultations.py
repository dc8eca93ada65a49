"""What a consulted organisation was asked, and its reply form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.accounts.selectors import user_organisation_ids

from .. import selectors
from ..forms import ConsultationAnswerForm
from ..models import ConsultationReply
from ..services import TransitionConflict, consultation_respond
from ..services.consultations import consultation_reply_edit as consultation_reply_edit_service


def _consulted_list(request, answer_form=None, status=200):
    organisations = user_organisation_ids(request.user)
    consultations = list(
        selectors.consultations_for(request.user)
        .filter(organisation_id__in=organisations)
        .prefetch_related("replies__author", "replies__files")
        .order_by(F("answered_at").desc(nulls_first=True), "due_at", "pk")
    )
    forms = {}
    for consultation in consultations:
        if consultation.accepts_replies:
            if answer_form is not None and answer_form.consultation_id == consultation.pk:
                forms[consultation.pk] = answer_form
            else:
                forms[consultation.pk] = ConsultationAnswerForm(consultation=consultation)
    rows = [
        {
            "consultation": c,
            "form": forms.get(c.pk),
            "editable": {
                reply.pk for reply in c.replies.all() if reply.author_id == request.user.pk and reply.editable
            },
        }
        for c in consultations
    ]
    return render(request, "proposals/consultations.html", {"rows": rows}, status=status)


@login_required
@permission_required("proposals.answer_consultations", raise_exception=True)
def consultation_list(request):
    """What the person's organisation was asked, with a reply form for open questions."""
    return _consulted_list(request)


@login_required
@require_POST
def consultation_answer(request, pk: int):
    consultation = selectors.consultations_for(request.user).filter(pk=pk).first()
    if consultation is None or not request.user.has_perm("proposals.respond_consultation", consultation):
        raise Http404
    form = ConsultationAnswerForm(request.POST, request.FILES, consultation=consultation)
    form.consultation_id = consultation.pk
    if form.is_valid():
        files = [form.cleaned_data["file"]] if form.cleaned_data.get("file") else []
        try:
            consultation_respond(
                consultation=consultation, actor=request.user, answer=form.cleaned_data["answer"], files=files
            )
        except ValidationError as error:
            form.add_service_error(error)
        except TransitionConflict as error:
            messages.error(request, str(error))
            return _consulted_list(request, status=409)
        else:
            messages.success(request, _("회신을 등록했습니다."))
            return redirect("consultation-list")
    return _consulted_list(request, answer_form=form, status=400)


def consulted_proposal(request, pk: int):
    """The proposal as a consulted organisation's member reads it: the body, the
    attachments and what their organisation was asked (404 for anyone else)."""
    proposal = selectors.consulted_proposal_get(request.user, pk)
    if proposal is None or not request.user.has_perm("proposals.read_consulted_proposal", proposal):
        raise Http404
    consultations = (
        proposal.consultations.filter(organisation_id__in=user_organisation_ids(request.user))
        .select_related("organisation", "requested_by", "answered_by")
        .order_by("created_at")
    )
    context = {
        "proposal": proposal,
        "consultations": consultations,
        "attachments": list(proposal.attachments.select_related("uploaded_by")),
    }
    return render(request, "proposals/consulted_detail.html", context)


@login_required
@require_POST
def consultation_reply_edit(request, pk: int):
    """Its author corrects a reply the asking department has not read yet."""
    reply = ConsultationReply.objects.select_related("consultation").filter(pk=pk).first()
    visible = reply is not None and selectors.consultations_for(request.user).filter(pk=reply.consultation_id).exists()
    if not visible:
        raise Http404
    try:
        consultation_reply_edit_service(reply=reply, actor=request.user, answer=request.POST.get("answer", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _consulted_list(request, status=400)
    except (TransitionConflict, PermissionDenied) as error:
        messages.error(request, str(error))
        return _consulted_list(request, status=409 if isinstance(error, TransitionConflict) else 403)
    messages.success(request, _("회신을 고쳤습니다."))
    return redirect("consultation-list")
