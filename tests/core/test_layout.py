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
