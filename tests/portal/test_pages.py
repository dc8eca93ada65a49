import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.portal.tasks import refresh_statistics
from apps.proposals.models import Proposal
from tests.portal.support import S, decided, fire, proposal_in, public_set, rehome

pytestmark = pytest.mark.django_db


def html(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


def test_public_pages_render_for_anonymous_in_korean(client, cast):
    proposal = decided(cast, "accepted", title="동해선 광역철도 조기 착공", summary_text="노선 계획에 반영합니다")
    for url in ["/", reverse("portal-proposal-list"), reverse("portal-stats"), reverse("portal-open-data")]:
        page = html(client, url)
        assert '<html lang="ko">' in page
    detail = html(client, reverse("portal-proposal-detail", args=[proposal.pk]))
    assert "동해선 광역철도 조기 착공" in detail
    assert "노선 계획에 반영합니다" in detail
    assert "검토결과 결정" in detail  # the public timeline


def test_home_shows_headline_numbers_and_latest_decisions(client, cast):
    decided(cast, "accepted", title="최근 수용 과제")
    decided(cast, "not_accepted", title="최근 곤란 과제")
    proposal_in(cast, S.SUBMITTED, title="접수 과제")

    page = html(client, "/")

    assert 'id="headline-total">3<' in page
    assert 'id="headline-rate">50% (1/2)<' in page  # the counts beside the rate
    assert "최근 수용 과제" in page and "최근 곤란 과제" in page
    assert reverse("portal-stats") in page


def test_list_shows_only_public_and_filters(client, cast):
    shown = proposal_in(cast, S.SUBMITTED, title="보이는 과제")
    draft = proposal_in(cast, S.DRAFT, title="작성중 과제")
    hidden = proposal_in(cast, S.SUBMITTED, title="비공개 과제")
    Proposal.objects.filter(pk=hidden.pk).update(is_public=False)

    page = html(client, reverse("portal-proposal-list"))

    assert shown.title in page
    assert draft.title not in page and hidden.title not in page
    assert "보이는 과제" not in html(client, reverse("portal-proposal-list") + "?outcome=accepted")


def test_list_keeps_filters_in_download_links(client, cast):
    proposal_in(cast, S.SUBMITTED)

    page = html(client, reverse("portal-proposal-list") + "?region=51&q=%EC%B2%A0%EB%8F%84")

    assert f"{reverse('portal-export', args=['csv'])}?q=%EC%B2%A0%EB%8F%84&amp;region=51" in page


def test_list_htmx_returns_results_fragment_only(client, cast):
    proposal_in(cast, S.SUBMITTED, title="조각 과제")

    response = client.get(reverse("portal-proposal-list"), HTTP_HX_REQUEST="true")

    body = response.content.decode()
    assert "조각 과제" in body and "<html" not in body
    assert 'hx-swap-oob="innerHTML"' in body
    assert "HX-Request" in response["Vary"]


def test_list_with_bad_filters_answers_200_with_message(client, cast):
    page = html(client, reverse("portal-proposal-list") + "?year=abc&status=draft&page=x")

    assert "검색 조건이 올바르지 않습니다" in page


@pytest.mark.parametrize("status", [S.DRAFT, S.AWAITING_ENDORSEMENT])
def test_detail_of_unsubmitted_proposal_is_404(client, cast, status):
    proposal = proposal_in(cast, status)

    html(client, reverse("portal-proposal-detail", args=[proposal.pk]), status=404)


def test_detail_of_withdrawn_or_non_public_is_404(client, cast):
    withdrawn = fire(cast, proposal_in(cast, S.SUBMITTED), "official", "withdraw")
    hidden = proposal_in(cast, S.DECIDED, title="비공개")
    Proposal.objects.filter(pk=hidden.pk).update(is_public=False)

    for proposal in (withdrawn, hidden):
        html(client, reverse("portal-proposal-detail", args=[proposal.pk]), status=404)
    html(client, "/public/proposals/999999999/", status=404)


def test_detail_shows_region_history_and_never_the_internal_reasons(client, cast):
    proposal = rehome(
        decided(cast, "long_term", title="광주 과제", note="내부사유-비밀", summary_text="공개요지"), "29"
    )

    page = html(client, reverse("portal-proposal-detail", args=[proposal.pk]))

    assert "광주광역시" in page and "현재 전남광주통합특별시" in page
    assert "공개요지" in page
    assert "내부사유-비밀" not in page


def test_stats_page_has_map_with_todays_regions_and_tables(client, cast):
    rehome(decided(cast, "accepted", title="광주"), "29")

    page = html(client, reverse("portal-stats"))

    assert page.count('class="portal-map-region"') == 16  # today: 13 non-capital (전남광주 included) + 3 capital
    assert 'data-code="12"' in page and 'data-code="29"' not in page
    assert "전남광주통합특별시: 공개 건의과제 1건, 수용률 100% (1/1)" in page
    assert "강원특별자치도: 공개 건의과제 0건, 수용률 결정 없음" in page  # not 0%
    for table in ("table-current-region", "table-historical-region", "table-status", "table-outcome",
                  "table-department", "table-strategy", "table-monthly"):  # fmt: skip
        assert f'id="{table}"' in page
    assert page.count('role="img"') == 6  # each chart canvas has a name and a table


def test_open_data_page_lists_downloads_api_and_feeds(client):
    page = html(client, reverse("portal-open-data"))

    for name in ("portal-feed-atom", "portal-feed-rss", "api-public-proposal-list", "api-public-stats"):
        assert reverse(name) in page
    assert reverse("portal-export", args=["xlsx"]) in page


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", ["list", "detail", "stats", "home"])
def test_page_query_count_is_fixed_at_two_data_sizes(client, cast, page):
    first = public_set(cast, 4)[3]  # decided (accepted)
    proposal = fire(cast, first, "lead_reviewer", "start_followup")
    url = {
        "list": reverse("portal-proposal-list"),
        "detail": reverse("portal-proposal-detail", args=[proposal.pk]),
        "stats": reverse("portal-stats"),
        "home": "/",
    }[page]
    client.get(url)  # the first view stores the statistics snapshot
    refresh_statistics()  # and the list's filter options beside it, as a worker does
    small = count_queries(client, url)
    public_set(cast, 12, prefix="추가")
    for progress in (20, 40, 60):
        fire(cast, proposal, "lead_reviewer", "update_followup", progress=progress)
    refresh_statistics()  # what a worker does once the changes commit
    large = count_queries(client, url)

    assert small == large
