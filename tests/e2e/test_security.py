"""Security in a real browser, with the Content-Security-Policy enforced: an inline script
is refused and the tests notice; a TF staff member with REQUIRE_2FA on enrols an
authenticator app from the QR code, keeps the backup codes and only then reaches a staff
page. Screenshots go to test-artifacts/e2e/two-factor-*.png."""

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.e2e.conftest import CSP_MARK
from tests.factories import UserFactory, member

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_an_injected_inline_script_is_refused_and_reported(page):
    page.goto("/")
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.injected = true';"
        " document.body.append(s); }"
    )
    page.wait_for_timeout(200)

    assert page.evaluate("() => window.injected === undefined")
    reported = [error for error in page.console_errors if CSP_MARK in error or "Content Security Policy" in error]
    assert reported, page.console_errors
    page.console_errors.clear()  # this test's violation was the point


@pytest.mark.parametrize("width", [1280, 390])
def test_staff_enrols_from_the_qr_code_before_reaching_a_staff_page(page, settings, artifacts_dir, width):
    settings.REQUIRE_2FA = True
    user = member("tf_staff", user=UserFactory(username="tf"))
    page.set_viewport_size({"width": width, "height": 900})

    page.goto("/accounts/login/")
    page.locator("main input[name=username]").fill("tf")
    page.locator("main input[name=password]").fill("pass-1234!")
    page.locator("main button[type=submit]").click()
    page.goto("/proposals/triage/")

    expect(page.get_by_role("heading", level=1)).to_have_text("2단계 인증 등록")
    qr = page.locator("#two-factor-qr")
    expect(qr).to_be_visible()
    assert page.evaluate("() => document.querySelector('#two-factor-qr').naturalWidth") > 0  # data: image allowed
    page.screenshot(path=artifacts_dir / f"two-factor-setup-{width}.png", full_page=True)
    page.get_by_label("인증 코드").scroll_into_view_if_needed()
    page.screenshot(path=artifacts_dir / f"two-factor-setup-form-{width}.png")

    device = TOTPDevice.objects.get(user=user, confirmed=False)
    code = f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"
    page.get_by_label("인증 코드").fill(code)
    page.get_by_role("button", name="등록").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("백업 코드")
    expect(page.locator("#backup-codes li")).to_have_count(10)
    page.screenshot(path=artifacts_dir / f"two-factor-backup-codes-{width}.png", full_page=True)
    page.get_by_role("link", name="계속").click()
    assert page.url.endswith("/proposals/triage/")
    assert not page.console_errors, page.console_errors
