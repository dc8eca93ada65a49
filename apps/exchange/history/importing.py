"""Writing checked history rows: all in one transaction, or nothing.

Proposals are created in bulk with their historical reference (the one given, or the next
of the original year and filing region), their stage dates and final state. Each stage
that happened gets one event dated when it happened, marked ``imported`` with who
imported it and from which file. Events are written in bulk, without
``proposal_event_created``: nobody is notified of what happened years ago. The reference
counters move past the imported serials so new proposals never collide.
"""

import collections
import datetime
import os

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from apps.proposals.models import Proposal, ProposalEvent, ReferenceCounter
from apps.proposals.models import ProposalStatus as S
from apps.proposals.registry import ACTIONS
from apps.similarity.indexing import index_proposals

from .checking import DECIDED, HistoryRow

BATCH = 1000


def _moment(day: datetime.date | None):
    # Noon, local time: the day is what the sources record; noon keeps it that day in any zone.
    if day is None:
        return None
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def _stages(fields: dict) -> list[tuple[str, str, str, datetime.date, dict]]:
    """(action, from, to, day, payload) for each stage the row says happened."""
    status = fields["status"]
    stages = [("endorse", S.AWAITING_ENDORSEMENT, S.SUBMITTED, fields["submitted_at"], {})]
    state = S.SUBMITTED
    if fields["assigned_at"] or fields["lead_department"]:
        day = fields["assigned_at"] or fields["submitted_at"]
        lead = fields["lead_department"]
        stages.append(("assign", state, S.ASSIGNED, day, {"lead_department": lead.code} if lead else {}))
        state = S.ASSIGNED
    if status in DECIDED or fields["decided_at"]:
        day = fields["decided_at"] or stages[-1][3]
        payload = {"outcome": fields["outcome"], "decision_summary": fields["decision_summary"]}
        if fields["planned_for"]:
            payload["planned_for"] = fields["planned_for"].isoformat()
        stages.append(("decide", S.IN_REVIEW, S.DECIDED, day, payload))
        state = S.DECIDED
    if status in (S.IN_PROGRESS, S.COMPLETED):
        stages.append(("start_followup", S.DECIDED, S.IN_PROGRESS, stages[-1][3], {}))
    if status == S.COMPLETED:
        stages.append(("complete", S.IN_PROGRESS, S.COMPLETED, fields["completed_at"], {}))
    if status == S.REFERRED:
        stages.append(("refer", state, S.REFERRED, stages[-1][3], {"ministry": fields["referred_ministry"]}))
    if status == S.WITHDRAWN:
        stages.append(("withdraw", state, S.WITHDRAWN, stages[-1][3], {}))
    return stages


def _proposal(fields: dict, actor) -> Proposal:
    return Proposal(
        reference=fields["reference"],
        title=fields["title"],
        summary=fields["summary"],
        region=fields["region"],
        category=fields["category"],
        status=fields["status"],
        lead_department=fields["lead_department"],
        outcome=fields["outcome"] if fields["status"] in (*DECIDED, S.REFERRED) else "",
        decision_summary=fields["decision_summary"],
        planned_for=fields["planned_for"],
        progress=100 if fields["status"] == S.COMPLETED else fields["progress"],
        referred_ministry=fields["referred_ministry"],
        is_public=fields["is_public"],
        created_by=actor,
        submitted_at=_moment(fields["submitted_at"]),
        assigned_at=_moment(fields["assigned_at"]),
        decided_at=_moment(fields["decided_at"]),
        completed_at=_moment(fields["completed_at"]),
    )


def _number(rows: list[HistoryRow]) -> None:
    """Give rows without a reference the next serial of their original year and region,
    after every serial used so far (in the database and in the file)."""
    used = collections.defaultdict(int)
    for counter in ReferenceCounter.objects.all():
        used[(counter.year, counter.region_id)] = counter.last
    for row in rows:
        reference = row.fields["reference"]
        if reference:
            year, _code, serial = reference.split("-")
            key = (int(year), row.fields["region"].pk)
            used[key] = max(used[key], int(serial))
    for row in rows:
        if not row.fields["reference"]:
            key = (row.fields["submitted_at"].year, row.fields["region"].pk)
            used[key] += 1
            row.fields["reference"] = f"{key[0]}-{row.fields['region'].code}-{used[key]:04d}"
    for (year, region_id), last in used.items():
        counter, _created = ReferenceCounter.objects.select_for_update().get_or_create(year=year, region_id=region_id)
        if counter.last < last:
            counter.last = last
            counter.save(update_fields=["last"])


@transaction.atomic
def import_history(rows: list[HistoryRow], *, actor, source: str, progress=None) -> list[Proposal]:
    """Create every row's proposal and timeline (rows already checked, without errors)."""
    _number(rows)
    marker = {"imported": True, "imported_by": actor.get_username(), "source_file": os.path.basename(source)}
    created: list[Proposal] = []
    for start in range(0, len(rows), BATCH):
        chunk = rows[start : start + BATCH]
        proposals = Proposal.objects.bulk_create([_proposal(row.fields, actor) for row in chunk])
        Proposal.objects.filter(pk__in=[p.pk for p in proposals]).update(created_at=F("submitted_at"))
        events, moments = [], []
        for row, proposal in zip(chunk, proposals):
            for action, before, after, day, payload in _stages(row.fields):
                events.append(
                    ProposalEvent(
                        proposal=proposal,
                        actor=actor,
                        action=action,
                        from_status=before,
                        to_status=after,
                        payload={**payload, **marker},
                        is_public=ACTIONS[action].is_public,
                    )
                )
                moments.append(_moment(day))
        events = ProposalEvent.objects.bulk_create(events)
        for event, moment in zip(events, moments):
            event.created_at = moment
        ProposalEvent.objects.bulk_update(events, ["created_at"], batch_size=BATCH)
        created += proposals
        if progress is not None:
            progress(len(created), len(rows))
    # Searchable like any other proposal ("similar proposals", the list's 검색어).
    index_proposals(Proposal.objects.filter(pk__in=[p.pk for p in created]))
    return created
