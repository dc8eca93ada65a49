"""Lists in English name regions in English (reference data), in Korean by their short name."""

import pytest
from django.urls import reverse

from tests.factories import member
from tests.similarity.support import submitted

pytestmark = pytest.mark.django_db


def region_cells(html: str) -> list[str]:
    rows = html.split("<tbody>")[1].split("</tbody>")[0].split("<tr")[1:]
    return [row.split('<td class="site-nowrap">')[2].split("</td>")[0] for row in rows]


def test_the_lists_name_regions_in_the_readers_language(client):
    submitted("51", "동서고속화철도 연계역 추가 설치")
    english = {"HTTP_ACCEPT_LANGUAGE": "en"}
    assert region_cells(client.get(reverse("portal-proposal-list")).content.decode()) == ["강원"]
    assert region_cells(client.get(reverse("portal-proposal-list"), **english).content.decode()) == ["Gangwon State"]
    client.force_login(member("tf_staff"))
    staff = client.get(reverse("proposal-list"), **english).content.decode()
    assert ">Gangwon State</td>" in staff
