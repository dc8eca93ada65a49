"""The meeting page: what everyone who may see the meeting reads, with the forms the
viewer may use; the actions re-render it with a bound form (400) or why not (409)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.comments.mentions import render_text

from .. import selectors
from ..forms import AgendaItemForm, AttendanceForm, CancelForm, InviteForm, MinutesForm, OutcomeForm, RsvpForm
from ..models import COUNCIL_CODE, MeetingStatus

M = MeetingStatus
STATUS_BADGES = {
    M.DRAFTED: "outline-gray",
    M.SCHEDULED: "outline-primary",
    M.HELD: "outline-information",
    M.MINUTES_PUBLISHED: "outline-success",
    M.CANCELLED: "outline-danger",
}


def visible_meeting(request, pk):
    meeting = selectors.meeting_get(request.user, pk)
    if meeting is None:
        raise Http404
    return meeting


def agenda_rows(request, meeting, agenda, *, outcome_form=None) -> list[dict]:
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


def detail_context(request, meeting, **forms) -> dict:
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
        "agenda_rows": agenda_rows(request, meeting, agenda, outcome_form=forms.get("outcome_form")),
        # Mentions in published texts are shown by name and organisation, never a login ID.
        "summary_html": render_text(meeting.summary) if meeting.summary else "",
        "minutes_html": render_text(meeting.minutes) if show_minutes and meeting.minutes else "",
        "show_minutes": show_minutes,
        "minutes_is_draft": held,
        "show_attendance": user.has_perm("meetings.view_attendance", meeting),
        "invitations": invitations,
        "attended_count": sum(1 for i in invitations if i.attended),
        # Publishing minutes with nobody's attendance recorded is allowed, but asked first.
        "attendance_missing": held and not any(i.attended is not None for i in invitations),
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
        # The minutes panel starts open while there are no minutes yet.
        "minutes_blank": not meeting.minutes,
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


def render_detail(request, meeting, status=200, **forms):
    return render(request, "meetings/meeting_detail.html", detail_context(request, meeting, **forms), status=status)


def render_conflict(request, pk, error):
    messages.error(request, str(error) or _("다른 사용자가 먼저 이 회의를 변경했습니다."))
    return render_detail(request, visible_meeting(request, pk), status=409)
