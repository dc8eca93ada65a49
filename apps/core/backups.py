"""Backups that are proven to restore (platform/backup.sh).

``dump(path)`` takes a PostgreSQL custom-format dump and, from the very same snapshot
(``pg_export_snapshot`` + ``pg_dump --snapshot``), the row count of every table, written
next to it as ``<name>.manifest.json`` together with the media files' count. The restore
drill loads the dump into a scratch database and ``verify(manifest)`` compares: the same
tables with the same counts, no migration left unapplied, and the checks apps register
with ``register_check`` (proposals: a timeline reads back) all pass.
"""

import json
import os
import subprocess
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor

_checks: list = []


def register_check(check):
    """``check()`` returns a one-line description of what it read back, or raises."""
    if check not in _checks:
        _checks.append(check)
    return check


def tables() -> list[str]:
    names = {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }
    return sorted(names)


def row_counts() -> dict[str, int]:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        counts = {}
        for table in tables():
            cursor.execute(f"SELECT count(*) FROM {quote(table)}")  # noqa: S608 - names from the model registry
            counts[table] = cursor.fetchone()[0]
    return counts


def media_files() -> int:
    root = Path(settings.MEDIA_ROOT)
    return sum(1 for path in root.rglob("*") if path.is_file()) if root.is_dir() else 0


def _pg_command(program: str) -> tuple[list[str], dict]:
    params = connection.settings_dict
    command = [program, "-h", params.get("HOST") or "127.0.0.1", "-p", str(params.get("PORT") or 5432)]
    if params.get("USER"):
        command += ["-U", params["USER"]]
    env = {**os.environ}
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = params["PASSWORD"]
    return command, env


def dump(path: Path) -> dict:
    """Dump the database to ``path`` (custom format) and write its manifest; return the manifest."""
    if connection.vendor != "postgresql":
        raise RuntimeError("backups are taken from PostgreSQL (DATABASE_URL=postgres://…)")
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
        command, env = _pg_command("pg_dump")
        command += ["--format=custom", "--no-owner", f"--snapshot={snapshot}", "-f", str(path)]
        # Arguments from settings, never from a request.
        subprocess.run([*command, connection.settings_dict["NAME"]], env=env, check=True)  # noqa: S603
        manifest = {"database": row_counts(), "media_files": media_files(), "dump": path.name}
    Path(f"{path}.manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True))
    return manifest


def verify(manifest: dict, *, media_in_archive: int | None = None) -> list[str]:
    """What checked out, one line each; raises ``RuntimeError`` listing every difference."""
    problems, passed = [], []
    expected, found = manifest["database"], row_counts()
    for table in sorted(set(expected) | set(found)):
        if expected.get(table) != found.get(table):
            problems.append(f"{table}: {expected.get(table)} rows in the backup, {found.get(table)} restored")
    passed.append(f"{len(found)} tables, {sum(found.values())} rows, as in the backup")
    executor = MigrationExecutor(connection)
    unapplied = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if unapplied:
        problems.append(f"{len(unapplied)} migration(s) not applied in the restored database")
    else:
        passed.append("every migration applied")
    if media_in_archive is not None:
        if media_in_archive != manifest["media_files"]:
            problems.append(f"media: {manifest['media_files']} files backed up, {media_in_archive} in the archive")
        else:
            passed.append(f"{media_in_archive} media files in the archive")
    for check in _checks:
        try:
            passed.append(check())
        except Exception as error:
            problems.append(f"{check.__name__}: {error}")
    if problems:
        raise RuntimeError("; ".join(problems))
    return passed
