import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.organisations.models import Body, CouncilSeat, Region
from tests.core.views.support import table_rows

pytestmark = pytest.mark.django_db

AFTER_MERGER = datetime.datetime(2026, 9, 1, 12, tzinfo=datetime.UTC)


def _rows_by_code(client):
    response = client.get(reverse("region-list"))
    assert response.status_code == 200
    return {row[0]: row for row in table_rows(response.content, "regions")}


@time_machine.travel(AFTER_MERGER, tick=False)
def test_regions_page_lists_all_regions_including_abolished(client):
    rows = _rows_by_code(client)

    assert set(rows) == set(Region.objects.values_list("code", flat=True))
    assert rows["29"] == [
        "29",
        "광주광역시",
        "비수도권",
        "—",
        "2026-06-30",
        "전남광주통합특별시 (12)",
        "미참여",
        "폐지",
    ]
    assert rows["42"][5:] == ["강원특별자치도 (51)", "미참여", "폐지"]
    assert rows["12"] == ["12", "전남광주통합특별시", "비수도권", "2026-07-01", "—", "—", "참여", "현행"]
    assert rows["11"][2] == "수도권"
    assert rows["11"][6] == "미참여"
    assert rows["51"][6] == "참여"
    assert sum(row[6] == "참여" for row in rows.values()) == 13


@time_machine.travel(datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC), tick=False)
def test_regions_page_before_merger_marks_the_new_region_upcoming(client):
    rows = _rows_by_code(client)

    assert rows["12"][-1] == "시행 예정"
    assert rows["29"][-2:] == ["참여", "현행"]
    assert sum(row[6] == "참여" for row in rows.values()) == 14


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_regions_page_query_count_does_not_grow_with_rows(client):
    url = reverse("region-list")
    before = _queries(client, url)
    council = Body.objects.get(code="regional_council")
    successor = Region.objects.get(code="51")
    for n in range(5):
        region = Region.objects.create(
            code=f"9{n}",
            name=f"가상지역{n}",
            short_name=f"가상{n}",
            valid_to=datetime.date(2020, 1, 1),
            successor=successor,
        )
        CouncilSeat.objects.create(body=council, region=region, valid_from=datetime.date(2019, 1, 1))

    assert _queries(client, url) == before
    assert before <= 3
