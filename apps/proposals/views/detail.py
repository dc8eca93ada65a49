"""One proposal's page: its timeline as the viewer may read it, one form per action the
person may fire now, consultations and attachments."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from apps.core.ids import parse_id, parse_ids

from .. import selectors
from ..action_forms import action_form
from ..attachments import attachment_add
from ..display import detail_rows
from ..forms import ConsultationRequestForm
from ..models import Consultation, ProposalStatus
from ..pickers import open_proposals, suggestions
from ..registry import FIREABLE
from ..services import (
    TransitionConflict,
    available_actions,
    can_fire,
    consultation_request,
    proposal_fire,
)
from ..services.consultations import consultation_mark_read
from ..steps import steps_for
from ..timeline import timeline_for
from .common import status_badge_class, visible_proposal
from .consultations import consulted_proposal
from .decision import render_decide

# A proposal waiting on its region: the event that asked, and the action that answers it.
WAITING_ON_REGION = {
    ProposalStatus.INFO_REQUESTED: ("request_info", "resubmit"),
    ProposalStatus.DRAFT: ("return", "submit"),
}

CONFLICT_MESSAGE = gettext_lazy("다른 사용자가 먼저 처리했습니다. 아래의 최신 상태를 확인한 뒤 다시 시도해 주세요.")


def open_request(proposal, timeline: list[dict], actions: list[str]) -> dict | None:
    """The info request or return the region has still to answer (its latest event, as
    the viewer may read it), with the action that answers it if the viewer may fire it."""
    waiting = WAITING_ON_REGION.get(proposal.status)
    if waiting is None:
        return None
    asked, answer = waiting
    row = next((row for row in reversed(timeline) if row["event"].action == asked), None)
    if row is None:
        return None
    return {"kind": asked, "row": row, "answer": answer if answer in actions else ""}


def _detail_context(request, proposal, *, bound_form=None, consult_form=None, upload_error=None) -> dict:
    user = request.user
    forms = []
    for name in available_actions(user, proposal):
        if name == "consult":
            continue  # its own section, beside the consultations
        if bound_form is not None and bound_form.action == name:
            forms.append(bound_form)
        else:
            forms.append(action_form(name, proposal=proposal, user=user))
    show_internal = user.has_perm("proposals.view_internal_notes", proposal)
    timeline = detail_rows(timeline_for(user, proposal, selectors.proposal_events(proposal)))
    return {
        "open_request": open_request(proposal, timeline, [form.action for form in forms]),
        "proposal": proposal,
        "action_forms": forms,
        "open_action": bound_form.action if bound_form is not None else "",
        "can_edit": user.has_perm("proposals.change_proposal", proposal) and proposal.is_editable,
        "show_internal": show_internal,
        "timeline": timeline,
        "consultations": list(
            proposal.consultations.select_related("organisation", "requested_by", "answered_by")
            .prefetch_related("replies__author", "replies__files")
            .order_by("created_at")
        )
        if show_internal
        else [],
        "consult_form": (consult_form or ConsultationRequestForm()) if can_fire(user, proposal, "consult") else None,
        "attachments": list(proposal.attachments.select_related("uploaded_by")),
        "may_attach": user.has_perm("proposals.attach_proposal", proposal),
        "upload_error": upload_error,
        "merged_from": list(
            selectors.proposal_list(user)
            .prefetch_related(None)
            .filter(merged_into=proposal)
            .values("pk", "reference", "title")
        ),
        "badge_class": status_badge_class(proposal.status),
        "steps": steps_for(proposal),
        "milestones": list(proposal.milestones.select_related("department")),
    }


def render_detail(request, proposal, status=200, **kwargs):
    return render(
        request, "proposals/proposal_detail.html", _detail_context(request, proposal, **kwargs), status=status
    )


@login_required
def proposal_detail(request, pk: int):
    proposal = selectors.proposal_get(request.user, pk)
    if proposal is None:
        # Someone asked about it reads what they were asked about, not the whole record.
        return consulted_proposal(request, pk)
    # The asking side has now seen the replies: from here on their authors cannot edit them.
    for consultation in proposal.consultations.exclude(state=Consultation.State.CLOSED):
        consultation_mark_read(consultation=consultation, actor=request.user)
    return render_detail(request, proposal)


def _conflict(request, pk, error=None):
    """409 with the refreshed page and why: someone else acted first."""
    proposal = visible_proposal(request.user, pk)
    message = str(CONFLICT_MESSAGE)
    if error is not None and str(error):
        message = f"{message} ({error})"
    messages.error(request, message)
    return render_detail(request, proposal, status=409)


def _next_url(request) -> str | None:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return None


def _invalid(request, proposal, form):
    """400 with the errors beside the fields: the decision on its own page, others in
    the proposal page's action form."""
    if form.action == "decide":
        return render_decide(request, proposal, form, status=400)
    return render_detail(request, proposal, bound_form=form, status=400)


@login_required
@require_POST
def proposal_action(request, pk: int, action: str):
    """Fire one action from its form; PRG with a message, or the page again with errors."""
    spec = FIREABLE.get(action)
    if spec is None:
        raise Http404
    user = request.user
    proposal = visible_proposal(user, pk)
    if not user.has_perm(spec.permission, proposal):
        raise PermissionDenied(_("이 작업을 할 권한이 없습니다."))
    form = action_form(action, proposal=proposal, user=user, data=request.POST, files=request.FILES)
    if not form.is_valid():
        return _invalid(request, proposal, form)
    try:
        # Files sent with the action (재제출's 보완 자료) are stored with it or not at all.
        with transaction.atomic():
            for upload in getattr(form, "uploads", []):
                try:
                    attachment_add(proposal=proposal, actor=user, upload=upload)
                except ValidationError as error:
                    raise ValidationError({"files": error.messages}) from error
            proposal_fire(
                proposal=proposal,
                actor=user,
                action=action,
                expected_status=request.POST.get("seen_status") or None,
                **form.service_fields(),
            )
    except ValidationError as error:
        form.add_service_error(error)
        return _invalid(request, proposal, form)
    except TransitionConflict as error:
        return _conflict(request, pk, error)
    messages.success(request, spec.done)
    return redirect(_next_url(request) or reverse("proposal-detail", args=[pk]))


@login_required
@require_POST
def proposal_consult(request, pk: int):
    """A reviewer asks a partner organisation about the proposal."""
    user = request.user
    proposal = visible_proposal(user, pk)
    if not user.has_perm("proposals.consult_proposal", proposal):
        raise PermissionDenied(_("이 작업을 할 권한이 없습니다."))
    form = ConsultationRequestForm(request.POST)
    if form.is_valid():
        organisation = form.cleaned_data["organisation"]
        try:
            consultation = consultation_request(
                proposal=proposal,
                actor=user,
                organisation=organisation,
                question=form.cleaned_data["question"],
                due_at=form.cleaned_data["due_at"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        except TransitionConflict as error:
            return _conflict(request, pk, error)
        else:
            messages.success(
                request, _("%(organisation)s에 자문을 요청했습니다.") % {"organisation": consultation.organisation}
            )
            return redirect(reverse("proposal-detail", args=[pk]) + "#consultations-title")
    return render_detail(request, proposal, consult_form=form, status=400)


@login_required
@require_POST
def proposal_attach(request, pk: int):
    """Add a file to the proposal (the attachments service checks type and size)."""
    user = request.user
    proposal = visible_proposal(user, pk)
    if not user.has_perm("proposals.attach_proposal", proposal):
        raise PermissionDenied(_("이 작업을 할 권한이 없습니다."))
    upload = request.FILES.get("file")
    if upload is None:
        return render_detail(request, proposal, upload_error=_("첨부할 파일을 선택해 주세요."), status=400)
    try:
        attachment_add(proposal=proposal, actor=user, upload=upload)
    except ValidationError as error:
        return render_detail(request, proposal, upload_error=" ".join(error.messages), status=400)
    messages.success(request, _("첨부파일을 등록했습니다."))
    return redirect(reverse("proposal-detail", args=[pk]) + "#attachments-title")


@login_required
@permission_required("proposals.merge_proposal", raise_exception=True)
def merge_targets(request):
    """Suggestions for the merge target as one types (``pickers.ReferencePicker``)."""
    # The proposal itself, and on the triage page every checked row, are not targets.
    excluded = [parse_id(request.GET.get("exclude")), *(parse_ids(request.GET.getlist("ids")) or [])]
    rows = open_proposals(request.user, excluded)
    options = suggestions(rows, request.GET.get("into", ""))
    return render(request, "proposals/_reference_options.html", {"options": options})
