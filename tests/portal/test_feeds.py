import pytest
from django.urls import reverse

from tests.portal.support import S, decided, proposal_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("name", "marker"), [("portal-feed-atom", "<feed"), ("portal-feed-rss", "<rss")])
def test_feeds_list_decisions_with_public_summary_only(client, cast, name, marker):
    decided(cast, "not_accepted", title="피드 과제", note="내부사유XYZ", summary_text="공개요지ABC")
    proposal_in(cast, S.IN_REVIEW, title="검토중 과제")

    response = client.get(reverse(name))

    body = response.content.decode()
    assert response.status_code == 200 and marker in body
    assert "[수용곤란] 피드 과제" in body and "공개요지ABC" in body
    assert "내부사유XYZ" not in body and "검토중 과제" not in body
    assert "public" in response["Cache-Control"]


def test_feed_filters_by_region(client, cast):
    decided(cast, "accepted", title="강원 결정")

    assert "강원 결정" in client.get(reverse("portal-feed-atom") + "?region=51").content.decode()
    assert "강원 결정" not in client.get(reverse("portal-feed-atom") + "?region=26").content.decode()
