"""platform/backup.sh on PostgreSQL: a backup set (custom-format dump, manifest from the
same snapshot, media archive, checksums) restores into a scratch database that matches it
row for row, with a proposal's timeline reading back; a tampered set fails the drill; old
sets are removed beyond BACKUP_KEEP."""

import hashlib
import json
import os
import subprocess
from pathlib import Path

import pytest

from apps.proposals.models import ProposalStatus as S
from tests.environment import child_environment
from tests.integration.test_notifications_delivery import _test_database_url
from tests.notifications.support import NotifyCast
from tests.proposals.support import proposal_in

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def backup_sh(tmp_path):
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        pytest.skip("backups are taken from PostgreSQL")
    media = tmp_path / "media"
    (media / "attachments" / "2026").mkdir(parents=True)
    (media / "attachments" / "2026" / "plan.hwp").write_bytes(b"HWP")
    env = {
        **child_environment(),
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": _test_database_url(),
        "TEST_MEDIA_ROOT": str(media),
        "BACKUP_DIR": str(tmp_path / "backups"),
        "RESTORE_DRILL_DB": f"{_test_database_url().rsplit('/', 1)[1]}_drill",
    }

    def run(*args, **extra):
        return subprocess.run(
            ["bash", "platform/backup.sh", *args], cwd=ROOT, env={**env, **extra}, capture_output=True, text=True
        )

    run.dir = tmp_path / "backups"
    return run


def test_a_backup_restores_into_a_scratch_database_and_verifies(backup_sh):
    cast = NotifyCast()
    proposal = proposal_in(cast, S.ASSIGNED)

    made = backup_sh("backup")
    assert made.returncode == 0, made.stdout + made.stderr
    (dump,) = backup_sh.dir.glob("balance-*.dump")
    manifest = json.loads(Path(f"{dump}.manifest.json").read_text())
    assert manifest["database"]["proposals_proposal"] == 1 and manifest["media_files"] == 1

    drill = backup_sh("restore-drill")
    assert drill.returncode == 0, drill.stdout + drill.stderr
    assert "every migration applied" in drill.stdout
    assert "1 media files in the archive" in drill.stdout
    assert f"proposal {proposal.pk}: " in drill.stdout and "read back for its author" in drill.stdout
    assert "restore drill passed" in drill.stdout


def test_a_backup_that_does_not_match_its_manifest_fails_the_drill(backup_sh):
    proposal_in(NotifyCast(), S.SUBMITTED)
    assert backup_sh("backup").returncode == 0
    (dump,) = backup_sh.dir.glob("balance-*.dump")
    manifest_path = Path(f"{dump}.manifest.json")
    manifest = json.loads(manifest_path.read_text())
    manifest["database"]["proposals_proposal"] += 1  # a row the dump does not hold
    manifest_path.write_text(json.dumps(manifest))

    tampered = backup_sh("restore-drill")
    assert tampered.returncode != 0
    assert "checksums" in tampered.stdout and "FAILED" in tampered.stdout + tampered.stderr

    # Checksums made to match: the row counts still give it away.
    names = [dump.name, f"{dump.name}.manifest.json", f"{dump.stem}.media.tar.gz"]
    sums = "".join(f"{hashlib.sha256((backup_sh.dir / n).read_bytes()).hexdigest()}  {n}\n" for n in names)
    (backup_sh.dir / f"{dump.stem}.sha256").write_text(sums)
    mismatch = backup_sh("restore-drill")
    assert mismatch.returncode != 0
    assert "proposals_proposal: 2 rows in the backup, 1 restored" in mismatch.stderr


def test_old_backups_are_removed_beyond_backup_keep(backup_sh):
    backup_sh.dir.mkdir()
    for stamp in ("20240101T000000Z", "20250101T000000Z"):  # two earlier sets
        for suffix in (".dump", ".dump.manifest.json", ".media.tar.gz", ".sha256"):
            (backup_sh.dir / f"balance-{stamp}{suffix}").write_text("old")
    made = backup_sh("backup", BACKUP_KEEP="2")
    assert made.returncode == 0, made.stderr
    assert "removing" in made.stdout
    remaining = sorted(path.name for path in backup_sh.dir.iterdir())
    assert len(remaining) == 2 * 4  # dump, manifest, media, checksums each
    assert not any("20240101" in name for name in remaining)
    assert sum("20250101" in name for name in remaining) == 4
