"""The decision as a deliberate step: a full-width page where the reviewer writes the
decision, sees exactly the block the public page will show (the portal's own template,
``portal/_decision.html``) and confirms it."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..action_forms import action_form
from ..registry import ACTIONS
from ..services import TransitionConflict, can_fire, proposal_fire
from .common import visible_proposal

DECIDE = ACTIONS["decide"]


def public_preview(proposal, cleaned: dict):
    """The proposal as the public page will show it once decided with ``cleaned``."""
    preview = copy.copy(proposal)
    preview.outcome = cleaned["outcome"]
    preview.decision_summary = cleaned.get("decision_summary") or ""
    preview.planned_for = cleaned.get("planned_for")
    preview.decided_at = timezone.now()
    return preview


@login_required
def proposal_decide(request, pk: int):
    user = request.user
    proposal = visible_proposal(user, pk)
    if not user.has_perm(DECIDE.permission, proposal):
        raise PermissionDenied(_("이 작업을 할 권한이 없습니다."))
    detail = reverse("proposal-detail", args=[pk])
    if not can_fire(user, proposal, "decide"):
        messages.info(request, _("검토중인 과제만 검토결과를 결정할 수 있습니다."))
        return redirect(detail)
    form = action_form("decide", proposal=proposal, user=user, data=request.POST or None)
    preview, status = None, 200
    if request.method == "POST":
        if not form.is_valid():
            status = 400
        elif request.POST.get("intent") == "confirm":
            try:
                proposal_fire(
                    proposal=proposal,
                    actor=user,
                    action="decide",
                    expected_status=request.POST.get("seen_status") or None,
                    **form.service_fields(),
                )
            except ValidationError as error:
                form.add_service_error(error)
                status = 400
            except TransitionConflict as error:
                messages.error(request, str(error))
                return redirect(detail)
            else:
                messages.success(request, DECIDE.done)
                return redirect(detail)
        else:
            preview = public_preview(proposal, form.cleaned_data)
    return render_decide(request, proposal, form, preview=preview, status=status)


def render_decide(request, proposal, form, *, preview=None, status=200):
    context = {"proposal": proposal, "form": form, "preview": preview}
    return render(request, "proposals/decide.html", context, status=status)
