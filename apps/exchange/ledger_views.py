"""The ledger (관리대장) pages under ``/exchange/ledger/``: download it (with the list's
filters), upload an edited one, see each changed cell (before → after) and each refused
row, and apply — the job page polls its status fragment (htmx) while a job runs, and
the list of one's jobs is there to come back to."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from apps.proposals.queues import query_filters
from apps.proposals.selectors import ProposalFilter
from apps.proposals.services import TransitionConflict

from .forms import LedgerUploadForm
from .ledger import selectors, updates
from .ledger.export import ledger_response
from .models import LedgerUpdate
from .safety import ImportRefused
from .views import _filters_label


def _own_job(user, pk) -> LedgerUpdate:
    job = LedgerUpdate.objects.filter(pk=pk, created_by=user).select_related("created_by").first()
    if job is None:
        raise Http404
    return job


def _home(request, form=None, status=200):
    may_update = request.user.has_perm("exchange.update_ledger")
    jobs = list(LedgerUpdate.objects.filter(created_by=request.user)[:50]) if may_update else []
    context = {
        "form": form or LedgerUploadForm(),
        "jobs": jobs,
        "may_update": may_update,
        "filter": ProposalFilter(query_filters(request.GET)),
    }
    return render(request, "exchange/ledger.html", context, status=status)


@login_required
@permission_required("exchange.export_ledger", raise_exception=True)
def ledger_home(request):
    if request.method == "POST":
        if not request.user.has_perm("exchange.update_ledger"):
            raise Http404
        form = LedgerUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                job = updates.update_upload(actor=request.user, upload=form.cleaned_data["file"])
            except ImportRefused as refusal:
                form.add_error("file", " ".join(refusal.messages))
            else:
                return redirect("exchange-ledger-update", pk=job.pk)
        return _home(request, form, status=400)
    return _home(request)


@login_required
@permission_required("exchange.export_ledger", raise_exception=True)
@require_GET
def ledger_download(request):
    filters = query_filters(request.GET)
    filterset = ProposalFilter(filters, queryset=selectors.ledger_rows(request.user))
    if not filterset.is_valid():
        messages.error(request, _("조건이 올바르지 않습니다. 다시 골라 주세요."))
        return redirect("exchange-ledger")
    return ledger_response(request.user, filterset.qs, filters_label=_filters_label(request.GET))


def _job_context(job):
    return {
        "job": job,
        "progress": updates.update_progress(job),
        "changed": [row for row in job.rows if row["actions"]],
        "refused": [row for row in job.rows if row["errors"]],
    }


@login_required
@permission_required("exchange.update_ledger", raise_exception=True)
@require_GET
def ledger_update(request, pk: int):
    return render(request, "exchange/ledger_update.html", _job_context(_own_job(request.user, pk)))


@login_required
@permission_required("exchange.update_ledger", raise_exception=True)
@require_GET
def ledger_update_status(request, pk: int):
    return render(request, "exchange/_ledger_status.html", _job_context(_own_job(request.user, pk)))


@login_required
@permission_required("exchange.update_ledger", raise_exception=True)
@require_POST
def ledger_update_apply(request, pk: int):
    job = _own_job(request.user, pk)
    try:
        updates.update_apply(job=job, actor=request.user)
    except (TransitionConflict, ValidationError) as error:
        text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        messages.error(request, text)
        job.refresh_from_db()
        return render(request, "exchange/ledger_update.html", _job_context(job), status=409)
    return redirect("exchange-ledger-update", pk=job.pk)
