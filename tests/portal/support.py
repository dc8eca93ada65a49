"""Building public and non-public proposals for the portal tests."""

import datetime

from apps.organisations.models import Region
from apps.proposals.models import Proposal, Strategy
from apps.proposals.models import ProposalStatus as S
from tests.proposals.support import fire, new_draft, proposal_in

__all__ = ["S", "decided", "fire", "new_draft", "proposal_in", "public_set"]


def decided(cast, outcome="accepted", title="결정된 과제", summary_text="공개 요지", **fields):
    """A proposal decided with ``outcome`` (reasons in the note, summary public)."""
    proposal = proposal_in(cast, S.IN_REVIEW, title=title)
    decision = {"outcome": outcome, "note": fields.pop("note", "내부 검토 의견"), "decision_summary": summary_text}
    if outcome in ("accepted", "partially_accepted"):
        decision["planned_for"] = datetime.date(2027, 6, 30)
    return fire(cast, proposal, "lead_reviewer", "decide", **decision)


def public_set(cast, number: int, prefix: str = "과제"):
    """``number`` public proposals in varied states, with strategies and departments."""
    strategies = list(Strategy.objects.all()[:2])
    states = [S.SUBMITTED, S.ASSIGNED, S.IN_REVIEW, S.DECIDED, S.IN_PROGRESS]
    made = []
    for n in range(number):
        proposal = proposal_in(cast, states[n % len(states)], title=f"{prefix} {n}")
        proposal.strategies.set(strategies)
        made.append(proposal)
    return made


def rehome(proposal: Proposal, code: str) -> Proposal:
    """Move a proposal to region ``code`` (e.g. an abolished one, as if filed before the
    merger) — test data only; the services refuse abolished regions."""
    Proposal.objects.filter(pk=proposal.pk).update(region=Region.objects.get(code=code))
    return Proposal.objects.get(pk=proposal.pk)
