"""The demo proposals: every state and outcome, every council region, the 광주·전남
proposals of before the merger, consistent timelines, and idempotent seeding.

The history is played through the services on a travelled clock: nothing rewrites it.
Seeding takes a few seconds, so there are two tests: one checks a seeded world
thoroughly, the other seeds twice.
"""

import contextlib
import datetime
import io
import sys
from unittest import mock

import pytest
from django.core.management import call_command
from django.db.models import Count, Min, QuerySet
from django.utils import timezone

from apps.comments.models import Comment
from apps.core.business_days import add_business_days
from apps.demo.proposal_data import CURRENT, HISTORICAL
from apps.meetings.models import AgendaItem, ForumTopic, Invitation, Meeting, Recommendation
from apps.organisations.models import CouncilSeat
from apps.proposals.models import Consultation, Outcome, Proposal, ProposalEvent, ProposalStatus, ServiceLevel
from apps.proposals.workload import department_workload, due_soon_and_overdue

pytestmark = pytest.mark.django_db

MERGER = datetime.date(2026, 7, 1)
HISTORY = (ProposalEvent, Proposal, Consultation, AgendaItem, Recommendation, ForumTopic, Comment, Invitation, Meeting)


def _caller() -> str:
    """The module that asked for the update (past Django's own frames)."""
    frame = sys._getframe(2)
    while frame.f_globals.get("__name__", "").startswith("django."):
        frame = frame.f_back
    return frame.f_globals.get("__name__", "")


@contextlib.contextmanager
def history_rewrites_refused():
    """No one updates a timeline event, and the demo updates no history row itself (the
    services may: a meeting's calendar sequence, attendance)."""
    update = QuerySet.update

    def guarded(queryset, **kwargs):
        caller = _caller()
        if queryset.model is ProposalEvent or (queryset.model in HISTORY and caller.startswith("apps.demo")):
            raise AssertionError(f"{caller} rewrites {queryset.model.__name__} rows")
        return update(queryset, **kwargs)

    with mock.patch.object(QuerySet, "update", guarded):
        yield


def seed() -> str:
    out = io.StringIO()
    with history_rewrites_refused():
        call_command("seed_demo", stdout=out)
    return out.getvalue()


def counts():
    return (
        Proposal.objects.count(),
        ProposalEvent.objects.count(),
        Consultation.objects.count(),
        sorted(Proposal.objects.values_list("reference", flat=True)),
    )


def test_the_guard_refuses_a_rewritten_event():
    with history_rewrites_refused(), pytest.raises(AssertionError):
        ProposalEvent.objects.filter(pk=0).update(note="")


def test_seed_demo_proposals_twice_changes_nothing():
    first = seed()
    before = counts()
    second = seed()
    assert counts() == before
    assert before[0] == len(CURRENT) + len(HISTORICAL) >= 60
    assert f"시연 건의과제 준비 완료: {before[0]}건(새로 만듦 {before[0]}건" in first
    assert f"시연 건의과제 준비 완료: {before[0]}건(새로 만듦 0건" in second


def test_seed_demo_prints_the_logins_last_grouped_by_journey():
    out = seed()
    summary, logins = out.index("시연 건의과제 준비 완료"), out.index("password for every demo login")
    assert summary < logins  # the logins come after the history, at the bottom
    journeys = out[out.index("who works on the same proposals") :].splitlines()[1:]
    gangwon = next(line for line in journeys if "(51):" in line)
    assert gangwon.split(": ", 1)[1].startswith("official-51 → vg-51 → ")
    assert "reviewer" in gangwon and "tf" in gangwon


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

    # 광주(29)·전남(46) proposals of before the merger keep their region, reference and dates:
    # filed and endorsed by the people who held those seats then, numbered in their year.
    for code in ("29", "46"):
        historical = proposals.filter(region__code=code)
        assert historical.count() == 3
        for proposal in historical:
            assert proposal.reference.split("-")[1] == code
            assert proposal.reference.startswith(f"{timezone.localtime(proposal.created_at).year}-")
            assert timezone.localdate(proposal.created_at) < MERGER
            assert proposal.created_by.username == f"official-{code}-2023"
            assert proposal.events.filter(action="endorse", actor__username=f"vg-{code}-2023").exists()
            assert all(timezone.localdate(e.created_at) < MERGER for e in proposal.events.all())

    # Every proposal has a timeline that starts with its creation, was written forward in
    # time (in the order of its rows), chains its states and ends in the proposal's state.
    now = timezone.now()
    for proposal in proposals:
        events = list(proposal.events.order_by("pk"))
        assert events[0].action == "create"
        assert events[0].created_at == proposal.created_at
        times = [e.created_at for e in events]
        assert times == sorted(times) and times[-1] < now, proposal.title
        state = ProposalStatus.DRAFT
        for event in events:
            if event.from_status:
                assert event.from_status == state, (proposal.title, event.action)
                state = event.to_status
        assert state == proposal.status, proposal.title

    # Deadlines run from the day each step happened (the services' own rules on that day).
    triage = ServiceLevel.objects.get(stage=ServiceLevel.Stage.TRIAGE).business_days
    for event in ProposalEvent.objects.filter(action="endorse"):
        due = add_business_days(timezone.localdate(event.created_at), triage)
        assert event.payload["due_at"] == due.isoformat(), event.proposal.title

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
