"""`platform/` holds operations files only: as a package it would shadow the stdlib module."""

import platform
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_platform_folder_is_not_a_python_package():
    assert (ROOT / "platform").is_dir()
    assert not (ROOT / "platform" / "__init__.py").exists()


def test_platform_import_is_the_standard_library_module():
    stdlib = Path(sysconfig.get_paths()["stdlib"]).resolve()

    assert Path(platform.__file__).resolve().parent == stdlib
    assert platform.system()


# Reference data reads best one row a line; migrations are generated.
LONG_MODULES_ALLOWED = ("migrations", "reference.py")
MAX_MODULE_LINES = 450


def test_every_python_module_fits_in_one_room():
    """A module over 450 lines holds more than one concern: split it by concern."""
    too_long = []
    for folder in ("apps", "config", "tests", "bench", "scripts"):
        for path in (ROOT / folder).rglob("*.py"):
            if any(part in LONG_MODULES_ALLOWED for part in path.parts):
                continue
            lines = len(path.read_text(encoding="utf-8").splitlines())
            if lines > MAX_MODULE_LINES:
                too_long.append(f"{path.relative_to(ROOT)}: {lines}")
    assert not too_long
