"""The demo world tells the accountability story (issue 17): follow-up plans with
milestones done on time, done late, late and planned; ratings and evaluations of the
completed proposals, all on the public pages; and an intact event chain."""

import io

import pytest
from django.core.management import call_command
from django.test import Client

from apps.proposals.models import Milestone, Proposal, ProposalStatus, ResultEvaluation, SatisfactionRating
from tests.demo.test_seed_demo_proposals import seed

pytestmark = pytest.mark.django_db


def test_the_demo_has_plans_ratings_and_evaluations_on_its_public_pages():
    seed()

    states = {milestone.state for milestone in Milestone.objects.all()}
    assert {"done", "done_late", "late", "planned"} <= states
    completed = Proposal.objects.filter(status=ProposalStatus.COMPLETED)
    assert SatisfactionRating.objects.count() == completed.count() > 0
    assert ResultEvaluation.objects.count() == completed.count()
    assert all(0 < p.progress < 100 for p in Proposal.objects.filter(status=ProposalStatus.IN_PROGRESS))

    followed = Proposal.objects.filter(status=ProposalStatus.IN_PROGRESS, is_public=True).first()
    page = Client().get(f"/public/proposals/{followed.pk}/").content.decode()
    assert "추진계획" in page and "지연" in page and "예정" in page
    done = completed.filter(is_public=True).first()
    page = Client().get(f"/public/proposals/{done.pk}/").content.decode()
    assert "만족도와 성과" in page and "반영된 사업비(억원)" in page

    out = io.StringIO()
    call_command("verify_events", stdout=out)
    assert out.getvalue().startswith("ok: ")
