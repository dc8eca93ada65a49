"""Each person's first screens, at 1280 px and 390 px, in Korean and English: the main
menu is one row at 1280 px for every role; on a phone the header is short, scrolls away
and 전체메뉴 opens a drawer that keeps focus until Escape; signing in lands on
"내 할 일" with that person's items and their D-days; an info request sits at the top of
the proposal page with its answer button. axe-core runs on every page visited, at both
widths. Screenshots: test-artifacts/e2e/work-*.png."""

import re

import pytest
from playwright.sync_api import expect

from apps.proposals.models import Proposal, ProposalStatus
from tests.e2e.conftest import axe_violations, check_axe, sign_in, sign_out

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WIDE, NARROW = 1280, 390
# One demo person for each kind of user (apps/demo/people.py), and the anonymous public.
PEOPLE = [None, "official-51", "vg-51", "tf1", "tf-lead", "reviewer01", "advisor01", "institution01", "forum01"]
PEOPLE += ["minister", "operator"]


def use_language(page, code: str):
    """Switch with the header's own language form (in the drawer on a phone)."""
    button = page.locator(f"#krds-header .header-utility button[name=language][value={code}]")
    if not button.is_visible():
        page.get_by_role("button", name="전체메뉴").or_(page.get_by_role("button", name="Menu")).click()
        button = page.locator(f"#site-drawer button[name=language][value={code}]")
    button.click()
    page.wait_for_load_state()


def menu_rows(page) -> int:
    """How many rows the main menu's items take."""
    tops = page.locator(".site-main-menu .gnb-menu > li").evaluate_all(
        "items => items.map(item => Math.round(item.getBoundingClientRect().top))"
    )
    return len(set(tops))


def test_header_one_row_at_1280_for_every_role_and_a_drawer_on_a_phone(page, demo_world, artifacts_dir):
    found: dict = {}
    page.set_viewport_size({"width": WIDE, "height": 900})
    for person in PEOPLE:
        sign_out(page)
        if person:
            sign_in(page, person)
        for language in ("ko", "en"):
            page.goto("/")
            if language == "en":
                use_language(page, "en")
            assert menu_rows(page) == 1, f"{person or 'anonymous'} ({language}): menu wraps"
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= WIDE, f"{person or 'anonymous'} ({language}): page is {width}px wide"
            if person in ("tf1", "official-51"):
                page.screenshot(path=artifacts_dir / f"work-menu-{person}-{language}.png")
            check_axe(page, f"home of {person or 'anonymous'} ({language})", found)
    assert not found, found
    page.context.clear_cookies()
    phone_header_and_drawer(page, artifacts_dir)


def phone_header_and_drawer(page, artifacts_dir):
    """At 390 px: a short header that scrolls away; 전체메뉴 keeps focus until Escape."""
    found: dict = {}
    sign_out(page)
    sign_in(page, "tf1")
    page.goto("/proposals/triage/")
    check_axe(page, "triage", found)
    page.set_viewport_size({"width": NARROW, "height": 844})
    # On a phone: at most 120 px of header, and it scrolls away with the page.
    header = page.locator("#krds-header")
    assert header.bounding_box()["height"] <= 120, header.bounding_box()
    page.mouse.wheel(0, 600)
    # Polled from here: wait_for_function evaluates its predicate in the page, which the CSP refuses.
    for _ in range(50):
        if page.evaluate("window.scrollY") > 300:
            break
        page.wait_for_timeout(100)
    assert page.evaluate("window.scrollY") > 300
    assert header.bounding_box()["y"] + header.bounding_box()["height"] <= 0
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=artifacts_dir / "work-phone-header.png")

    opener = page.get_by_role("button", name="전체메뉴")
    opener.click()
    drawer = page.get_by_role("dialog", name="전체메뉴")
    expect(drawer).to_be_visible()
    expect(drawer.get_by_role("link", name="분류·배정")).to_be_visible()
    if violations := axe_violations(page):  # the drawer exists at this width only
        found["drawer open at 390px"] = violations
    page.screenshot(path=artifacts_dir / "work-phone-drawer.png")
    inside = "() => document.getElementById('site-drawer').contains(document.activeElement)"
    for _ in range(40):  # more than the drawer's links: focus must wrap, never leave
        page.keyboard.press("Tab")
        assert page.evaluate(inside)
    for _ in range(5):
        page.keyboard.press("Shift+Tab")
        assert page.evaluate(inside)
    page.keyboard.press("Escape")
    expect(drawer).to_be_hidden()
    expect(opener).to_be_focused()
    expect(opener).to_have_attribute("aria-expanded", "false")
    assert not found, found
    assert not page.console_errors, page.console_errors


def test_my_work_info_request_and_consulted_reading(page, demo_world, artifacts_dir):
    found: dict = {}
    for person, section in (("vg-51", "#work-endorse"), ("reviewer01", "#work-overdue"), ("tf1", "#work-triage")):
        sign_out(page)
        page.set_viewport_size({"width": WIDE, "height": 900})
        sign_in(page, person)
        assert page.url.endswith("/my-work/"), page.url
        expect(page.get_by_role("heading", level=1)).to_have_text("내 할 일")
        expect(page.locator(section)).to_be_visible()
        check_axe(page, f"my work ({person})", found)
        page.screenshot(path=artifacts_dir / f"work-my-work-{person}-wide.png", full_page=True)
        page.set_viewport_size({"width": NARROW, "height": 844})
        page.screenshot(path=artifacts_dir / f"work-my-work-{person}-phone.png", full_page=True)
    # The reviewer's overdue items carry their D-day (D+n) and lead to the proposal.
    overdue = page.locator("#work-overdue .site-work-item")
    if overdue.count():
        expect(overdue.first.locator(".site-dday")).to_contain_text("D+")
        overdue.first.get_by_role("link").click()
        expect(page).to_have_url(re.compile(r"/proposals/\d+/$"))
    page.set_viewport_size({"width": WIDE, "height": 900})
    page.goto("/my-work/")
    use_language(page, "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    check_axe(page, "my work in English", found)
    use_language(page, "ko")
    info_request_at_the_top(page, artifacts_dir, found)
    advisor_reads_the_consulted_proposal(page, artifacts_dir, found)
    assert not found, found
    assert not page.console_errors, page.console_errors


def info_request_at_the_top(page, artifacts_dir, found):
    sign_out(page)
    proposal = Proposal.objects.filter(status=ProposalStatus.INFO_REQUESTED).select_related("region").first()
    assert proposal is not None, "the demo world has an open info request"
    sign_in(page, f"official-{proposal.region.code}")
    for width in (WIDE, NARROW):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"/proposals/{proposal.pk}/")
        alert = page.locator("#open-request")
        expect(alert).to_be_visible()
        expect(alert.get_by_role("heading")).to_have_text("보완요청을 받았습니다")
        # Above the overview, within the first screen.
        assert alert.bounding_box()["y"] < page.locator("#overview").bounding_box()["y"]
        assert alert.bounding_box()["y"] < 900
        if width == WIDE:
            check_axe(page, "proposal with info request", found)
        page.screenshot(path=artifacts_dir / f"work-info-request-{width}.png")
    page.locator("#open-request").get_by_role("link", name="보완하여 재제출하기").click()
    expect(page.locator("#action-resubmit")).to_have_attribute("open", "")
    expect(page.locator("#action-resubmit [name=note]")).to_be_focused()


def advisor_reads_the_consulted_proposal(page, artifacts_dir, found):
    from apps.accounts.models import Membership
    from apps.proposals.models import Consultation

    consultation = Consultation.objects.select_related("proposal").order_by("pk").first()
    assert consultation is not None, "the demo world has consultations"
    member = Membership.objects.filter(organisation=consultation.organisation).select_related("user").first()
    sign_out(page)
    sign_in(page, member.user.username)
    page.goto("/proposals/consultations/")
    page.get_by_role("link", name=consultation.proposal.title).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(consultation.proposal.title)
    expect(page.locator(f"#consultation-{consultation.pk}")).to_be_visible()
    expect(page.locator("#body-title")).to_be_visible()
    check_axe(page, "consulted proposal", found)
    for width in (WIDE, NARROW):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=artifacts_dir / f"work-advisor-{width}.png", full_page=True)
