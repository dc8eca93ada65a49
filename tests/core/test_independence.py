"""``core`` is what every app builds on, so it must import none of them: a feature app
that needs core to know about it registers itself (settings, ``AppConfig.ready``)."""

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "apps" / "core"


def _imported_modules(source: str) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return names


def _feature_app_imports(source: str) -> list[str]:
    return [
        name
        for name in _imported_modules(source)
        if name.startswith("apps.") and name.split(".")[1] != "core"
        # ``import apps`` alone names no app; ``apps.core…`` is core itself.
    ]


def test_core_imports_no_feature_app():
    offenders = {
        str(path.relative_to(CORE)): found
        for path in CORE.rglob("*.py")
        if "migrations" not in path.parts
        for found in [_feature_app_imports(path.read_text(encoding="utf-8"))]
        if found
    }

    assert offenders == {}


def test_the_scan_sees_every_import_form():
    source = "import apps.portal.views\nfrom apps.accounts.models import Scope\nfrom apps.core import forms\n"

    assert _feature_app_imports(source) == ["apps.portal.views", "apps.accounts.models"]
