"""Who is asked to a meeting: invitees added (by name or the body's members) and removed,
the invitee's answer (RSVP) and the attendance of a held meeting."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.htmx import wants_partial

from .. import selectors, services
from ..forms import AttendanceForm, InviteForm, RsvpForm
from .common import meeting_action, meeting_permission_required
from .page import detail_context, visible_meeting

ATTENDANCE = "#attendance-title"


def _rsvp_panel(request, meeting, form=None):
    """The RSVP panel alone, for htmx: it swaps only 2xx answers, so the errors of a
    refused answer come back in the panel itself."""
    context = detail_context(request, visible_meeting(request, meeting.pk), rsvp_form=form)
    context["rsvp_saved"] = form is None
    return render(request, "meetings/_rsvp.html", context)


@login_required
@require_POST
@meeting_permission_required("meetings.respond_meeting")
def meeting_rsvp(request, meeting):
    """The invitee's answer; to htmx, only the RSVP panel comes back."""
    panel = {}
    if wants_partial(request):
        panel = {
            "invalid": lambda bound: _rsvp_panel(request, meeting, bound),
            "respond": lambda result: _rsvp_panel(request, meeting),
        }
    return meeting_action(
        request,
        meeting,
        lambda data: services.invitation_respond(
            meeting=meeting, actor=request.user, rsvp=data["rsvp"], note=data["note"]
        ),
        form=RsvpForm(request.POST),
        form_name="rsvp_form",
        done=_("참석 여부를 회신했습니다.") if not panel else "",
        anchor="#rsvp-title",
        **panel,
    )


@login_required
@require_POST
@meeting_permission_required("meetings.change_meeting")
def meeting_attendance(request, meeting):
    return meeting_action(
        request,
        meeting,
        lambda data: services.attendance_record(meeting=meeting, actor=request.user, attended_ids=data["attended"]),
        form=AttendanceForm(request.POST, invitations=list(meeting.invitations.all())),
        form_name="attendance_form",
        panel="attendance",
        done=lambda count: _("출석을 기록했습니다(출석 %(count)d명).") % {"count": count},
        anchor=ATTENDANCE,
    )


@login_required
@require_POST
@meeting_permission_required("meetings.change_meeting")
def meeting_invite(request, meeting):
    return meeting_action(
        request,
        meeting,
        lambda data: services.invitation_add(
            meeting=meeting, actor=request.user, people=data["usernames"], capacity=data["capacity"]
        ),
        form=InviteForm(request.POST),
        form_name="invite_form",
        panel="invite",
        done=lambda created: _("참석 대상자 %(count)d명을 추가했습니다.") % {"count": len(created)},
        anchor=ATTENDANCE,
    )


@login_required
@require_POST
@meeting_permission_required("meetings.change_meeting")
def meeting_invite_members(request, meeting):
    return meeting_action(
        request,
        meeting,
        lambda data: services.invite_members(meeting=meeting, actor=request.user),
        done=lambda created: _("기구 구성원 %(count)d명을 참석 대상자로 추가했습니다.") % {"count": len(created)},
        anchor=ATTENDANCE,
    )


@login_required
@require_POST
@meeting_permission_required("meetings.change_meeting")
def meeting_uninvite(request, meeting, invitation_pk: int):
    invitation = selectors.invitation_get(meeting, invitation_pk)
    if invitation is None:
        raise Http404
    return meeting_action(
        request,
        meeting,
        lambda data: services.invitation_remove(invitation=invitation, actor=request.user),
        done=_("참석 대상자에서 뺐습니다."),
        anchor=ATTENDANCE,
    )
