"""The public portal in a real browser: an anonymous visitor filters, searches, opens a
proposal and downloads the list; keyboard-only use of the filters and the map; axe-core
finds no WCAG 2.1 A/AA violation on any public page. Screenshots go to
test-artifacts/e2e/portal-*.png."""

import csv
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from apps.portal.selectors import public_proposals
from apps.proposals.models import ProposalStatus
from tests.e2e.conftest import check_axe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def loaded_cleanly(page):
    # htmx cancels a request overtaken by a newer one (hx-sync replace): not a failure.
    failed = [r for r in page.failed_responses if "ERR_ABORTED" not in (getattr(r, "failure", None) or "")]
    assert not failed, [getattr(r, "url", r) for r in failed]
    assert not page.console_errors, page.console_errors


def result_count(page) -> int:
    return int(re.search(r"모두 (\d+)건", page.locator("#result-count").inner_text()).group(1))


def test_visitor_filters_searches_opens_a_proposal_and_downloads_csv(page, demo_world, artifacts_dir):
    page.goto("/")
    search = page.get_by_role("searchbox", name="건의과제 검색")
    search.fill("철도")
    search.press("Enter")
    expect(page).to_have_url(re.compile(r"/public/proposals/\?q=%EC%B2%A0%EB%8F%84"))
    searched = result_count(page)
    assert searched > 0
    expect(page.locator("#proposals tbody th a").first).to_be_visible()

    # Narrow down by today's region: 전남광주 includes what 광주·전남 filed before the merger.
    page.locator("#filter-q").fill("")
    page.locator("#filter-region").select_option("12")
    expect(page).to_have_url(re.compile(r"region=12"))
    expect(page.locator("#proposals tbody tr").first).to_contain_text(re.compile("전남광주|광주|전남"))
    in_region = result_count(page)
    assert in_region == public_proposals().filter(region__code__in=["12", "29", "46"]).count()
    page.locator("#filter-outcome").select_option("accepted")
    expect(page).to_have_url(re.compile(r"outcome=accepted"))
    filtered = result_count(page)
    assert 0 < filtered <= in_region
    page.screenshot(path=artifacts_dir / "portal-list-filtered.png", full_page=True)

    with page.expect_download() as download_info:
        page.locator("#download-csv").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    text = Path(download.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:2] == ["과제번호", "제목"]
    assert len(rows) - 1 == filtered
    assert {row[14] for row in rows[1:]} == {"수용"}  # 검토결과 column

    title = page.locator("#proposals tbody th a").first.inner_text()
    page.locator("#proposals tbody th a").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator("#decision-title")).to_be_visible()
    expect(page.locator("#timeline li").first).to_be_visible()
    page.screenshot(path=artifacts_dir / "portal-proposal.png", full_page=True)
    loaded_cleanly(page)


def test_public_pages_have_no_axe_violations(page, demo_world, artifacts_dir):
    decided = public_proposals().filter(status=ProposalStatus.DECIDED).exclude(outcome="").first()
    in_progress = public_proposals().filter(status=ProposalStatus.IN_PROGRESS).first()
    pages = {
        "home": "/",
        "list": "/public/proposals/",
        "list-filtered": "/public/proposals/?region=12&status=decided",
        "search-empty": "/public/proposals/?q=%EC%97%86%EB%8A%94%EB%82%B1%EB%A7%90",
        "proposal-decided": f"/public/proposals/{decided.pk}/",
        "proposal-followup": f"/public/proposals/{in_progress.pk}/",
        "stats": "/public/stats/",
        "open-data": "/public/data/",
        "bodies": "/bodies/",
        "council": "/bodies/regional_council/",
        "regions": "/regions/",
    }
    found = {}
    for name, url in pages.items():
        response = page.goto(url)
        assert response is not None and response.ok, (url, response and response.status)
        page.wait_for_load_state("networkidle")
        page.screenshot(path=artifacts_dir / f"portal-{name}.png", full_page=True)
        check_axe(page, url, found)
    assert not found, found
    loaded_cleanly(page)


def test_statistics_draw_charts_with_text_alternatives(page, demo_world, artifacts_dir):
    page.goto("/public/stats/")
    page.wait_for_load_state("networkidle")

    for chart in ("status", "outcome", "rate", "department", "strategy", "monthly"):
        canvas = page.locator(f"#chart-{chart}")
        expect(canvas).to_have_attribute("role", "img")
        assert canvas.get_attribute("aria-label")
        assert page.evaluate(f"() => !!Chart.getChart('chart-{chart}')"), chart
    for table in ("table-current-region", "table-status", "table-outcome", "table-department", "table-strategy"):
        expect(page.locator(f"#{table} tbody tr").first).to_be_visible()
    # The map shows today's regions: 전남광주 (12), not 광주 (29) or 전남 (46).
    expect(page.locator(".portal-map-region")).to_have_count(16)
    expect(page.locator('.portal-map-region[data-code="12"]')).to_have_count(1)
    expect(page.locator('.portal-map-region[data-code="29"]')).to_have_count(0)
    loaded_cleanly(page)


def tab_until(page, predicate: str, limit: int = 250) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate):
            return
    pytest.fail(f"Tab never reached: {predicate}")


def test_keyboard_only_map_and_filters(page, demo_world, artifacts_dir):
    page.goto("/public/stats/")
    tab_until(page, "() => document.activeElement.classList.contains('portal-map-region')")
    first = page.evaluate("() => document.activeElement.getAttribute('aria-label')")
    assert re.search(r"공개 건의과제 \d+건, 수용률", first)
    page.keyboard.press("Tab")
    second = page.evaluate("() => document.activeElement.getAttribute('aria-label')")
    assert second != first and "공개 건의과제" in second
    expect(page.locator("#map-readout")).to_have_text(second)
    page.locator(".portal-map-figure").screenshot(path=artifacts_dir / "portal-map-focus.png")
    code = page.evaluate("() => document.activeElement.dataset.code")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/public/proposals/\?region={code}$"))

    page.goto("/public/proposals/")
    tab_until(page, "() => document.activeElement.id === 'filter-q'")
    page.keyboard.type("광역")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"q=%EA%B4%91%EC%97%AD"))
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "filter-region"
    page.keyboard.press("ArrowDown")
    expect(page).to_have_url(re.compile(r"region=\d\d"))
    expect(page.locator("#result-announce")).to_contain_text("건")
    page.screenshot(path=artifacts_dir / "portal-keyboard-filters.png", full_page=True)
    loaded_cleanly(page)
