"""Lists in English name regions in English (reference data), in Korean by their short name."""

import pytest
from django.urls import reverse

from tests.factories import member
from tests.similarity.support import submitted

pytestmark = pytest.mark.django_db


def region_cells(html: str) -> list[str]:
    rows = html.split("<tbody>")[1].split("</tbody>")[0].split("<tr")[1:]
    return [row.split('<td class="portal-region">')[1].split("</td>")[0] for row in rows]


def test_the_lists_name_regions_in_the_readers_language(client):
    submitted("51", "동서고속화철도 연계역 추가 설치")
    english = {"HTTP_ACCEPT_LANGUAGE": "en"}
    assert region_cells(client.get(reverse("portal-proposal-list")).content.decode()) == ["강원"]
    assert region_cells(client.get(reverse("portal-proposal-list"), **english).content.decode()) == ["Gangwon State"]
    client.force_login(member("tf_staff"))
    staff = client.get(reverse("proposal-list"), **english).content.decode()
    assert ">Gangwon State</td>" in staff


def test_only_verified_english_names_are_shown_and_the_rest_stay_korean():
    from django.utils import translation

    from apps.core.templatetags.site_tags import localized_name
    from apps.organisations.models import Body, Department, PartnerOrganisation, Region
    from apps.proposals.models import Strategy

    gangwon = Region.objects.get(code="51")
    council = Body.objects.get(code="regional_council")
    unit = Department.objects.get(code="국토정책과")
    lh = PartnerOrganisation.objects.get(code="LH")
    strategy = Strategy.objects.first()
    # From the reference data (regions.csv, partner_orgs.csv): verified and shown.
    assert gangwon.name_en_verified and lh.name_en_verified
    # No English form in the reference data: marked unverified, the Korean name is shown.
    assert not unit.name_en_verified and unit.name_en == ""
    assert not council.name_en_verified and council.name_en  # a candidate for an operator to confirm
    with translation.override("en"):
        assert localized_name(gangwon) == "Gangwon State"
        assert localized_name(lh) == lh.name_en
        assert localized_name(council) == "지역협의회"
        assert localized_name(unit) == "국토정책과"
        assert localized_name(strategy) == strategy.name
        council.name_en_verified = True  # an operator confirmed it in the admin
        assert localized_name(council) == council.name_en
    with translation.override("ko"):
        assert localized_name(gangwon) == "강원특별자치도"


def test_the_statistics_charts_and_map_name_regions_in_english(client):
    import json

    submitted("51", "동서고속화철도 연계역 추가 설치")
    english = client.get(reverse("portal-stats"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    korean = client.get(reverse("portal-stats")).content.decode()
    assert "<title>Gangwon State:" in english and "<title>강원특별자치도:" in korean
    charts = json.loads(english.split('id="portal-chart-data" type="application/json">')[1].split("</script>")[0])
    assert "Gangwon State" in charts["region"]["labels"] and "강원" not in charts["region"]["labels"]
    assert "Accepted" in charts["outcome"]["labels"]
