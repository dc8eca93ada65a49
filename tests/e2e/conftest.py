"""Browser tests: Debian's chromium driven by Playwright against pytest-django's live server.

The browser is the system one (/usr/bin/chromium, installed by scripts/test.sh with
apt-get); Playwright never downloads its own. Without chromium the e2e tests are
skipped on a developer machine, and FAIL under CI=true.
"""

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "e2e"
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
# Without the background-networking flags chromium keeps dialling out of a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = (
            f"{CHROMIUM} 없음: `apt-get install -y chromium` 필요 / "
            f"{CHROMIUM} missing: install Debian's chromium (scripts/test.sh does it as root)"
        )
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)

    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; Django would then refuse
    # ORM calls made by the test itself. Only for the browser's lifetime.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser, live_server):
    """A fresh Korean-locale browser tab whose relative URLs go to the live server.

    ``page.console_errors`` and ``page.failed_responses`` collect what went wrong, so a
    test can assert that the page loaded cleanly (no JS errors, no missing assets). Every
    test fails on a Content-Security-Policy violation or a page served without the policy.
    """
    context = browser.new_context(
        base_url=live_server.url,
        locale="ko-KR",
        timezone_id="Asia/Seoul",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(15_000)
    # Every violation of the enforced Content-Security-Policy reaches the console, whatever
    # the page does (an init script runs outside the page's policy).
    context.add_init_script(CSP_VIOLATION_REPORTER)
    page = context.new_page()
    page.console_errors = []
    page.failed_responses = []
    page.documents_without_csp = []
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    page.on("response", lambda response: response.status >= 400 and page.failed_responses.append(response))
    page.on("response", lambda response: _note_document_without_csp(page, response, live_server.url))
    page.on("requestfailed", lambda request: page.failed_responses.append(request))
    yield page
    context.close()
    # Whatever the test asserted: the policy was enforced on every page and nothing broke it.
    violations = [error for error in page.console_errors if "Content Security Policy" in error or CSP_MARK in error]
    assert not violations, violations
    assert not page.documents_without_csp, page.documents_without_csp


CSP_MARK = "CSP violation:"
CSP_VIOLATION_REPORTER = (
    "document.addEventListener('securitypolicyviolation', (event) => console.error("
    f"'{CSP_MARK} ' + event.effectiveDirective + ' blocked ' + (event.blockedURI || 'inline') + ' in ' "
    "+ event.sourceFile + ':' + event.lineNumber));"
)


def _note_document_without_csp(page, response, site_url):
    # The enforced header (not Content-Security-Policy-Report-Only) on every HTML page.
    if response.request.resource_type != "document" or not response.url.startswith(site_url):
        return
    policy = response.headers.get("content-security-policy", "")
    if "script-src" not in policy or "frame-ancestors 'none'" not in policy:
        page.documents_without_csp.append(response.url)


# --- shared helpers for the portal and workflow browser tests --------------------------

AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.1 A and AA (KWCAG 2.2 follows them); best-practice rules are advice, not failures.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page) -> list[dict]:
    """axe-core (npm, pinned in package.json) run on the current page: its WCAG 2.1 A/AA
    violations as ``{"id", "impact", "help", "targets"}``."""
    if not AXE_SCRIPT.exists():
        pytest.fail(f"{AXE_SCRIPT} missing: run `npm ci`")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol: the page's CSP refuses an injected inline
        # <script> (add_script_tag), and the browser tests run with the CSP enforced.
        page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "targets": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in result["violations"]
    ]


AXE_WIDTHS = (390, 1280)  # a phone's and the desktop's


def check_axe(page, name: str, found: dict) -> None:
    """axe-core on the page as it stands, at a phone's width and the desktop's; the page
    is left at the width it had. Violations are collected in ``found`` under ``name``."""
    page.wait_for_load_state("networkidle")
    before = page.viewport_size
    for width in AXE_WIDTHS:
        page.set_viewport_size({"width": width, "height": before["height"]})
        # Two frames: the page's resize handlers have run and the layout is settled.
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        violations = axe_violations(page)
        if violations:
            found[f"{name} at {width}px"] = violations
    page.set_viewport_size(before)


@pytest.fixture
def demo_world(transactional_db):
    """The demo people and their ~60 proposals (``manage.py seed_demo``)."""
    import io

    from django.core.management import call_command

    call_command("seed_demo", stdout=io.StringIO())


def sign_in(page, username: str, password: str | None = None):
    """Log in through the login form as a demo person."""
    from apps.demo.people import DEMO_PASSWORD

    page.goto("/accounts/login/")
    page.locator("main input[name=username]").fill(username)
    page.locator("main input[name=password]").fill(password or DEMO_PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    assert "/accounts/login/" not in page.url, f"{username} could not sign in"


def sign_out(page):
    # Leave the page first: a request still in flight (an htmx panel) would answer with a
    # refreshed session cookie after the cookies were cleared, and the person stays in.
    page.goto("about:blank")
    page.context.clear_cookies()
