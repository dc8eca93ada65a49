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
    test can assert that the page loaded cleanly (no JS errors, no missing assets).
    """
    context = browser.new_context(
        base_url=live_server.url,
        locale="ko-KR",
        timezone_id="Asia/Seoul",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.console_errors = []
    page.failed_responses = []
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    page.on("response", lambda response: response.status >= 400 and page.failed_responses.append(response))
    page.on("requestfailed", lambda request: page.failed_responses.append(request))
    yield page
    context.close()
