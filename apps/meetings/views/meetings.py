"""A meeting's own pages: the list and month calendar, the meeting page, its form, its
state changes (schedule, hold, publish the minutes, cancel), the minutes and its .ics."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from apps.core.actions import run_action
from apps.core.htmx import wants_partial

from .. import ical, selectors, services
from ..forms import CancelForm, MeetingFilterForm, MeetingForm, MinutesForm, MonthForm
from ..models import OPEN_FOR_CHANGES
from .common import detail_url, meeting_action, meeting_permission_required
from .page import render_conflict, render_detail, visible_meeting

PAGE_SIZE = 20
TRANSITIONS = {
    "schedule": services.meeting_schedule,
    "hold": services.meeting_hold,
    "publish": services.meeting_publish_minutes,
}
TRANSITION_DONE = {
    "schedule": gettext_lazy("회의를 확정해 알렸습니다. 참석 대상자에게 초대 알림을 보냈습니다."),
    "hold": gettext_lazy("개최 완료로 표시했습니다. 회의록과 안건별 결과를 기록해 주세요."),
    "publish": gettext_lazy("회의록을 공개하고 참석 대상자에게 알렸습니다."),
    "cancel": gettext_lazy("회의를 취소했습니다."),
}


def _filters_from(form: MeetingFilterForm) -> dict:
    data = form.cleaned_data
    filters = {key: data[key] for key in ("body", "region", "q") if data.get(key)}
    if data.get("status"):
        filters["status"] = [data["status"]]
    return filters


def meeting_list(request):
    """Meetings the viewer may see, newest first, with filters (htmx refreshes the results)."""
    form = MeetingFilterForm(request.GET or None)
    if request.GET and not form.is_valid():
        return render(request, "meetings/meeting_list.html", {"filter_form": form, "page_obj": None}, status=400)
    filters = _filters_from(form) if form.is_bound else {}
    queryset = selectors.meeting_list(request.user, filters)
    period = form.cleaned_data.get("period") if form.is_bound else ""
    now = timezone.now()
    if period == "upcoming":
        queryset = queryset.filter(starts_at__gte=now).order_by("starts_at", "pk")
    elif period == "past":
        queryset = queryset.filter(starts_at__lt=now)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filter_form": form,
        "page_obj": page,
        "meetings": page.object_list,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "results_url": request.path,
        "may_add": request.user.has_perm("meetings.add_meeting"),
    }
    template = "meetings/_meeting_results.html" if wants_partial(request) else "meetings/meeting_list.html"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def meeting_calendar(request):
    """A month grid (an accessible table: one row per week, one cell per day)."""
    form = MonthForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(request, "meetings/calendar.html", {"form": form, "weeks": []}, status=400)
    year, month = form.year_month()
    meetings = list(selectors.meetings_in_month(request.user, year, month))
    previous, following = _shift_month(year, month, -1), _shift_month(year, month, 1)
    context = {
        "form": form,
        "year": year,
        "month": month,
        "weeks": selectors.month_grid(year, month, meetings),
        "meetings": meetings,
        "previous": f"{previous[0]:04d}-{previous[1]:02d}",
        "next": f"{following[0]:04d}-{following[1]:02d}",
        "may_add": request.user.has_perm("meetings.add_meeting"),
    }
    template = "meetings/_calendar_grid.html" if wants_partial(request) else "meetings/calendar.html"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response


def meeting_detail(request, pk: int):
    return render_detail(request, visible_meeting(request, pk))


def _form_page(request, form, meeting=None, status=200):
    return render(request, "meetings/meeting_form.html", {"form": form, "meeting": meeting}, status=status)


@login_required
@permission_required("meetings.add_meeting", raise_exception=True)
def meeting_new(request):
    form = MeetingForm(request.POST or None)
    if request.method != "POST":
        return _form_page(request, form)
    return run_action(
        request,
        lambda data: services.meeting_create(actor=request.user, body=data["body"], **form.service_fields()),
        form=form,
        done=_("회의를 준비중 상태로 만들었습니다. 안건과 참석 대상자를 정한 뒤 확정하세요."),
        next_url=detail_url,
        invalid=lambda bound: _form_page(request, bound, status=400),
    )


@login_required
@meeting_permission_required("meetings.change_meeting")
def meeting_edit(request, meeting):
    if meeting.status not in OPEN_FOR_CHANGES:
        messages.info(request, _("개최 전인 회의만 수정할 수 있습니다."))
        return redirect("meeting-detail", pk=meeting.pk)
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method != "POST":
        return _form_page(request, form, meeting)
    return run_action(
        request,
        lambda data: services.meeting_update(meeting=meeting, actor=request.user, **form.service_fields()),
        form=form,
        done=_("회의 정보를 저장했습니다."),
        next_url=detail_url(meeting),
        invalid=lambda bound: _form_page(request, bound, meeting, status=400),
        conflicts=(services.MeetingConflict,),
        conflict=lambda error: render_conflict(request, meeting.pk, error),
    )


@login_required
@require_POST
@meeting_permission_required()
def meeting_transition(request, meeting, action: str):
    if action not in TRANSITION_DONE:
        raise Http404
    permission = "meetings.edit_minutes" if action == "publish" else "meetings.change_meeting"
    if not request.user.has_perm(permission, meeting):
        raise PermissionDenied(_("이 작업을 할 권한이 없습니다."))
    if action == "cancel":
        form = CancelForm(request.POST)

        def perform(data):
            return services.meeting_cancel(meeting=meeting, actor=request.user, reason=data["reason"])

    else:
        form = None

        def perform(data):
            return TRANSITIONS[action](meeting=meeting, actor=request.user)

    return meeting_action(
        request, meeting, perform, form=form, form_name="cancel_form", panel="cancel", done=TRANSITION_DONE[action]
    )


@login_required
@require_POST
@meeting_permission_required("meetings.edit_minutes")
def meeting_minutes(request, meeting):
    return meeting_action(
        request,
        meeting,
        lambda data: services.minutes_save(meeting=meeting, actor=request.user, minutes=data["minutes"]),
        form=MinutesForm(request.POST),
        form_name="minutes_form",
        panel="minutes",
        done=_("회의록을 저장했습니다. 공개하기 전까지는 회의 관리자만 봅니다."),
        anchor="#minutes-title",
    )


def meeting_ics(request, pk: int):
    """One meeting as an .ics file (add to my calendar)."""
    meeting = visible_meeting(request, pk)
    content = ical.calendar_for(
        [meeting], name=meeting.title, viewer=request.user, base_url=request.build_absolute_uri("/")
    )
    return ical.response(content, filename=f"meeting-{meeting.pk}.ics")
