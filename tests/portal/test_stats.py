import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.portal.stats import current_region_map, percentile_cont, public_statistics
from apps.proposals.models import Proposal
from tests.portal.support import S, decided, proposal_in, public_set, rehome

pytestmark = pytest.mark.django_db


def by_code(rows):
    return {row["code"]: row for row in rows}


def test_percentile_cont_matches_postgresql_definition():
    assert percentile_cont([], 0.5) is None
    assert percentile_cont([4.0], 0.9) == 4.0
    assert percentile_cont([1.0, 2.0, 3.0, 4.0], 0.5) == 2.5
    assert percentile_cont([0.0, 10.0], 0.9) == pytest.approx(9.0)
    assert percentile_cont([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0], 0.9) == pytest.approx(9.1)


def test_current_region_map_follows_successors_of_abolished_regions():
    today = datetime.date(2026, 11, 1)
    regions = [
        (1, None, None),
        (29, 12, datetime.date(2026, 6, 30)),
        (46, 12, datetime.date(2026, 6, 30)),
        (12, None, None),
    ]

    assert current_region_map(regions, today) == {1: 1, 29: 12, 46: 12, 12: 12}
    # Before the merger the old regions are still today's.
    assert current_region_map(regions, datetime.date(2026, 6, 1))[29] == 29


def test_statistics_count_only_public_proposals(cast):
    proposal_in(cast, S.DRAFT)
    proposal_in(cast, S.AWAITING_ENDORSEMENT)
    hidden = proposal_in(cast, S.SUBMITTED, title="비공개")
    Proposal.objects.filter(pk=hidden.pk).update(is_public=False)
    proposal_in(cast, S.SUBMITTED)

    stats = public_statistics()

    assert stats["totals"]["proposals"] == 1
    assert by_code(stats["by_status"])["submitted"]["total"] == 1
    assert "draft" not in by_code(stats["by_status"])


def test_acceptance_rate_and_outcomes(cast):
    decided(cast, "accepted", title="a")
    decided(cast, "partially_accepted", title="b")
    decided(cast, "not_accepted", title="c")
    decided(cast, "long_term", title="d")
    proposal_in(cast, S.IN_REVIEW, title="e")

    stats = public_statistics()

    totals = stats["totals"]
    assert (totals["proposals"], totals["decided"], totals["accepted"], totals["acceptance_rate"]) == (5, 4, 2, 50.0)
    outcomes = {row["code"]: row["total"] for row in stats["by_outcome"]}
    assert outcomes == {"accepted": 1, "partially_accepted": 1, "long_term": 1, "not_accepted": 1}
    gangwon = by_code(stats["by_current_region"])["51"]
    assert (gangwon["total"], gangwon["decided"], gangwon["accepted"], gangwon["acceptance_rate"]) == (5, 4, 2, 50.0)
    department = by_code(stats["by_department"])["녹색도시과"]
    assert (department["total"], department["decided"], department["acceptance_rate"]) == (5, 4, 50.0)


def test_regions_historical_and_rolled_up(cast):
    rehome(decided(cast, "accepted", title="광주"), "29")
    rehome(decided(cast, "not_accepted", title="전남"), "46")
    rehome(proposal_in(cast, S.SUBMITTED, title="전남광주"), "12")

    stats = public_statistics()

    historical, current = by_code(stats["by_region"]), by_code(stats["by_current_region"])
    assert (historical["29"]["total"], historical["46"]["total"], historical["12"]["total"]) == (1, 1, 1)
    assert current["12"]["total"] == 3
    assert current["12"]["acceptance_rate"] == 50.0
    assert "29" not in current and "46" not in current
    # Today's regions are listed even without proposals; abolished ones only with some.
    assert current["11"]["total"] == 0


def test_processing_days_median_and_p90_by_department(cast):
    now = timezone.now()
    for n, days in enumerate([10, 20, 30, 40]):
        proposal = decided(cast, "accepted", title=f"과제 {n}")
        Proposal.objects.filter(pk=proposal.pk).update(submitted_at=now - datetime.timedelta(days=days), decided_at=now)

    stats = public_statistics()

    department = by_code(stats["by_department"])["녹색도시과"]
    assert department["median_days"] == 25.0
    assert department["p90_days"] == 37.0
    assert (stats["totals"]["median_days"], stats["totals"]["p90_days"]) == (25.0, 37.0)


def test_monthly_trend_counts_received_and_decided(cast):
    decided(cast, "accepted")
    proposal_in(cast, S.SUBMITTED, title="접수만")

    monthly = public_statistics()["monthly"]

    assert len(monthly) == 24
    this_month = monthly[-1]
    assert this_month["month"] == timezone.localdate().strftime("%Y-%m")
    assert (this_month["received"], this_month["decided"]) == (2, 1)


def test_strategy_counts(cast):
    public_set(cast, 3)

    strategies = public_statistics()["by_strategy"]

    assert sorted(row["total"] for row in strategies)[-2:] == [3, 3]


def test_statistics_query_count_is_fixed(cast):
    public_set(cast, 2)
    with CaptureQueriesContext(connection) as small:
        public_statistics()
    public_set(cast, 6, prefix="더")
    decided(cast, "accepted", title="결정")
    with CaptureQueriesContext(connection) as large:
        public_statistics()

    assert len(small) == len(large)


def test_the_running_month_is_marked_partial_in_the_table_and_the_chart(cast, client):
    import json

    from django.urls import reverse

    decided(cast, "accepted")
    monthly = public_statistics()["monthly"]
    assert monthly[-1]["partial"] and not any(row["partial"] for row in monthly[:-1])
    month = monthly[-1]["month"]
    korean = client.get(reverse("portal-stats")).content.decode()
    english = client.get(reverse("portal-stats"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"{month}(진행 중)" in korean and f"{month} (to date)" in english
    assert 'id="monthly-partial-note"' in korean
    charts = json.loads(english.split('id="portal-chart-data" type="application/json">')[1].split("</script>")[0])
    assert charts["monthly"]["partial_index"] == len(monthly) - 1
    assert charts["monthly"]["labels"][-1] == f"{month} (to date)"
    assert charts["monthly"]["labels"][-2] == monthly[-2]["month"]  # full months keep their plain label


def test_the_headline_note_explains_how_the_figures_add_up(cast, client):
    from django.urls import reverse

    decided(cast, "accepted", title="a")
    decided(cast, "not_accepted", title="b")
    proposal_in(cast, S.IN_REVIEW, title="c")
    proposal_in(cast, S.SUBMITTED, title="d")
    proposal_in(cast, S.RECONSIDERATION, title="e")

    stats = public_statistics()
    totals, sums = stats["totals"], stats["sums"]

    assert sum(part["total"] for part in sums["parts"]) == totals["proposals"]
    assert sum(part["total"] for part in sums["decided_parts"]) == totals["decided"]
    page = client.get(reverse("portal-stats")).content.decode()
    note = page.split('id="headline-note">')[1].split("</p>")[0]
    assert f"공개 {totals['proposals']}건 = 검토 중 {totals['in_review']}" in note
    assert f"결정 {totals['decided']}건 = " in note
    english = client.get(reverse("portal-stats"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"{totals['proposals']} public = " in english.split('id="headline-note">')[1]
