"""Excel in and out.

Import (region officials and vice-governors): the template, the upload, the job page —
which polls its status fragment (htmx, every second) while the file is checked or
imported, so the person may leave and come back from the list of their jobs — and the
"가져오기" button once the check is clean.

Export (anyone signed in): ``/exchange/export/proposals/?queue=<list page>&<its filters>``
answers the list the person is looking at as .xlsx.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_GET, require_POST

from apps.proposals.selectors import ProposalFilter

from . import selectors, services, submitting
from .exporting import export_workbook
from .forms import ImportUploadForm
from .safety import ImportRefused
from .template import build_template

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    response["Cache-Control"] = "private, no-store"
    return response


def _own_job(user, pk):
    job = selectors.import_job_get(user, pk)
    if job is None:
        raise Http404
    return job


# --- import -----------------------------------------------------------------------------


def _list_page(request, form=None, status=200):
    jobs = list(selectors.import_jobs_for(request.user)[:50])
    return render(
        request, "exchange/import_list.html", {"jobs": jobs, "form": form or ImportUploadForm()}, status=status
    )


@login_required
def import_list(request):
    if not request.user.has_perm("exchange.import_proposals"):
        # The ministry's staff come here for the ledger (관리대장), not for regional imports.
        if request.user.has_perm("exchange.export_ledger"):
            return redirect("exchange-ledger")
        raise PermissionDenied
    if request.method == "POST":
        form = ImportUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                job = services.import_upload(actor=request.user, upload=form.cleaned_data["file"])
            except ImportRefused as refusal:
                form.add_error("file", " ".join(refusal.messages))
            else:
                return redirect("exchange-import-detail", pk=job.pk)
        return _list_page(request, form, status=400)
    return _list_page(request)


@login_required
@permission_required("exchange.import_proposals", raise_exception=True)
@require_GET
def import_template(request):
    return _xlsx(build_template(request.user), "건의과제_일괄등록_서식.xlsx")


def _job_context(job):
    progress = submitting.submit_progress(job) if job.status == job.Status.SUBMITTING else services.import_progress(job)
    drafts = submitting.drafts_of(job).count() if job.status == job.Status.DONE else 0
    return {"job": job, "progress": progress, "Status": job.Status, "drafts": drafts}


@login_required
@require_GET
def import_detail(request, pk: int):
    job = _own_job(request.user, pk)
    return render(request, "exchange/import_detail.html", _job_context(job))


@login_required
@require_GET
def import_status(request, pk: int):
    """The job's status fragment; it keeps polling itself while the job runs."""
    job = _own_job(request.user, pk)
    return render(request, "exchange/_job_status.html", _job_context(job))


@login_required
@require_POST
def import_commit(request, pk: int):
    job = _own_job(request.user, pk)
    try:
        services.import_commit(job=job, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return render(request, "exchange/import_detail.html", _job_context(job), status=409)
    return redirect("exchange-import-detail", pk=job.pk)


@login_required
@require_POST
def import_submit(request, pk: int):
    """Submit the job's remaining drafts together (each through ``submit``)."""
    job = _own_job(request.user, pk)
    try:
        submitting.import_submit(job=job, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return render(request, "exchange/import_detail.html", _job_context(job), status=409)
    return redirect("exchange-import-detail", pk=job.pk)


@login_required
@require_POST
def import_delete(request, pk: int):
    job = _own_job(request.user, pk)
    try:
        services.import_delete(job=job, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("exchange-import-detail", pk=job.pk)
    messages.success(request, _("가져오기 기록을 지웠습니다."))
    return redirect("exchange-import-list")


# --- export -----------------------------------------------------------------------------


def _filters_label(params) -> str:
    fields = ProposalFilter.base_filters
    parts = []
    for key in params:
        if key in ("page", "queue") or key not in fields:
            continue
        values = [value for value in params.getlist(key) if value.strip()]
        if values:
            parts.append(f"{fields[key].label}={', '.join(values)}")
    return "; ".join(parts)


class ProposalExportView(PermissionRequiredMixin, View):
    """The list the person sees, with the same filters, as .xlsx; a queue page's list
    only for those who use that page (its permission in ``selectors.EXPORT_QUEUES``)."""

    http_method_names = ["get", "head", "options"]

    def get_permission_required(self):
        return (selectors.EXPORT_QUEUES[self._queue()].permission,)

    def _queue(self) -> str:
        return selectors.export_queue_name(self.request.GET.get("queue", ""))

    def get(self, request):
        queue, rows = selectors.export_queryset(request.user, self._queue(), request.GET)
        title = selectors.EXPORT_QUEUES[queue].title
        content = export_workbook(rows, title=title, filters_label=_filters_label(request.GET))
        stamp = timezone.localtime().strftime("%Y%m%d_%H%M")
        return _xlsx(content, f"{title.replace('·', '_')}_{stamp}.xlsx")


export_proposals = ProposalExportView.as_view()
