"""``manage.py import_history FILE --user USERNAME``: bring in past 건의 (issue 18).

Checks every row first and prints every error by row and column (exit status 1, nothing
written); otherwise imports all rows in one transaction and prints how many per year.
Only an operator (the ``admin`` role) may run it as themselves.
"""

import collections
import os

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from apps.exchange.history.checking import HistoryChecker, existing_references, read_rows
from apps.exchange.history.importing import import_history
from apps.exchange.safety import ImportRefused


class Command(BaseCommand):
    help = "과거 건의(2022-08 이후)를 원래 과제번호·지역·일자·결과로 가져옵니다."

    def add_arguments(self, parser):
        parser.add_argument(
            "file", help=".xlsx 또는 UTF-8 .csv (머리글: 과제번호, 지역, 제목, 요약, 분야, 상태, 접수일 …)"
        )
        parser.add_argument("--user", required=True, help="가져오는 운영자의 아이디 (처리 이력에 남습니다)")
        parser.add_argument("--dry-run", action="store_true", help="검사만 하고 가져오지 않습니다")

    def handle(self, *args, **options):
        path = options["file"]
        if not os.path.isfile(path):
            raise CommandError(f"파일이 없습니다: {path}")
        actor = get_user_model().objects.filter(username=options["user"]).first()
        if actor is None or not actor.has_perm("exchange.import_history"):
            raise CommandError("운영자(admin 역할)만 과거 건의를 가져올 수 있습니다.")
        checker = HistoryChecker()
        try:
            rows = [checker.check(number, values) for number, values in read_rows(path)]
        except ImportRefused as refusal:
            raise CommandError(" ".join(refusal.messages)) from refusal
        taken = existing_references([row.fields["reference"] for row in rows if row.fields["reference"]])
        for row in rows:
            if row.fields["reference"] in taken:
                row.errors.append(("과제번호", "이미 등록된 과제번호입니다."))
        errors = [(row.number, header, message) for row in rows for header, message in row.errors]
        if not rows:
            raise CommandError("가져올 행이 없습니다.")
        if errors:
            for number, header, message in errors:
                self.stderr.write(f"{number}행 {header}: {message}")
            raise CommandError(
                f"{len({e[0] for e in errors}):,}행에 오류가 {len(errors):,}개 있어 아무것도 가져오지 않았습니다."
            )
        if options["dry_run"]:
            self.stdout.write(f"{len(rows):,}행 모두 이상이 없습니다(--dry-run: 가져오지 않음).")
            return
        created = import_history(rows, actor=actor, source=path)
        per_year = collections.Counter(p.submitted_at.year for p in created)
        years = ", ".join(f"{year}년 {count:,}건" for year, count in sorted(per_year.items()))
        self.stdout.write(
            self.style.SUCCESS(f"{len(created):,}건을 가져왔습니다({created[0].reference} 등; 접수 연도별 {years}).")
        )
