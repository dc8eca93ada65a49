"""The demo writes its history only through the public services, on a travelled clock: it
imports no private name or internal table of the services, and updates no history row."""

import ast
import pathlib

import apps.demo

DEMO = pathlib.Path(apps.demo.__file__).parent
SERVICE_INTERNALS = {"ACTIONS", "PUBLIC_ACTIONS", "service_days"}
HISTORY_MODELS = {
    "ProposalEvent", "Proposal", "Consultation", "AgendaItem", "Recommendation", "ForumTopic", "Comment",
    "Invitation", "Meeting",
}  # fmt: skip


def demo_modules():
    for path in sorted(DEMO.rglob("*.py")):
        yield path.relative_to(DEMO), ast.parse(path.read_text(encoding="utf-8"))


def root_name(node) -> str:
    while isinstance(node, ast.Attribute | ast.Call | ast.Subscript):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else ""


def test_the_demo_imports_no_private_name_or_service_internals():
    for path, tree in demo_modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("apps."):
                for alias in node.names:
                    assert not alias.name.startswith("_"), (path, alias.name)
                    assert alias.name not in SERVICE_INTERNALS, (path, alias.name)
            if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
                assert root_name(node) not in ("services", "comments"), (path, node.attr)


def test_the_demo_updates_no_history_row_itself():
    for path, tree in demo_modules():
        for node in ast.walk(tree):
            writes = isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            if writes and node.func.attr in ("update", "bulk_update", "update_or_create"):
                assert root_name(node.func.value) not in HISTORY_MODELS, (path, node.lineno)
