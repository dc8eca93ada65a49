"""The committed English catalogue (.mo) is the compiled .po: set-up's compilemessages
skips a .mo that is newer than its .po, and a fresh clone gives both the same time, so a
stale .mo would ship untranslated pages."""

import gettext
import os
import shutil
import subprocess
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES"


def test_the_committed_mo_holds_every_translation_of_the_po(tmp_path):
    if shutil.which("msgfmt") is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("msgfmt (gettext) is missing")
        pytest.skip("msgfmt (gettext) is not installed")
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(fresh), str(LOCALE / "django.po")], check=True)
    with fresh.open("rb") as compiled, (LOCALE / "django.mo").open("rb") as committed:
        expected = gettext.GNUTranslations(compiled)._catalog
        shipped = gettext.GNUTranslations(committed)._catalog
    missing = sorted(str(key) for key in expected.keys() - shipped.keys())
    differing = sorted(str(key) for key in expected.keys() & shipped.keys() if expected[key] != shipped[key])
    assert not missing and not differing, (
        f"run msgfmt -o locale/en/LC_MESSAGES/django.mo locale/en/LC_MESSAGES/django.po: "
        f"{len(missing)} missing, {len(differing)} differing, e.g. {(missing or differing)[:3]}"
    )
