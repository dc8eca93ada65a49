"""The restore drill's verification (apps/core/backups.py), on whatever database the tests
use: it passes on an exact copy and names every difference otherwise. The dump and the
drill themselves run on PostgreSQL in tests/integration/test_backup.py."""

import pytest

from apps.core import backups


@pytest.fixture
def manifest(db):
    return {"database": backups.row_counts(), "media_files": 2}


def test_verify_passes_on_an_exact_copy(manifest):
    passed = backups.verify(manifest, media_in_archive=2)
    assert passed[0].startswith(f"{len(manifest['database'])} tables")
    assert "every migration applied" in passed
    assert "2 media files in the archive" in passed
    assert any(line.startswith(("proposal ", "no proposals")) for line in passed)  # proposals' read-back check


def test_verify_names_every_difference(manifest):
    manifest["database"]["proposals_proposal"] += 3
    manifest["database"]["vanished_table"] = 1
    with pytest.raises(RuntimeError) as failed:
        backups.verify(manifest, media_in_archive=1)
    message = str(failed.value)
    assert "proposals_proposal: 3 rows in the backup, 0 restored" in message
    assert "vanished_table: 1 rows in the backup, None restored" in message
    assert "media: 2 files backed up, 1 in the archive" in message


def test_a_failing_read_back_check_fails_the_drill(manifest, monkeypatch):
    def unreadable():
        raise ValueError("timeline empty")

    monkeypatch.setattr(backups, "_checks", [*backups._checks, unreadable])
    with pytest.raises(RuntimeError, match="unreadable: timeline empty"):
        backups.verify(manifest)


def test_every_model_table_is_counted(db):
    tables = backups.tables()
    assert {"proposals_proposal", "proposals_proposalevent", "notifications_notification"} <= set(tables)
    assert any(name.endswith("_strategies") for name in tables)  # many-to-many tables too
