"""What a council visit's briefing holds, for one meeting in one region.

Open and overdue proposals with their stage and D-day, decisions since the region's
previous council meeting, follow-ups due, and the previous meeting's commitments with
their state. A region merged since (전남광주 ← 광주·전남) brings its predecessors' items.
"""

import dataclasses
import datetime

from django.db.models import Q
from django.utils import timezone

from apps.exchange.ledger.columns import d_day
from apps.meetings.models import Meeting, MeetingStatus
from apps.organisations.models import Region
from apps.proposals.models import OPEN_STATUSES, Outcome, Proposal, ProposalStatus
from apps.proposals.selectors import with_deadline_flags

from .models import Commitment

FOLLOWUP_HORIZON_DAYS = 90


@dataclasses.dataclass
class VisitPack:
    meeting: Meeting
    region: Region
    previous: Meeting | None
    today: datetime.date
    open_items: list
    decisions: list
    followups: list
    commitments: list


def followups_due(proposals, today: datetime.date, until: datetime.date) -> list[dict]:
    """Follow-ups due by ``until``: today each accepted proposal's planned date. Hook for
    issue 17's milestones: once they exist, list each milestone due here instead."""
    rows = proposals.filter(
        Q(status=ProposalStatus.IN_PROGRESS)
        | Q(status=ProposalStatus.DECIDED, outcome__in=[Outcome.ACCEPTED, Outcome.PARTIALLY_ACCEPTED]),
        planned_for__lte=until,
    ).order_by("planned_for", "reference")
    return [
        {
            "proposal": p,
            "due": p.planned_for,
            "what": f"추진 예정일 (추진률 {p.progress}%)",
            "overdue": p.planned_for < today,
        }
        for p in rows
    ]


def region_family(region: Region) -> list[int]:
    """The region and those merged into it."""
    return [region.pk, *Region.objects.filter(successor=region).values_list("pk", flat=True)]


def build_pack(meeting: Meeting) -> VisitPack:
    today = timezone.localdate()
    region = meeting.region
    proposals = Proposal.objects.filter(region_id__in=region_family(region)).select_related("lead_department", "region")
    previous = (
        Meeting.objects.filter(body=meeting.body, region=region, starts_at__lt=meeting.starts_at)
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("-starts_at")
        .first()
    )
    open_rows = with_deadline_flags(proposals.filter(status__in=OPEN_STATUSES)).order_by("due_at", "reference")
    open_items = [{"proposal": p, "d_day": d_day(p, today), "overdue": p.is_overdue} for p in open_rows]
    decided = proposals.filter(decided_at__isnull=False).exclude(outcome="")
    if previous is not None:
        decided = decided.filter(decided_at__gte=previous.starts_at)
    decisions = list(decided.order_by("-decided_at")[:100])
    commitments = (
        list(Commitment.objects.filter(meeting=previous).select_related("proposal")) if previous is not None else []
    )
    until = today + datetime.timedelta(days=FOLLOWUP_HORIZON_DAYS)
    return VisitPack(
        meeting=meeting,
        region=region,
        previous=previous,
        today=today,
        open_items=open_items,
        decisions=decisions,
        followups=followups_due(proposals, today, until),
        commitments=commitments,
    )
