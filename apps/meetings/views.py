"""The meeting pages (DESIGN.md §4): list and month calendar, the meeting page (agenda,
minutes, attendance, RSVP) with the managers' forms, an agenda item's page with its
discussion, and calendar downloads.

Reads go through ``selectors`` (scoped to the viewer, rows preloaded), writes through
``services``. What the viewer may not see answers 404; an action their role may not
take, 403; an action the meeting's state no longer allows, 409 with the page and why;
bad input, 400 with the form and its Korean errors. Public meetings of public bodies are
open to anonymous visitors.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from apps.core.markdown import render_markdown

from . import ical, selectors, services
from .forms import (
    AgendaItemForm,
    AttendanceForm,
    CancelForm,
    InviteForm,
    MeetingFilterForm,
    MeetingForm,
    MinutesForm,
    MonthForm,
    OutcomeForm,
    RsvpForm,
    add_service_error,
)
from .models import COUNCIL_CODE, AgendaItem, Invitation, MeetingStatus
from .services import MeetingConflict

PAGE_SIZE = 20
M = MeetingStatus
STATUS_BADGES = {
    M.DRAFTED: "outline-gray",
    M.SCHEDULED: "outline-primary",
    M.HELD: "outline-information",
    M.MINUTES_PUBLISHED: "outline-success",
    M.CANCELLED: "outline-danger",
}
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


def _wants_partial(request) -> bool:
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.boosted and not htmx.history_restore_request


def _visible(request, pk):
    meeting = selectors.meeting_get(request.user, pk)
    if meeting is None:
        raise Http404
    return meeting


def _require(user, permission, obj=None):
    if not user.has_perm(permission, obj):
        raise PermissionDenied(_("이 작업을 할 권한이 없습니다."))


# --- list and calendar ----------------------------------------------------------------------


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
    template = "meetings/_meeting_results.html" if _wants_partial(request) else "meetings/meeting_list.html"
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
    template = "meetings/_calendar_grid.html" if _wants_partial(request) else "meetings/calendar.html"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response


# --- one meeting ------------------------------------------------------------------------------


def _agenda_rows(request, meeting, agenda, *, outcome_form=None) -> list[dict]:
    user = request.user
    proposals = selectors.visible_proposal_ids(user, [item.proposal_id for item in agenda])
    topics = selectors.visible_topic_ids(user, [item.topic_id for item in agenda])
    may_record = user.has_perm("meetings.record_outcome", meeting) and meeting.status in (M.HELD, M.MINUTES_PUBLISHED)
    rows = []
    for item in agenda:
        proposal_visible = item.proposal_id in proposals
        hidden_subject = (item.proposal_id and not proposal_visible) or (item.topic_id and item.topic_id not in topics)
        form = None
        if may_record:
            if outcome_form is not None and outcome_form.item_id == item.pk:
                form = outcome_form
            else:
                initial = {"outcome": item.outcome, "note": item.outcome_note} if item.outcome else None
                form = OutcomeForm(initial=initial, prefix=f"item{item.pk}")
        rows.append(
            {
                "item": item,
                "title": _("비공개 안건") if hidden_subject else item.title,
                "hidden_subject": bool(hidden_subject),
                "proposal_visible": proposal_visible,
                "topic_visible": item.topic_id in topics,
                "outcome_form": form,
            }
        )
    return rows


def _detail_context(request, meeting, **forms) -> dict:
    """The meeting page: what everyone who may see it reads, plus the forms the viewer
    may use (a bound form passed in ``forms`` comes back with its errors)."""
    user = request.user
    may_change = user.has_perm("meetings.change_meeting", meeting)
    may_minutes = user.has_perm("meetings.edit_minutes", meeting)
    discuss = user.has_perm("meetings.discuss_meeting", meeting)
    agenda = selectors.agenda_of(meeting, include_internal=discuss)
    invitations = list(meeting.invitations.all())
    mine = next((i for i in invitations if user.is_authenticated and i.person_id == user.pk), None)
    preparing = may_change and meeting.status in (M.DRAFTED, M.SCHEDULED)
    held = meeting.status == M.HELD
    show_minutes = meeting.status == M.MINUTES_PUBLISHED or (may_minutes and held)

    def form(name, make, when):
        return (forms.get(name) or make()) if when else None

    def rsvp_initial():
        answered = mine.rsvp if mine.rsvp != "pending" else None
        return RsvpForm(initial={"rsvp": answered, "note": mine.rsvp_note})

    return {
        "meeting": meeting,
        "badge": STATUS_BADGES.get(meeting.status, "outline-gray"),
        "agenda_rows": _agenda_rows(request, meeting, agenda, outcome_form=forms.get("outcome_form")),
        "summary_html": render_markdown(meeting.summary) if meeting.summary else "",
        "minutes_html": render_markdown(meeting.minutes) if show_minutes and meeting.minutes else "",
        "show_minutes": show_minutes,
        "minutes_is_draft": held,
        "show_attendance": user.has_perm("meetings.view_attendance", meeting),
        "invitations": invitations,
        "attended_count": sum(1 for i in invitations if i.attended),
        "my_invitation": mine,
        "rsvp_form": form("rsvp_form", rsvp_initial, mine is not None and meeting.status == M.SCHEDULED),
        "may_change": may_change,
        "open_for_changes": preparing,
        "actions": _available_actions(meeting) if may_change else [],
        "cancel_form": form("cancel_form", CancelForm, preparing),
        "agenda_form": form("agenda_form", lambda: AgendaItemForm(user=user), preparing),
        "may_propose": preparing and meeting.body.code == COUNCIL_CODE and meeting.region_id,
        "invite_form": form("invite_form", InviteForm, preparing),
        "attendance_form": form(
            "attendance_form", lambda: AttendanceForm(invitations=invitations), may_change and held and invitations
        ),
        "minutes_form": form(
            "minutes_form", lambda: MinutesForm(initial={"minutes": meeting.minutes}), may_minutes and held
        ),
        "open_panel": forms.get("open_panel", ""),
    }


def _available_actions(meeting) -> list[dict]:
    actions = []
    if meeting.status == M.DRAFTED:
        actions.append({"name": "schedule", "label": _("회의 확정·초대 알림 보내기")})
    if meeting.status == M.SCHEDULED and meeting.starts_at <= timezone.now():
        actions.append({"name": "hold", "label": _("개최 완료로 표시")})
    if meeting.status == M.HELD:
        actions.append({"name": "publish", "label": _("회의록 공개")})
    return actions


def _render_detail(request, meeting, status=200, **forms):
    return render(request, "meetings/meeting_detail.html", _detail_context(request, meeting, **forms), status=status)


def _conflict(request, pk, error):
    messages.error(request, str(error) or _("다른 사용자가 먼저 이 회의를 변경했습니다."))
    return _render_detail(request, _visible(request, pk), status=409)


def meeting_detail(request, pk: int):
    return _render_detail(request, _visible(request, pk))


def _form_page(request, form, meeting=None, status=200):
    return render(request, "meetings/meeting_form.html", {"form": form, "meeting": meeting}, status=status)


@login_required
def meeting_new(request):
    _require(request.user, "meetings.add_meeting")
    form = MeetingForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                meeting = services.meeting_create(
                    actor=request.user, body=form.cleaned_data["body"], **form.service_fields()
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(
                    request, _("회의를 준비중 상태로 만들었습니다. 안건과 참석 대상자를 정한 뒤 확정하세요.")
                )
                return redirect("meeting-detail", pk=meeting.pk)
        return _form_page(request, form, status=400)
    return _form_page(request, form)


@login_required
def meeting_edit(request, pk: int):
    meeting = _visible(request, pk)
    _require(request.user, "meetings.change_meeting", meeting)
    if meeting.status not in (M.DRAFTED, M.SCHEDULED):
        messages.info(request, _("개최 전인 회의만 수정할 수 있습니다."))
        return redirect("meeting-detail", pk=pk)
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.meeting_update(meeting=meeting, actor=request.user, **form.service_fields())
            except ValidationError as error:
                add_service_error(form, error)
            except MeetingConflict as error:
                return _conflict(request, pk, error)
            else:
                messages.success(request, _("회의 정보를 저장했습니다."))
                return redirect("meeting-detail", pk=pk)
        return _form_page(request, form, meeting, status=400)
    return _form_page(request, form, meeting)


@login_required
@require_POST
def meeting_transition(request, pk: int, action: str):
    meeting = _visible(request, pk)
    if action not in (*TRANSITIONS, "cancel"):
        raise Http404
    permission = "meetings.edit_minutes" if action == "publish" else "meetings.change_meeting"
    _require(request.user, permission, meeting)
    try:
        if action == "cancel":
            form = CancelForm(request.POST)
            if not form.is_valid():
                return _render_detail(request, meeting, status=400, cancel_form=form, open_panel="cancel")
            services.meeting_cancel(meeting=meeting, actor=request.user, reason=form.cleaned_data["reason"])
        else:
            TRANSITIONS[action](meeting=meeting, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _render_detail(request, meeting, status=400)
    except MeetingConflict as error:
        return _conflict(request, pk, error)
    messages.success(request, TRANSITION_DONE[action])
    return redirect("meeting-detail", pk=pk)


@login_required
@require_POST
def meeting_minutes(request, pk: int):
    meeting = _visible(request, pk)
    _require(request.user, "meetings.edit_minutes", meeting)
    form = MinutesForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, meeting, status=400, minutes_form=form, open_panel="minutes")
    try:
        services.minutes_save(meeting=meeting, actor=request.user, minutes=form.cleaned_data["minutes"])
    except ValidationError as error:
        add_service_error(form, error)
        return _render_detail(request, meeting, status=400, minutes_form=form, open_panel="minutes")
    except MeetingConflict as error:
        return _conflict(request, pk, error)
    messages.success(request, _("회의록을 저장했습니다. 공개하기 전까지는 회의 관리자만 봅니다."))
    return redirect(reverse("meeting-detail", args=[pk]) + "#minutes-title")


@login_required
@require_POST
def meeting_rsvp(request, pk: int):
    """The invitee's answer; to htmx, only the RSVP panel comes back."""
    meeting = _visible(request, pk)
    _require(request.user, "meetings.respond_meeting", meeting)
    form = RsvpForm(request.POST)
    status = 200
    if form.is_valid():
        try:
            services.invitation_respond(
                meeting=meeting, actor=request.user, rsvp=form.cleaned_data["rsvp"], note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            add_service_error(form, error)
            status = 400
        except MeetingConflict as error:
            return _conflict(request, pk, error)
    else:
        status = 400
    if _wants_partial(request):
        meeting = _visible(request, pk)
        context = _detail_context(request, meeting, rsvp_form=form if status == 400 else None)
        context["rsvp_saved"] = status == 200
        # htmx swaps only 2xx answers: the errors come back in the panel itself.
        return render(request, "meetings/_rsvp.html", context)
    if status == 400:
        return _render_detail(request, meeting, status=400, rsvp_form=form)
    messages.success(request, _("참석 여부를 회신했습니다."))
    return redirect(reverse("meeting-detail", args=[pk]) + "#rsvp-title")


@login_required
@require_POST
def meeting_attendance(request, pk: int):
    meeting = _visible(request, pk)
    _require(request.user, "meetings.change_meeting", meeting)
    form = AttendanceForm(request.POST, invitations=list(meeting.invitations.all()))
    if not form.is_valid():
        return _render_detail(request, meeting, status=400, attendance_form=form, open_panel="attendance")
    try:
        count = services.attendance_record(
            meeting=meeting, actor=request.user, attended_ids=form.cleaned_data["attended"]
        )
    except ValidationError as error:
        add_service_error(form, error)
        return _render_detail(request, meeting, status=400, attendance_form=form, open_panel="attendance")
    except MeetingConflict as error:
        return _conflict(request, pk, error)
    messages.success(request, _("출석을 기록했습니다(출석 %(count)d명).") % {"count": count})
    return redirect(reverse("meeting-detail", args=[pk]) + "#attendance-title")


@login_required
@require_POST
def meeting_invite(request, pk: int):
    meeting = _visible(request, pk)
    _require(request.user, "meetings.change_meeting", meeting)
    form = InviteForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, meeting, status=400, invite_form=form, open_panel="invite")
    try:
        created = services.invitation_add(
            meeting=meeting,
            actor=request.user,
            people=form.cleaned_data["usernames"],
            capacity=form.cleaned_data["capacity"],
        )
    except MeetingConflict as error:
        return _conflict(request, pk, error)
    messages.success(request, _("참석 대상자 %(count)d명을 추가했습니다.") % {"count": len(created)})
    return redirect(reverse("meeting-detail", args=[pk]) + "#attendance-title")


@login_required
@require_POST
def meeting_invite_members(request, pk: int):
    meeting = _visible(request, pk)
    _require(request.user, "meetings.change_meeting", meeting)
    try:
        created = services.invite_members(meeting=meeting, actor=request.user)
    except MeetingConflict as error:
        return _conflict(request, pk, error)
    messages.success(request, _("기구 구성원 %(count)d명을 참석 대상자로 추가했습니다.") % {"count": len(created)})
    return redirect(reverse("meeting-detail", args=[pk]) + "#attendance-title")


@login_required
@require_POST
def meeting_uninvite(request, pk: int, invitation_pk: int):
    meeting = _visible(request, pk)
    _require(request.user, "meetings.change_meeting", meeting)
    invitation = Invitation.objects.filter(pk=invitation_pk, meeting=meeting).select_related("meeting").first()
    if invitation is None:
        raise Http404
    try:
        services.invitation_remove(invitation=invitation, actor=request.user)
    except MeetingConflict as error:
        return _conflict(request, pk, error)
    messages.success(request, _("참석 대상자에서 뺐습니다."))
    return redirect(reverse("meeting-detail", args=[pk]) + "#attendance-title")


# --- agenda -----------------------------------------------------------------------------------


def _item(meeting, item_pk) -> AgendaItem:
    item = AgendaItem.objects.filter(pk=item_pk, meeting=meeting).select_related("meeting", "proposal", "topic").first()
    if item is None:
        raise Http404
    item.meeting = meeting
    return item


@login_required
@require_POST
def agenda_add(request, pk: int):
    meeting = _visible(request, pk)
    _require(request.user, "meetings.change_meeting", meeting)
    form = AgendaItemForm(request.POST, user=request.user)
    if not form.is_valid():
        return _render_detail(request, meeting, status=400, agenda_form=form, open_panel="agenda")
    data = form.cleaned_data
    try:
        services.agenda_add(
            meeting=meeting,
            actor=request.user,
            proposal=data.get("proposal"),
            topic=data.get("topic"),
            title=data.get("title", ""),
            description=data.get("description", ""),
        )
    except ValidationError as error:
        add_service_error(form, error)
        return _render_detail(request, meeting, status=400, agenda_form=form, open_panel="agenda")
    except MeetingConflict as error:
        return _conflict(request, pk, error)
    messages.success(request, _("안건을 추가했습니다."))
    return redirect(reverse("meeting-detail", args=[pk]) + "#agenda-title")


@login_required
@require_POST
def agenda_propose(request, pk: int):
    meeting = _visible(request, pk)
    _require(request.user, "meetings.change_meeting", meeting)
    try:
        items = services.agenda_propose(meeting=meeting, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _render_detail(request, meeting, status=400)
    except MeetingConflict as error:
        return _conflict(request, pk, error)
    if items:
        messages.success(
            request,
            _("지역의 처리 중인 건의과제 %(count)d건을 안건으로 제안했습니다(기한 초과·오래된 순).")
            % {"count": len(items)}
            + " "
            + _("필요 없는 안건은 빼 주세요."),
        )
    else:
        messages.info(request, _("안건으로 제안할 처리 중인 건의과제가 없습니다."))
    return redirect(reverse("meeting-detail", args=[pk]) + "#agenda-title")


@login_required
@require_POST
def agenda_move(request, pk: int, item_pk: int, direction: str):
    meeting = _visible(request, pk)
    _require(request.user, "meetings.change_meeting", meeting)
    if direction not in ("up", "down"):
        raise Http404
    try:
        services.agenda_move(item=_item(meeting, item_pk), actor=request.user, direction=direction)
    except MeetingConflict as error:
        return _conflict(request, pk, error)
    return redirect(reverse("meeting-detail", args=[pk]) + f"#agenda-{item_pk}")


@login_required
@require_POST
def agenda_remove(request, pk: int, item_pk: int):
    meeting = _visible(request, pk)
    _require(request.user, "meetings.change_meeting", meeting)
    try:
        services.agenda_remove(item=_item(meeting, item_pk), actor=request.user)
    except MeetingConflict as error:
        return _conflict(request, pk, error)
    messages.success(request, _("안건을 뺐습니다."))
    return redirect(reverse("meeting-detail", args=[pk]) + "#agenda-title")


@login_required
@require_POST
def agenda_outcome(request, pk: int, item_pk: int):
    meeting = _visible(request, pk)
    _require(request.user, "meetings.record_outcome", meeting)
    item = _item(meeting, item_pk)
    form = OutcomeForm(request.POST, prefix=f"item{item.pk}")
    form.item_id = item.pk
    if form.is_valid():
        try:
            services.agenda_record_outcome(
                item=item, actor=request.user, outcome=form.cleaned_data["outcome"], note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        except MeetingConflict as error:
            return _conflict(request, pk, error)
        else:
            done = _("안건 결과를 기록했습니다.")
            if item.proposal_id:
                done += " " + _("건의과제 처리 이력에도 남겼습니다.")
            messages.success(request, done)
            return redirect(reverse("meeting-detail", args=[pk]) + f"#agenda-{item.pk}")
    return _render_detail(request, meeting, status=400, outcome_form=form)


def agenda_item_detail(request, pk: int, item_pk: int):
    """One agenda item with its discussion (comment thread)."""
    meeting = _visible(request, pk)
    item = _item(meeting, item_pk)
    row = _agenda_rows(request, meeting, [item])[0]
    context = {
        "meeting": meeting,
        "row": row,
        "item": item,
        "badge": STATUS_BADGES.get(meeting.status, "outline-gray"),
        "description_html": render_markdown(item.description) if item.description else "",
    }
    return render(request, "meetings/agenda_item.html", context)


# --- calendar files ---------------------------------------------------------------------------


def meeting_ics(request, pk: int):
    """One meeting as an .ics file (add to my calendar)."""
    meeting = _visible(request, pk)
    content = ical.calendar_for(
        [meeting], name=meeting.title, viewer=request.user, base_url=request.build_absolute_uri("/")
    )
    return ical.response(content, filename=f"meeting-{meeting.pk}.ics")
