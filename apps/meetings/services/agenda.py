"""A meeting's agenda: items added (a proposal, a forum topic or a free topic), proposed
from a council region's open proposals, edited, reordered, removed, and the outcome of
each once the meeting is held. An outcome lands on the linked proposal's timeline as a
``meeting_outcome`` event."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from apps.notifications import messages as texts
from apps.proposals.models import Proposal
from apps.proposals.services import record_event

from .. import selectors
from ..models import COUNCIL_CODE, OPEN_FOR_CHANGES, AgendaItem, AgendaOutcome, ForumTopic, Meeting, MeetingStatus
from .common import announce_change, ensure_allowed, lock_meeting, proposal_for, require_status

M = MeetingStatus
AGENDA_SUGGESTIONS = 8


def _agenda_changed(meeting: Meeting, actor) -> None:
    if meeting.status == M.SCHEDULED:
        announce_change(meeting, actor, texts.deferred(gettext_noop("안건")))


def _add_item(meeting, *, proposal=None, topic=None, title="", description="", suggested=False) -> AgendaItem:
    if proposal is not None and AgendaItem.objects.filter(meeting=meeting, proposal=proposal).exists():
        raise ValidationError({"proposal": _("이미 이 회의의 안건입니다: %(ref)s") % {"ref": proposal.reference}})
    title = (title or "").strip() or (proposal.title if proposal else topic.title if topic else "")
    last = AgendaItem.objects.filter(meeting=meeting).aggregate(last=Max("position"))["last"] or 0
    item = AgendaItem(
        meeting=meeting,
        position=last + 1,
        title=title[:200],
        description=(description or "").strip(),
        proposal=proposal,
        topic=topic,
        suggested=suggested,
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def agenda_add(
    *,
    meeting: Meeting,
    actor,
    proposal: Proposal | None = None,
    topic: ForumTopic | None = None,
    title="",
    description="",
) -> AgendaItem:
    """Add a proposal, a forum topic or a free topic (title) to a meeting not yet held."""
    ensure_allowed(actor, "meetings.change_meeting", meeting)
    if proposal is not None and topic is not None:
        raise ValidationError({"proposal": _("건의과제와 포럼 의제 중 하나만 지정해 주세요.")})
    proposal = proposal_for(actor, proposal)
    if topic is not None and not actor.has_perm("meetings.view_forumtopic", topic):
        raise ValidationError({"topic": _("포럼 의제를 찾을 수 없습니다.")})
    if proposal is None and topic is None and not (title or "").strip():
        raise ValidationError({"title": _("안건명을 입력하거나 건의과제·포럼 의제를 지정해 주세요.")})
    locked = lock_meeting(meeting)
    require_status(locked, *OPEN_FOR_CHANGES, message=_("개최 전인 회의의 안건만 바꿀 수 있습니다."))
    item = _add_item(locked, proposal=proposal, topic=topic, title=title, description=description)
    _agenda_changed(locked, actor)
    return item


@transaction.atomic
def agenda_propose(*, meeting: Meeting, actor, limit: int = AGENDA_SUGGESTIONS) -> list[AgendaItem]:
    """A council meeting's agenda proposed from its region's open proposals, overdue and
    oldest first; the TF then edits it (removes, reorders, adds)."""
    ensure_allowed(actor, "meetings.change_meeting", meeting)
    locked = lock_meeting(meeting)
    require_status(locked, *OPEN_FOR_CHANGES, message=_("개최 전인 회의의 안건만 바꿀 수 있습니다."))
    if locked.body.code != COUNCIL_CODE or locked.region_id is None:
        raise ValidationError({"meeting": _("지역협의회 회의에서만 지역 건의과제로 안건을 제안할 수 있습니다.")})
    items = [
        _add_item(locked, proposal=proposal, suggested=True)
        for proposal in selectors.council_agenda_candidates(locked)[:limit]
    ]
    if items:
        _agenda_changed(locked, actor)
    return items


@transaction.atomic
def agenda_update(*, item: AgendaItem, actor, title: str, description: str = "") -> AgendaItem:
    ensure_allowed(actor, "meetings.change_meeting", item.meeting)
    locked = lock_meeting(item.meeting)
    require_status(locked, *OPEN_FOR_CHANGES, message=_("개최 전인 회의의 안건만 바꿀 수 있습니다."))
    item = AgendaItem.objects.get(pk=item.pk, meeting=locked)
    item.title = (title or "").strip()
    item.description = (description or "").strip()
    item.full_clean()
    item.save(update_fields=["title", "description"])
    _agenda_changed(locked, actor)
    return item


@transaction.atomic
def agenda_remove(*, item: AgendaItem, actor) -> None:
    ensure_allowed(actor, "meetings.change_meeting", item.meeting)
    locked = lock_meeting(item.meeting)
    require_status(locked, *OPEN_FOR_CHANGES, message=_("개최 전인 회의의 안건만 바꿀 수 있습니다."))
    AgendaItem.objects.filter(pk=item.pk, meeting=locked).delete()
    _agenda_changed(locked, actor)


@transaction.atomic
def agenda_move(*, item: AgendaItem, actor, direction: str) -> None:
    """Swap the item with its neighbour above (``up``) or below (``down``)."""
    ensure_allowed(actor, "meetings.change_meeting", item.meeting)
    if direction not in ("up", "down"):
        raise ValidationError({"direction": _("up 또는 down이어야 합니다.")})
    locked = lock_meeting(item.meeting)
    require_status(locked, *OPEN_FOR_CHANGES, message=_("개최 전인 회의의 안건만 바꿀 수 있습니다."))
    items = list(AgendaItem.objects.filter(meeting=locked).order_by("position", "pk"))
    index = next((i for i, row in enumerate(items) if row.pk == item.pk), None)
    if index is None:
        raise Http404
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(items):
        return
    items[index], items[other] = items[other], items[index]
    for position, row in enumerate(items, start=1):
        if row.position != position:
            AgendaItem.objects.filter(pk=row.pk).update(position=position)
    _agenda_changed(locked, actor)


def outcome_note_text(meeting: Meeting, outcome: str, note: str) -> str:
    return _("%(date)s %(meeting)s · %(outcome)s: %(note)s") % {
        "date": f"{timezone.localtime(meeting.starts_at):%Y-%m-%d}",
        "meeting": meeting.title,
        "outcome": AgendaOutcome(outcome).label,
        "note": note,
    }


@transaction.atomic
def agenda_record_outcome(*, item: AgendaItem, actor, outcome: str, note: str) -> AgendaItem:
    """Record what the meeting concluded on an item; a linked proposal's timeline gets a
    ``meeting_outcome`` event (a correction writes a new one: the timeline is immutable)."""
    ensure_allowed(actor, "meetings.record_outcome", item.meeting)
    if outcome not in AgendaOutcome.values:
        raise ValidationError({"outcome": _("논의 결과를 골라 주세요.")})
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("결과 내용을 입력해 주세요.")})
    locked = lock_meeting(item.meeting)
    require_status(
        locked, M.HELD, M.MINUTES_PUBLISHED, message=_("개최 완료된 회의의 안건에만 결과를 기록할 수 있습니다.")
    )
    item = AgendaItem.objects.select_for_update(of=("self",)).select_related("proposal").get(pk=item.pk, meeting=locked)
    corrected = bool(item.outcome)
    item.outcome, item.outcome_note = outcome, note
    item.outcome_recorded_at, item.outcome_recorded_by = timezone.now(), actor
    item.full_clean()
    item.save()
    if item.proposal_id:
        record_event(
            proposal=item.proposal,
            actor=actor,
            action="meeting_outcome",
            note=outcome_note_text(locked, outcome, note),
            payload={
                "meeting_id": locked.pk,
                "meeting_title": locked.title,
                "meeting_date": f"{timezone.localtime(locked.starts_at):%Y-%m-%d}",
                "body": locked.body.code,
                "agenda_item": item.pk,
                "meeting_outcome": outcome,
                "corrected": corrected,
            },
        )
    return item
