"""``manage.py backup_database FILE``: a custom-format pg_dump and, from the same snapshot,
its manifest (row counts, media file count) in ``FILE.manifest.json``. platform/backup.sh
runs it; ``verify_restore`` checks a restored copy against the manifest."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from apps.core import backups


class Command(BaseCommand):
    help = "데이터베이스를 백업합니다(pg_dump custom 형식 + 검증용 목록). Dump the database with a manifest."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path, **options):
        try:
            manifest = backups.dump(path)
        except Exception as error:
            raise CommandError(f"백업 실패 / backup failed: {error}") from error
        tables, rows = len(manifest["database"]), sum(manifest["database"].values())
        self.stdout.write(f"{path}: {tables} tables, {rows} rows, {manifest['media_files']} media files")
