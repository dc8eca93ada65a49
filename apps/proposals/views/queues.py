"""The proposal queues, one per role's work (DESIGN.md §2–3); each page's rule decides
who may open it. Reads go through ``selectors``; the bulk triage form through the
services, one proposal at a time."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from apps.accounts.selectors import user_department_ids
from apps.core.ids import parse_ids

from .. import selectors
from ..action_forms import BulkActionForm
from ..models import ProposalStatus
from ..queues import queue_rows
from ..registry import ACTIONS
from ..services import TransitionConflict, proposal_fire
from ..workload import department_workload
from .common import render_queue


def page_rule(permission: str):
    """Signed in, and the page's rule allows it (403 otherwise)."""

    def decorator(view):
        return login_required(permission_required(permission, raise_exception=True)(view))

    return decorator


@page_rule("proposals.list_proposals")
def proposal_list(request):
    """Every proposal the person may see, with filters."""
    filters, queryset = queue_rows(request.user, "proposal-list", request.GET)
    context = {
        "page_title": pgettext("menu", "건의과제"),
        "lead": _("볼 수 있는 모든 건의과제입니다. 조건을 바꾸면 목록이 바로 갱신됩니다."),
    }
    # Every visible proposal: filtered by state only, the TF's total is a maintained count.
    count = selectors.counted_total(request.user, filters)
    return render_queue(request, queryset, filters=filters, context=context, count=count)


@page_rule("proposals.list_region_proposals")
def proposal_mine(request):
    """The proposals of the person's own region(s), drafts included."""
    filters, queryset = queue_rows(request.user, "proposal-mine", request.GET)
    context = {
        "page_title": _("우리 지역 과제"),
        "lead": _("우리 지역이 작성하고 제출한 건의과제입니다. 작성중인 과제는 우리 지역 담당자만 볼 수 있습니다."),
        "can_create": request.user.has_perm("proposals.add_proposal"),
        "hidden_filters": {"region"},
    }
    return render_queue(request, queryset, filters=filters, context=context)


@page_rule("proposals.list_endorsements")
def proposal_endorsements(request):
    """The vice-governor's queue: proposals of their region awaiting endorsement."""
    filters, queryset = queue_rows(request.user, "proposal-endorsements", request.GET)
    context = {
        "page_title": _("부지사 확인"),
        "lead": _(
            "담당 공무원이 제출해 부지사 확인을 기다리는 건의과제입니다. 확인하면 국토교통부에 접수되고, "
            "반려하려면 과제를 열어 사유를 적어 주세요."
        ),
        "endorse_inline": True,
        # Nothing here is decided, assigned or late yet: only what tells proposals apart.
        "hidden_filters": {"status", "region", "outcome", "department", "overdue"},
    }
    return render_queue(request, queryset, filters=filters, context=context)


@page_rule("proposals.triage_proposals")
def proposal_triage(request):
    """The TF's queue: submitted proposals (by default), counts per state, bulk actions."""
    if request.method == "POST":
        return _triage_bulk(request)
    return _render_triage(request)


def _render_triage(request, bulk_form=None, status=200):
    user = request.user
    filters, queryset = queue_rows(user, "proposal-triage", request.GET)
    counts = selectors.status_counts(user)
    context = {
        "page_title": _("분류·배정"),
        "lead": _(
            "접수된 건의과제를 소관부서에 배정하거나 다른 부처로 이관하고, 중복 과제를 병합합니다. "
            "여러 과제를 골라 한 번에 처리할 수 있습니다."
        ),
        "selectable": True,
        "status_counts": [
            {"value": value, "label": label, "count": counts.get(value, 0)}
            for value, label in ProposalStatus.choices
            if counts.get(value) or value not in (ProposalStatus.DRAFT, ProposalStatus.AWAITING_ENDORSEMENT)
        ],
        "bulk_form": bulk_form or BulkActionForm(user=user),
        "checked_ids": set(bulk_form.cleaned_data.get("ids", [])) if bulk_form is not None else set(),
        "overdue_work": selectors.overdue_work(user),
    }
    count = selectors.counted_total(user, filters)
    response = render_queue(
        request, queryset, filters=filters, context=context, template="proposals/triage.html", count=count
    )
    response.status_code = status
    return response


def _triage_bulk(request):
    user = request.user
    form = BulkActionForm(request.POST, user=user, row_ids=parse_ids(request.POST.getlist("ids")) or [])
    if not form.is_valid():
        return _render_triage(request, bulk_form=form, status=400)
    action = form.cleaned_data["bulk_action"]
    fields = form.service_fields()
    done, failed = [], []
    for pk in form.cleaned_data["ids"]:
        proposal = selectors.proposal_get(user, pk)
        if proposal is None:
            failed.append((f"#{pk}", _("건의과제를 찾을 수 없습니다.")))
            continue
        try:
            proposal_fire(proposal=proposal, actor=user, action=action, **fields)
        except ValidationError as error:
            failed.append((proposal.reference, " ".join(error.messages)))
        except (TransitionConflict, PermissionDenied) as error:
            failed.append((proposal.reference, str(error) or _("이 작업을 할 권한이 없습니다.")))
        except Http404:
            failed.append((proposal.reference, _("건의과제를 찾을 수 없습니다.")))
        else:
            done.append(proposal.reference)
    label = ACTIONS[action].label
    if done:
        messages.success(
            request,
            _("%(action)s 완료 %(count)d건: %(references)s")
            % {"action": label, "count": len(done), "references": ", ".join(done)},
        )
    for reference, reason in failed:
        messages.error(
            request,
            _("%(action)s 실패 %(reference)s: %(reason)s")
            % {"action": label, "reference": reference, "reason": reason},
        )
    query = request.GET.urlencode()
    return redirect(f"{reverse('proposal-triage')}{'?' + query if query else ''}")


@page_rule("proposals.review_proposals")
def proposal_inbox(request):
    """A reviewer's inbox: their department's proposals (lead or support), due first."""
    filters, queryset = queue_rows(request.user, "proposal-inbox", request.GET)
    context = {
        "page_title": _("부서 검토함"),
        "lead": _(
            "우리 부서가 주관하거나 협조하는 건의과제입니다. 처리기한이 빠른 순서이며, 기한이 지난 과제는 "
            "‘기한 초과’로 표시합니다. 상태를 고르지 않으면 처리할 일이 남은 과제만 보입니다."
        ),
        "department_ids": user_department_ids(request.user),
        "show_department_role": True,
        "overdue_work": selectors.overdue_work(request.user),
    }
    return render_queue(request, queryset, filters=filters, context=context)


@page_rule("proposals.view_workload")
def proposal_workload(request):
    """Per department: proposals waiting, overdue, and the median days to decide."""
    rows = list(department_workload(request.user))
    return render(request, "proposals/workload.html", {"rows": rows})
