import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_home_page_renders_with_krds_styles(page, artifacts_dir):
    krds_css = []
    page.on("response", lambda r: "/static/krds/" in r.url and r.url.endswith(".css") and krds_css.append(r))

    response = page.goto("/")

    assert response is not None and response.ok, response and response.status
    expect(page).to_have_title(re.compile("균형발전 소통창구"))
    expect(page.get_by_role("heading", level=1)).to_have_text("균형발전 소통창구")
    # KRDS comes from node_modules through staticfiles: the stylesheet must load and apply.
    assert krds_css and all(r.ok for r in krds_css), [(r.url, r.status) for r in krds_css]
    assert page.evaluate(
        "() => [...document.styleSheets].some(s => s.href && s.href.includes('/static/krds/') && s.cssRules.length)"
    )
    page.screenshot(path=artifacts_dir / "home.png", full_page=True)
    assert not page.failed_responses, [getattr(r, "url", r) for r in page.failed_responses]
    assert not page.console_errors, page.console_errors
