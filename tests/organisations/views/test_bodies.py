import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.organisations.models import Body, CouncilSeat, Region
from tests.core.views.support import table_rows
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

# After the 광주·전남 merger (2026-07-01), so the council has its 13 regions.
AFTER_MERGER = datetime.datetime(2026, 9, 1, 12, tzinfo=datetime.UTC)
NOTICE = "이 기구의 구성원 명단은 내부 정보로, 국토교통부 담당자만 볼 수 있습니다."


def test_body_list_shows_every_body_with_hierarchy(client):
    response = client.get(reverse("body-list"))

    assert response.status_code == 200
    html = response.content.decode()
    for body in Body.objects.select_related("parent"):
        assert reverse("body-detail", args=[body.code]) in html
        assert body.name in html
    # The TF sits under the planning group, which sits under the support group.
    assert 'class="site-depth-2"><a href="/bodies/tf/">부내 TF</a>' in html
    assert 'class="site-depth-1"><a href="/bodies/planning_group/">' in html
    assert f'aria-current="page">{"기구 안내"}</a>' in html


def test_every_body_detail_renders_for_anonymous(client):
    for body in Body.objects.all():
        response = client.get(reverse("body-detail", args=[body.code]))
        assert response.status_code == 200, body.code
        html = response.content.decode()
        assert f'<h1 id="page-title">{body.name}</h1>' in html
        if body.chair_title:
            assert body.chair_title in html


def test_body_detail_lists_child_bodies(client):
    html = client.get(reverse("body-detail", args=["support_group"])).content.decode()

    for child in Body.objects.filter(parent__code="support_group"):
        assert reverse("body-detail", args=[child.code]) in html


def test_unknown_body_is_404_in_korean(client):
    response = client.get(reverse("body-detail", args=["no_such_body"]))

    assert response.status_code == 404
    assert "요청하신 페이지를 찾을 수 없습니다." in response.content.decode()


def test_tf_members_hidden_from_anonymous(client, make_member):
    colleague = make_member("tf_staff", user__name="김담당")

    response = client.get(reverse("body-detail", args=["tf"]))

    assert response.status_code == 200
    html = response.content.decode()
    assert NOTICE in html
    assert colleague.name not in html
    assert 'id="members"' not in html


def test_tf_members_hidden_from_regional_official(client, make_member):
    colleague = make_member("tf_staff", user__name="김담당")
    client.force_login(make_member("regional_official"))

    html = client.get(reverse("body-detail", args=["tf"])).content.decode()

    assert NOTICE in html
    assert colleague.name not in html


def test_tf_members_visible_to_tf_staff(client, make_member):
    colleague = make_member("tf_staff", user__name="김담당", user__position="사무관")
    client.force_login(make_member("tf_staff"))

    html = client.get(reverse("body-detail", args=["tf"])).content.decode()

    assert NOTICE not in html
    rows = table_rows(html, "members")
    assert len(rows) == 2
    assert ["김담당", "사무관", "기획단 TF", "—", timezone.localdate().isoformat()] in rows
    assert colleague.name in html


def test_public_body_members_visible_to_anonymous(client, make_member):
    vice_governor = make_member("vice_governor", user__name="박부지사")

    html = client.get(reverse("body-detail", args=["regional_council"])).content.decode()

    assert NOTICE not in html
    rows = table_rows(html, "members")
    assert [row[0] for row in rows] == [vice_governor.name]
    assert rows[0][2:4] == ["부지사", "강원특별자치도"]


@time_machine.travel(AFTER_MERGER, tick=False)
def test_council_shows_13_current_seats_and_gwangju_as_past(client):
    html = client.get(reverse("body-detail", args=["regional_council"])).content.decode()

    current = table_rows(html, "current-seats")
    past = table_rows(html, "past-seats")
    assert len(current) == 13
    current_names = {row[1] for row in current}
    assert "전남광주통합특별시" in current_names
    assert "광주광역시" not in current_names
    assert "전라남도" not in current_names
    assert "서울특별시" not in current_names  # capital area: never on the council
    gwangju = next(row for row in past if row[1] == "광주광역시")
    assert gwangju == ["29", "광주광역시", "2023-01-04 ~ 2026-06-30", "전남광주통합특별시 (12)"]
    assert {row[1] for row in past} >= {"광주광역시", "전라남도", "강원도", "전라북도"}


@time_machine.travel(datetime.datetime(2026, 6, 30, 12, tzinfo=datetime.UTC), tick=False)
def test_council_before_merger_has_14_seats_and_lists_the_upcoming_one(client):
    html = client.get(reverse("body-detail", args=["regional_council"])).content.decode()

    assert len(table_rows(html, "current-seats")) == 14
    assert [row[1] for row in table_rows(html, "upcoming-seats")] == ["전남광주통합특별시"]


def test_partner_groups_list_their_organisations(client):
    expert = client.get(reverse("body-detail", args=["expert_group"])).content.decode()
    institution = client.get(reverse("body-detail", args=["institution_group"])).content.decode()

    assert "국토연구원" in expert
    assert "한국토지주택공사" in institution
    assert "한국토지주택공사" not in expert


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_body_pages_query_count_does_not_grow_with_rows(client, make_member):
    client.force_login(make_member("tf_staff"))
    council = Body.objects.get(code="regional_council")
    urls = [
        reverse("body-list"),
        reverse("body-detail", args=["tf"]),
        reverse("body-detail", args=["regional_council"]),
    ]
    before = [_queries(client, url) for url in urls]

    for n in range(5):
        Body.objects.create(code=f"extra_{n}", name=f"추가 기구 {n}", parent=council)
        MembershipFactory(role="tf_staff")
        MembershipFactory(role="vice_governor", region=Region.objects.get(code="26"))
        region = Region.objects.create(code=f"9{n}", name=f"가상지역{n}", short_name=f"가상{n}")
        CouncilSeat.objects.create(body=council, region=region, valid_from=datetime.date(2020, 1, 1))

    after = [_queries(client, url) for url in urls]
    assert after == before
    assert max(after) <= 12
