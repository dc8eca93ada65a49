"""What the restore drill (apps/core/backups.py) reads back from proposals: the timeline of
the proposal with the most events, through the one timeline policy, for its author and for
the public."""

from django.db.models import Count

from apps.core.backups import register_check

from .models import Proposal, ProposalEvent
from .timeline import timeline_for


@register_check
def proposal_timeline_reads_back() -> str:
    proposal = Proposal.objects.annotate(n=Count("events")).order_by("-n", "pk").first()
    if proposal is None:
        return "no proposals to read back"
    events = ProposalEvent.objects.filter(proposal=proposal).count()
    own = timeline_for(proposal.created_by, proposal)
    public = timeline_for(None, proposal)
    if events and not own:
        raise RuntimeError(f"proposal {proposal.pk}: {events} events, none read back for its author")
    return f"proposal {proposal.pk}: {len(own)} of {events} events read back for its author, {len(public)} public"
