"""A region's draft: the new-proposal and edit pages (save, or save and submit)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ..attachments import attachment_add
from ..forms import ProposalForm
from ..models import ProposalStatus
from ..registry import ACTIONS
from ..services import (
    EDITABLE_FIELDS,
    TransitionConflict,
    proposal_create,
    proposal_fire,
    proposal_update,
)
from .common import visible_proposal


def _save_and_maybe_submit(request, form, proposal=None):
    """Save the draft through the services; with 제출, submit it in the same transaction."""
    data = form.cleaned_data
    fields = {name: data[name] for name in EDITABLE_FIELDS if name in data}
    submit = request.POST.get("intent") == "submit"
    with transaction.atomic():
        if proposal is None:
            proposal = proposal_create(
                actor=request.user, region=data["region"], strategies=data["strategies"], **fields
            )
        else:
            proposal = proposal_update(proposal=proposal, actor=request.user, strategies=data["strategies"], **fields)
        for upload in data.get("files") or []:
            try:
                attachment_add(proposal=proposal, actor=request.user, upload=upload)
            except ValidationError as error:
                raise ValidationError({"files": error.messages}) from error
        if submit:
            if proposal.status == ProposalStatus.INFO_REQUESTED:
                proposal = proposal_fire(proposal=proposal, actor=request.user, action="resubmit", note=data["answer"])
            else:
                proposal = proposal_fire(proposal=proposal, actor=request.user, action="submit")
    if not submit:
        messages.success(request, _("임시저장했습니다. 제출하기 전까지 우리 지역 담당자만 볼 수 있습니다."))
    elif proposal.status == ProposalStatus.AWAITING_ENDORSEMENT:
        messages.success(request, ACTIONS["submit"].done)
    else:
        messages.success(request, ACTIONS["resubmit"].done)
    return proposal


def _proposal_form_page(request, form, proposal=None):
    if request.method == "POST" and form.is_valid():
        try:
            saved = _save_and_maybe_submit(request, form, proposal)
        except ValidationError as error:
            form.add_service_error(error)
        except TransitionConflict as error:
            form.add_error(None, str(error))
        else:
            return redirect("proposal-detail", pk=saved.pk)
    status = 400 if form.errors else 200
    return render(request, "proposals/proposal_form.html", {"form": form, "proposal": proposal}, status=status)


@login_required
@permission_required("proposals.add_proposal", raise_exception=True)
def proposal_new(request):
    form = ProposalForm(request.POST or None, request.FILES or None, user=request.user)
    if not form.fields["region"].queryset.exists():
        raise PermissionDenied(_("건의과제를 작성할 수 있는 지역이 없습니다."))
    return _proposal_form_page(request, form)


@login_required
def proposal_edit(request, pk: int):
    proposal = visible_proposal(request.user, pk)
    if not request.user.has_perm("proposals.change_proposal", proposal):
        raise PermissionDenied(_("이 건의과제를 수정할 권한이 없습니다."))
    if not proposal.is_editable:
        messages.info(request, _("작성중이거나 보완요청 상태인 건의과제만 수정할 수 있습니다."))
        return redirect("proposal-detail", pk=pk)
    form = ProposalForm(request.POST or None, request.FILES or None, instance=proposal, user=request.user)
    return _proposal_form_page(request, form, proposal)
