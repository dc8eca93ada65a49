"""The ledger's milestone column: each proposal's follow-up plan (title, planned date,
state, date done), read with a constant number of queries per chunk of rows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.exchange.ledger import selectors, writer
from apps.exchange.ledger.export import ledger_file
from apps.proposals.models import Milestone
from apps.proposals.models import ProposalStatus as S
from tests.exchange.ledger_support import sheet_rows
from tests.proposals.support import Cast, proposal_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    return Cast()


def _plan(proposal, today):
    Milestone.objects.create(
        proposal=proposal, title="기본계획 수립", planned_for=today - datetime.timedelta(days=30), done_on=today
    )
    Milestone.objects.create(proposal=proposal, title="예산: 부처 요구", planned_for=today - datetime.timedelta(days=1))
    Milestone.objects.create(proposal=proposal, title="착공", planned_for=today + datetime.timedelta(days=90))


def test_each_row_lists_its_milestones_with_dates_and_the_late_ones_flagged(cast):
    today = timezone.localdate()
    followed = proposal_in(cast, S.IN_PROGRESS, "광역철도 연장")
    _plan(followed, today)
    proposal_in(cast, S.SUBMITTED, "계획 없는 과제")

    fileobj, _count = ledger_file(cast["tf_staff"], selectors.ledger_rows(cast["tf_staff"]))
    with fileobj:
        keys, rows = sheet_rows(fileobj.read())

    assert "milestones" in keys
    by_title = {row["title"]: row for row in rows}
    lines = by_title["광역철도 연장"]["milestones"].splitlines()
    late_done, overdue, planned = (today - datetime.timedelta(days=30), today - datetime.timedelta(days=1), today)
    assert lines == [
        f"기본계획 수립 ({late_done.isoformat()}, 지연 완료 {today.isoformat()})",
        f"예산: 부처 요구 ({overdue.isoformat()}, 지연)",
        f"착공 ({(planned + datetime.timedelta(days=90)).isoformat()}, 예정)",
    ]
    assert by_title["계획 없는 과제"]["milestones"] in (None, "")


def _queries(user) -> int:
    with CaptureQueriesContext(connection) as captured:
        fileobj, _count = ledger_file(user, selectors.ledger_rows(user))
        fileobj.close()
    return len(captured)


def test_the_export_reads_a_constant_number_of_queries_per_chunk(cast, monkeypatch):
    """Milestones, departments, consultations and clusters are read per chunk of rows,
    never per row: more rows in a chunk cost no query; each further chunk costs the same."""
    today = timezone.localdate()
    user = cast["tf_staff"]
    monkeypatch.setattr(writer, "CHUNK", 4)
    for index in range(2):
        _plan(proposal_in(cast, S.IN_PROGRESS, f"과제 {index}"), today)
    _queries(user)  # the first asks once for what is cached afterwards (the viewer's roles)
    two = _queries(user)
    for index in range(2, 4):
        _plan(proposal_in(cast, S.IN_PROGRESS, f"과제 {index}"), today)
    four = _queries(user)  # still one chunk
    for index in range(4, 8):
        _plan(proposal_in(cast, S.IN_PROGRESS, f"과제 {index}"), today)
    eight = _queries(user)  # two chunks
    for index in range(8, 12):
        _plan(proposal_in(cast, S.IN_PROGRESS, f"과제 {index}"), today)
    twelve = _queries(user)  # three chunks

    assert four == two
    per_chunk = eight - four
    assert twelve - eight == per_chunk
    assert 0 < per_chunk <= 8
