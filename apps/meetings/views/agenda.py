"""A meeting's agenda: items added, proposed from the region's open proposals, moved,
removed, their outcome recorded, and an item's own page with its discussion."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.markdown import render_markdown

from .. import selectors, services
from ..forms import AgendaItemForm, OutcomeForm
from .common import meeting_action, meeting_permission_required
from .page import STATUS_BADGES, agenda_rows, visible_meeting

AGENDA = "#agenda-title"


def _item(meeting, item_pk):
    item = selectors.agenda_item_get(meeting, item_pk)
    if item is None:
        raise Http404
    return item


@login_required
@require_POST
@meeting_permission_required("meetings.change_meeting")
def agenda_add(request, meeting):
    return meeting_action(
        request,
        meeting,
        lambda data: services.agenda_add(
            meeting=meeting,
            actor=request.user,
            proposal=data.get("proposal"),
            topic=data.get("topic"),
            title=data.get("title", ""),
            description=data.get("description", ""),
        ),
        form=AgendaItemForm(request.POST, user=request.user),
        form_name="agenda_form",
        panel="agenda",
        done=_("안건을 추가했습니다."),
        anchor=AGENDA,
    )


def _proposed_text(request, items):
    if not items:
        messages.info(request, _("안건으로 제안할 처리 중인 건의과제가 없습니다."))
        return ""
    return (
        _("지역의 처리 중인 건의과제 %(count)d건을 안건으로 제안했습니다(기한 초과·오래된 순).") % {"count": len(items)}
        + " "
        + _("필요 없는 안건은 빼 주세요.")
    )


@login_required
@require_POST
@meeting_permission_required("meetings.change_meeting")
def agenda_propose(request, meeting):
    return meeting_action(
        request,
        meeting,
        lambda data: services.agenda_propose(meeting=meeting, actor=request.user),
        done=lambda items: _proposed_text(request, items),
        anchor=AGENDA,
    )


@login_required
@require_POST
@meeting_permission_required("meetings.change_meeting")
def agenda_move(request, meeting, item_pk: int, direction: str):
    if direction not in ("up", "down"):
        raise Http404
    item = _item(meeting, item_pk)
    return meeting_action(
        request,
        meeting,
        lambda data: services.agenda_move(item=item, actor=request.user, direction=direction),
        anchor=f"#agenda-{item_pk}",
    )


@login_required
@require_POST
@meeting_permission_required("meetings.change_meeting")
def agenda_remove(request, meeting, item_pk: int):
    item = _item(meeting, item_pk)
    return meeting_action(
        request,
        meeting,
        lambda data: services.agenda_remove(item=item, actor=request.user),
        done=_("안건을 뺐습니다."),
        anchor=AGENDA,
    )


@login_required
@require_POST
@meeting_permission_required("meetings.record_outcome")
def agenda_outcome(request, meeting, item_pk: int):
    item = _item(meeting, item_pk)
    form = OutcomeForm(request.POST, prefix=f"item{item.pk}")
    form.item_id = item.pk
    done = _("안건 결과를 기록했습니다.")
    if item.proposal_id:
        done += " " + _("건의과제 처리 이력에도 남겼습니다.")
    return meeting_action(
        request,
        meeting,
        lambda data: services.agenda_record_outcome(
            item=item, actor=request.user, outcome=data["outcome"], note=data["note"]
        ),
        form=form,
        form_name="outcome_form",
        done=done,
        anchor=f"#agenda-{item.pk}",
    )


def agenda_item_detail(request, pk: int, item_pk: int):
    """One agenda item with its discussion (comment thread)."""
    meeting = visible_meeting(request, pk)
    item = _item(meeting, item_pk)
    row = agenda_rows(request, meeting, [item])[0]
    context = {
        "meeting": meeting,
        "row": row,
        "item": item,
        "badge": STATUS_BADGES.get(meeting.status, "outline-gray"),
        "description_html": render_markdown(item.description) if item.description else "",
    }
    return render(request, "meetings/agenda_item.html", context)
