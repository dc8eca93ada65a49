"""The body is shown rendered from what was stored when it was saved (issue 16: a list no
longer parses Markdown per row), and never from a stale rendering; the relations' codes
come in the models' order."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.core.markdown import render_markdown
from apps.organisations.models import Department
from apps.proposals.models import Proposal, Strategy
from apps.proposals.models import ProposalStatus as S

from .conftest import LEAD

pytestmark = pytest.mark.django_db

LIST = "/api/v1/proposals/"


def listed(client, proposal) -> dict:
    return next(row for row in client.get(LIST).json()["results"] if row["id"] == proposal.pk)


def test_the_body_is_shown_rendered_and_follows_each_edit(client_for, people, flow):
    proposal = flow.draft(body="## 배경\n\n**중요** <script>alert(1)</script>")
    client = client_for(people.official())
    shown = listed(client, proposal)["body_html"]
    assert "<strong>중요</strong>" in shown and "<script>" not in shown

    response = client.patch(f"{LIST}{proposal.pk}/", {"body": "_고친 본문_"}, format="json")
    assert response.json()["body_html"] == "<p><em>고친 본문</em></p>\n"
    assert listed(client, proposal)["body_html"] == "<p><em>고친 본문</em></p>\n"


def test_a_title_only_save_keeps_the_stored_rendering(flow):
    proposal = flow.draft(body="**굵게**")
    Proposal.objects.filter(pk=proposal.pk).update(body_html="<p>저장된 렌더링</p>")
    proposal.refresh_from_db()
    proposal.title = "새 제목"
    proposal.save(update_fields=["title"])
    proposal.refresh_from_db()
    assert proposal.body_html == "<p>저장된 렌더링</p>"


@pytest.mark.parametrize("stamp", ["", "0:an older renderer"])
def test_a_rendering_from_another_renderer_is_never_shown(client_for, people, flow, stamp):
    """Rows written in bulk (no stamp) or by an older renderer are rendered afresh."""
    proposal = flow.make(S.SUBMITTED, body="**지금 본문**")
    Proposal.objects.filter(pk=proposal.pk).update(body_html="<p>낡은 렌더링</p>", body_rendering=stamp)

    assert listed(client_for(people.official()), proposal)["body_html"] == render_markdown("**지금 본문**")
    staff = Client()
    staff.force_login(people.tf)
    page = staff.get(reverse("proposal-detail", args=[proposal.pk]))
    assert page.status_code == 200
    assert "<strong>지금 본문</strong>" in page.content.decode() and "낡은 렌더링" not in page.content.decode()


def test_strategies_and_supporting_departments_come_in_the_models_order(client_for, people, flow):
    strategies = list(Strategy.objects.order_by("-order")[:2])  # saved in reverse order
    proposal = flow.make(S.ASSIGNED, strategies=strategies)
    supporting = list(Department.objects.exclude(code=LEAD)[:3])  # in the model's order
    proposal.support_departments.set(reversed(supporting))

    row = listed(client_for(people.tf), proposal)
    assert row["strategies"] == [s.code for s in sorted(strategies, key=lambda s: s.order)]
    assert row["support_departments"] == [d.code for d in supporting]
    with CaptureQueriesContext(connection) as queries:
        single = client_for(people.tf).get(f"{LIST}{proposal.pk}/").json()
    # One proposal is read as a list row is: its strategies once, not a prefetch and then the codes.
    assert sum('"proposals_proposal_strategies"' in q["sql"] for q in queries.captured_queries) == 1
    assert (single["strategies"], single["support_departments"]) == (row["strategies"], row["support_departments"])
