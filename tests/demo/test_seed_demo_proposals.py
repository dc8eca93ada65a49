"""The demo proposals: every state and outcome, every council region, the 광주·전남
proposals of before the merger, consistent timelines, and idempotent seeding.

Seeding takes a few seconds, so there are two tests: one checks a seeded world
thoroughly, the other seeds twice.
"""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db.models import Count, Min
from django.utils import timezone

from apps.demo.proposals import CURRENT, HISTORICAL
from apps.organisations.models import CouncilSeat
from apps.proposals.models import Consultation, Outcome, Proposal, ProposalEvent, ProposalStatus
from apps.proposals.workload import department_workload, due_soon_and_overdue

pytestmark = pytest.mark.django_db

MERGER = datetime.date(2026, 7, 1)


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def counts():
    return (
        Proposal.objects.count(),
        ProposalEvent.objects.count(),
        Consultation.objects.count(),
        sorted(Proposal.objects.values_list("reference", flat=True)),
    )


def test_seed_demo_proposals_twice_changes_nothing():
    first = seed()
    before = counts()
    second = seed()
    assert counts() == before
    assert before[0] == len(CURRENT) + len(HISTORICAL) >= 60
    assert f"시연 건의과제 준비 완료: {before[0]}건(새로 만듦 {before[0]}건" in first
    assert f"시연 건의과제 준비 완료: {before[0]}건(새로 만듦 0건" in second


def test_seed_demo_proposals_make_a_complete_consistent_world():
    seed()
    proposals = Proposal.objects.all()

    # Every state and every outcome.
    assert set(proposals.values_list("status", flat=True)) == set(ProposalStatus.values)
    decided = proposals.filter(status=ProposalStatus.DECIDED)
    assert set(decided.values_list("outcome", flat=True)) == set(Outcome.values)

    # Every region on today's council files proposals.
    council = set(CouncilSeat.objects.current().values_list("region__code", flat=True))
    assert len(council) == 13
    assert council <= set(proposals.values_list("region__code", flat=True))

    # 광주(29)·전남(46) proposals of before the merger keep their region, reference and dates.
    for code in ("29", "46"):
        historical = proposals.filter(region__code=code)
        assert historical.count() == 3
        for proposal in historical:
            assert proposal.reference.split("-")[1] == code
            assert proposal.reference.startswith(f"{timezone.localtime(proposal.created_at).year}-")
            assert timezone.localdate(proposal.created_at) < MERGER
            authored = proposal.events.filter(actor__username=f"vg-{code}-2023")
            assert authored.exists()
            assert all(timezone.localdate(e.created_at) < MERGER for e in authored)

    # Every proposal has a timeline that starts with its creation, runs forward in time,
    # chains its states and ends in the proposal's state.
    now = timezone.now()
    for proposal in proposals.prefetch_related("events"):
        events = list(proposal.events.all())
        assert events[0].action == "create"
        assert events[0].created_at == proposal.created_at
        times = [e.created_at for e in events]
        assert times == sorted(times) and times[-1] < now
        state = ProposalStatus.DRAFT
        for event in events:
            if event.from_status:
                assert event.from_status == state, (proposal.title, event.action)
                state = event.to_status
        assert state == proposal.status, proposal.title

    # Current proposals were numbered in the year they were written.
    for proposal in proposals.exclude(region__code__in=["29", "46"]):
        assert proposal.reference.startswith(f"{timezone.localtime(proposal.created_at).year}-")
    # 전남광주통합특별시 files only from its first day.
    assert proposals.filter(region__code="12").aggregate(first=Min("created_at"))["first"].date() >= MERGER

    # The details reviewers work with.
    referred = proposals.filter(status=ProposalStatus.REFERRED)
    assert set(referred.values_list("referred_ministry", flat=True)) == {"기획재정부", "행정안전부", "환경부"}
    assert all(p.merged_into_id for p in proposals.filter(status=ProposalStatus.MERGED))
    assert all(0 < p.progress < 100 for p in proposals.filter(status=ProposalStatus.IN_PROGRESS))
    assert all(p.progress == 100 for p in proposals.filter(status=ProposalStatus.COMPLETED))
    assert proposals.filter(status=ProposalStatus.DECIDED, outcome=Outcome.LONG_TERM, rereview_at__isnull=False)

    answered = Consultation.objects.filter(state=Consultation.State.ANSWERED)
    assert answered.count() >= 5
    assert {"advisor", "institution"} <= set(answered.values_list("answered_by__memberships__role", flat=True))
    assert Consultation.objects.filter(state=Consultation.State.OPEN).exists()

    # Similar requests from several regions (for finding duplicates).
    gb = proposals.filter(title__contains="개발제한구역").values("region").distinct().count()
    metro_rail = proposals.filter(title__contains="광역철도").values("region").distinct().count()
    assert gb >= 3 and metro_rail >= 2

    # Reviews sit with the departments that handle them, with a realistic workload.
    departments = dict(
        proposals.exclude(lead_department=None)
        .values_list("lead_department__code")
        .annotate(n=Count("pk"))
        .values_list("lead_department__code", "n")
    )
    for code in ("녹색도시과", "광역급행철도기획과", "철도정책과", "산업입지정책과", "공항정책과", "성장거점정책과"):
        assert departments.get(code, 0) >= 2, code
    assert due_soon_and_overdue().overdue.exists()
    assert any(row.median_days for row in department_workload())


def test_seed_demo_without_proposals_seeds_people_only():
    out = io.StringIO()
    call_command("seed_demo", "--without-proposals", stdout=out)
    assert not Proposal.objects.exists()
    assert "시연 건의과제" not in out.getvalue()
