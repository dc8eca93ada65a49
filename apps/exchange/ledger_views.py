"""The ledger (관리대장) pages under ``/exchange/ledger/``: ask for it (with the list's
filters) — a worker writes the file while the page shows the rows written, then offers
it to the person who asked, and only to them — upload an edited one, see each changed
cell (before → after) and each refused row, and apply. Job pages poll their status
fragment (htmx) while a job runs; the lists of one's files and uploads are there to
come back to. ``ledger/download/`` still streams the file in the request (bookmarks,
small ledgers)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from apps.proposals.forms import ProposalFilterForm
from apps.proposals.queues import query_filters
from apps.proposals.selectors import ProposalFilter
from apps.proposals.services import TransitionConflict

from .forms import LedgerUploadForm
from .ledger import exports, selectors, updates
from .ledger.export import XLSX, ledger_response
from .models import LedgerExport, LedgerUpdate
from .safety import ImportRefused
from .selectors import own_job
from .views import _filters_label


def _home(request, form=None, status=200):
    may_update = request.user.has_perm("exchange.update_ledger")
    jobs = list(LedgerUpdate.objects.filter(created_by=request.user)[:50]) if may_update else []
    context = {
        "form": form or LedgerUploadForm(),
        "jobs": jobs,
        "exports": list(LedgerExport.objects.filter(created_by=request.user)[:30]),
        "keep_days": exports.keep_days(),
        "may_update": may_update,
        "filter": ProposalFilter(query_filters(request.GET)),
        "filter_form": ProposalFilterForm(initial=query_filters(request.GET).dict()),
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
    return render(request, "exchange/ledger_update.html", _job_context(own_job(LedgerUpdate, request.user, pk)))


@login_required
@permission_required("exchange.update_ledger", raise_exception=True)
@require_GET
def ledger_update_status(request, pk: int):
    return render(request, "exchange/_ledger_status.html", _job_context(own_job(LedgerUpdate, request.user, pk)))


@login_required
@permission_required("exchange.update_ledger", raise_exception=True)
@require_POST
def ledger_update_apply(request, pk: int):
    job = own_job(LedgerUpdate, request.user, pk)
    try:
        updates.update_apply(job=job, actor=request.user)
    except (TransitionConflict, ValidationError) as error:
        text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        messages.error(request, text)
        job.refresh_from_db()
        return render(request, "exchange/ledger_update.html", _job_context(job), status=409)
    return redirect("exchange-ledger-update", pk=job.pk)


# --- the ledger written by a worker -----------------------------------------------------------


@login_required
@permission_required("exchange.export_ledger", raise_exception=True)
@require_POST
def ledger_export_request(request):
    # The form posts the list's filters; export_request keeps the filters alone, non-empty.
    try:
        job = exports.export_request(actor=request.user, params=request.POST)
    except ValidationError:
        messages.error(request, _("조건이 올바르지 않습니다. 다시 골라 주세요."))
        return redirect("exchange-ledger")
    return redirect("exchange-ledger-export", pk=job.pk)


def _export_context(job):
    return {"job": job, "overdue": exports.is_overdue(job)}


@login_required
@permission_required("exchange.export_ledger", raise_exception=True)
@require_GET
def ledger_export(request, pk: int):
    return render(request, "exchange/ledger_export.html", _export_context(own_job(LedgerExport, request.user, pk)))


@login_required
@permission_required("exchange.export_ledger", raise_exception=True)
@require_GET
def ledger_export_status(request, pk: int):
    return render(request, "exchange/_export_status.html", _export_context(own_job(LedgerExport, request.user, pk)))


def export_download(job):
    """The stored file as a private attachment, or 404 (not ready, expired, missing)."""
    handle = exports.export_file(job)
    if handle is None:
        raise Http404
    stamp = timezone.localtime(job.finished_at).strftime("%Y%m%d_%H%M")
    response = FileResponse(handle, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=f"관리대장_{stamp}.xlsx")
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@permission_required("exchange.export_ledger", raise_exception=True)
@require_GET
def ledger_export_file(request, pk: int):
    return export_download(own_job(LedgerExport, request.user, pk))


@login_required
@permission_required("exchange.export_ledger", raise_exception=True)
@require_POST
def ledger_export_delete(request, pk: int):
    try:
        exports.export_delete(job=own_job(LedgerExport, request.user, pk), actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("파일을 지웠습니다."))
    return redirect("exchange-ledger")
