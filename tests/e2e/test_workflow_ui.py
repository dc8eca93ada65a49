"""The workflow through the staff pages, as people do it, ending on the public page:
강원's official submits a proposal, the vice-governor endorses it, the TF assigns it, a
reviewer of 국토정책과 decides it, and the anonymous public page shows the decision (and
not the internal reasons). axe-core runs at 390 px and 1280 px on every page on the way:
proposals list, proposal detail, triage, inbox, the decision pages. Screenshots:
test-artifacts/e2e/workflow-*.png."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from apps.proposals.models import Proposal, ProposalStatus
from tests.e2e.conftest import check_axe, sign_in, sign_out

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "설악권 광역관광도로 확충 건의(브라우저 시험)"
SUMMARY = "설악권 관광 수요에 대응하여 국도 44호선 병목 구간을 확장해 주실 것을 건의합니다."
INTERNAL_REASONS = "재정 여건상 단계 추진 필요(내부 검토 의견, 비공개)"
PUBLIC_SUMMARY = "병목 구간 확장을 수용하여 국도 건설 5개년 계획에 반영하겠습니다."


def open_action(page, action: str):
    page.locator(f"#action-{action} summary").click()
    return page.locator(f"#action-{action}")


def test_submit_endorse_assign_decide_and_public_page_shows_decision(page, demo_world, artifacts_dir):
    found: dict = {}

    # 1. The region's official writes and submits the proposal.
    sign_in(page, "official-51")
    page.goto("/proposals/new/")
    page.locator("[name=title]").fill(TITLE)
    page.locator("[name=summary]").fill(SUMMARY)
    page.locator("[name=body]").fill("## 배경\n\n관광객 증가로 주말 정체가 심합니다.")
    page.locator("[name=category]").select_option("road")
    page.locator("[name=location]").fill("속초시·양양군")
    page.screenshot(path=artifacts_dir / "workflow-1-new.png", full_page=True)
    page.get_by_role("button", name="제출", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    proposal = Proposal.objects.get(title=TITLE)
    assert proposal.status == ProposalStatus.AWAITING_ENDORSEMENT
    sign_out(page)

    # 2. The vice-governor endorses it from the endorsement queue.
    sign_in(page, "vg-51")
    page.goto("/proposals/endorsements/")
    row = page.locator("#proposals tbody tr", has_text=TITLE)
    page.screenshot(path=artifacts_dir / "workflow-2-endorsements.png", full_page=True)
    row.get_by_role("button", name=re.compile("확인")).click()
    # Endorsing cannot be taken back: a dialog asks once more, focus on its answer.
    confirm = page.locator("#site-confirm")
    expect(confirm).to_be_visible()
    expect(confirm).to_contain_text(TITLE)
    check_axe(page, "endorse confirmation", found)
    page.screenshot(path=artifacts_dir / "workflow-2b-endorse-confirm.png")
    confirm.get_by_role("button", name="예, 진행합니다").click()
    expect(page.locator("#site-messages")).to_be_focused()
    expect(page.locator("#proposals tbody tr", has_text=TITLE)).to_have_count(0)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED
    sign_out(page)

    # 3. The TF assigns it to 국토정책과 (staff pages checked with axe on the way).
    sign_in(page, "tf1")
    page.goto("/proposals/")
    check_axe(page, "proposals list", found)
    page.goto("/proposals/triage/")
    expect(page.locator("#proposals tbody tr", has_text=TITLE)).to_have_count(1)
    check_axe(page, "triage", found)
    page.screenshot(path=artifacts_dir / "workflow-3-triage.png", full_page=True)
    page.locator("#proposals tbody tr", has_text=TITLE).get_by_role("link", name=TITLE).click()
    check_axe(page, "proposal detail (TF)", found)
    form = open_action(page, "assign")
    form.locator("[name=lead_department]").select_option("국토정책과")
    form.get_by_role("button", name="배정").click()
    expect(page.locator(".site-head-badges")).to_contain_text("검토배정")
    sign_out(page)

    # 4. The reviewer starts the review and decides.
    sign_in(page, "reviewer01")
    page.goto("/proposals/inbox/")
    expect(page.locator("#proposals tbody tr", has_text=TITLE)).to_have_count(1)
    check_axe(page, "inbox", found)
    page.locator("#proposals tbody tr", has_text=TITLE).get_by_role("link", name=TITLE).click()
    open_action(page, "start_review").get_by_role("button", name="검토 시작").click()
    expect(page.locator(".site-head-badges")).to_contain_text("검토중")
    # The decision has a full-width page: write, preview what the public will see, confirm.
    page.locator("#action-decide").get_by_role("link", name="검토결과 결정").click()
    expect(page).to_have_url(re.compile(r"/decide/$"))
    form = page.locator("main form").first
    form.locator("label", has_text=re.compile("^수용$")).click()  # KRDS draws the radio on its label
    expect(form.get_by_label("수용", exact=True)).to_be_checked()
    form.locator("[name=decision_summary]").fill(PUBLIC_SUMMARY)
    form.locator("[name=planned_for]").fill((datetime.date.today() + datetime.timedelta(days=200)).isoformat())
    form.locator("[name=note]").fill(INTERNAL_REASONS)
    check_axe(page, "decision page", found)
    form.get_by_role("button", name="공개될 모습 미리보기").click()
    preview = page.locator("#public-preview")
    expect(preview).to_contain_text(PUBLIC_SUMMARY)
    expect(page.locator("#decision-preview")).to_be_focused()
    assert INTERNAL_REASONS not in preview.inner_text()
    previewed = preview.locator("#decision-summary").inner_text()
    check_axe(page, "decision preview", found)
    page.screenshot(path=artifacts_dir / "workflow-4a-decision-preview.png", full_page=True)
    page.get_by_role("button", name="이대로 확정").click()
    confirm = page.locator("#site-confirm")
    expect(confirm).to_contain_text(PUBLIC_SUMMARY)
    check_axe(page, "decision confirmation", found)
    confirm.get_by_role("button", name="예, 진행합니다").click()
    expect(page.locator(".site-head-badges")).to_contain_text("검토완료")
    expect(page.locator("#site-messages")).to_be_focused()
    page.screenshot(path=artifacts_dir / "workflow-4-decided-staff.png", full_page=True)
    sign_out(page)

    # 5. The public sees the decision, not the internal reasons.
    page.goto(f"/public/proposals/{proposal.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator("#decision-summary")).to_contain_text(PUBLIC_SUMMARY)
    assert page.locator("#decision-summary").inner_text() == previewed  # the preview was exact
    expect(page.locator(".portal-decision-outcome")).to_contain_text("수용")
    expect(page.locator("#timeline")).to_contain_text("검토결과 결정")
    assert INTERNAL_REASONS not in page.content()
    page.screenshot(path=artifacts_dir / "workflow-5-public.png", full_page=True)
    page.goto("/")
    expect(page.locator(".portal-latest")).to_contain_text(TITLE)

    assert not found, found
    assert not page.console_errors, page.console_errors
