"""Council visit pages: the briefing as HWPX and PDF, the meeting's commitments (record,
close), and the region's commitments tracked to closure."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from apps.meetings.models import COUNCIL_CODE, Meeting
from apps.organisations.models import Region

from . import documents, services
from .forms import CloseForm, CommitmentForm
from .models import Commitment
from .pack import build_pack, region_family

HWPX = "application/hwp+zip"
PDF = "application/pdf"


def _council_meeting(pk) -> Meeting:
    meeting = Meeting.objects.select_related("body", "region").filter(pk=pk).first()
    if meeting is None or meeting.body.code != COUNCIL_CODE or meeting.region_id is None:
        raise Http404
    return meeting


def _file(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@permission_required("visits.prepare_pack", raise_exception=True)
@require_GET
def visit_pack(request, pk: int, kind: str):
    if kind not in ("hwpx", "pdf"):
        raise Http404
    meeting = _council_meeting(pk)
    pack = build_pack(meeting)
    name = f"{meeting.region.short_name}_지역협의회_방문자료_{meeting.starts_at:%Y%m%d}"
    if kind == "hwpx":
        return _file(documents.hwpx_bytes(pack), HWPX, f"{name}.hwpx")
    try:
        return _file(documents.pdf_bytes(pack), PDF, f"{name}.pdf")
    except documents.FontMissing as missing:
        messages.error(request, str(missing))
        return redirect("meeting-detail", pk=meeting.pk)


def _meeting_page(request, meeting, form=None, status=200):
    context = {
        "meeting": meeting,
        "form": form or CommitmentForm(),
        "commitments": Commitment.objects.filter(meeting=meeting).select_related("proposal"),
        "close_form": CloseForm(),
    }
    return render(request, "visits/meeting_commitments.html", context, status=status)


@login_required
@permission_required("visits.record_commitment", raise_exception=True)
def meeting_commitments(request, pk: int):
    meeting = _council_meeting(pk)
    if request.method != "POST":
        return _meeting_page(request, meeting)
    form = CommitmentForm(request.POST)
    if form.is_valid():
        try:
            services.commitment_record(meeting=meeting, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            for field, errors in (
                error.message_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]
            ):
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("약속을 기록했습니다. 지역 페이지에서 이행을 추적합니다."))
            return redirect("visits-meeting-commitments", pk=meeting.pk)
    return _meeting_page(request, meeting, form, status=400)


@login_required
@permission_required("visits.record_commitment", raise_exception=True)
@require_POST
def commitment_close(request, pk: int):
    commitment = get_object_or_404(Commitment, pk=pk)
    form = CloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("결과와 종결 내용을 입력해 주세요."))
    else:
        try:
            services.commitment_close(commitment=commitment, actor=request.user, **form.cleaned_data)
            messages.success(request, _("약속을 종결했습니다."))
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    return redirect("visits-region", code=commitment.region.code)


@login_required
@require_GET
def region_commitments(request, code: str):
    region = get_object_or_404(Region, code=code)
    if not request.user.has_perm("visits.view_commitments", region):
        raise PermissionDenied
    commitments = Commitment.objects.filter(region_id__in=region_family(region)).select_related("meeting", "proposal")
    context = {
        "region": region,
        "open": [c for c in commitments if c.state == Commitment.State.OPEN],
        "closed": [c for c in commitments if c.state != Commitment.State.OPEN],
        "may_close": request.user.has_perm("visits.record_commitment"),
        "close_form": CloseForm(),
    }
    return render(request, "visits/region_commitments.html", context)
