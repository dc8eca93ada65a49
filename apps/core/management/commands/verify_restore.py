"""``manage.py verify_restore MANIFEST [--media-archive TAR]``, run against a restored copy
(DATABASE_URL pointing at it): the same tables and row counts as the backup's manifest, no
migration unapplied, the media archive complete, and the apps' read-back checks pass
(apps/core/backups.py). Exits non-zero listing every difference."""

import json
import tarfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from apps.core import backups


class Command(BaseCommand):
    help = "복원한 데이터베이스를 백업 목록과 대조합니다. Verify a restored database against its backup manifest."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("manifest", type=Path)
        parser.add_argument("--media-archive", type=Path)

    def handle(self, *args, manifest, media_archive=None, **options):
        media = None
        if media_archive is not None:
            with tarfile.open(media_archive) as archive:
                media = sum(1 for member in archive.getmembers() if member.isfile())
        try:
            passed = backups.verify(json.loads(manifest.read_text()), media_in_archive=media)
        except RuntimeError as error:
            raise CommandError(f"복원 검증 실패 / restore verification failed: {error}") from error
        for line in passed:
            self.stdout.write(self.style.SUCCESS(f"✓ {line}"))
