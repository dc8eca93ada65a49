import time

from django.core.management.base import BaseCommand

from apps.similarity.indexing import index_proposals
from apps.similarity.matching import store_all_matches


class Command(BaseCommand):
    help = (
        "유사 건의과제 찾기용 핵심어를 (다시) 만듭니다. 새 과제와 수정은 저장할 때 자동으로 반영되므로, 이 앱 "
        "설치 전에 있던 과제나 관리자 화면에서 고친 과제에만 필요합니다. "
        "(Re)builds the key terms used to find similar proposals."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--missing", action="store_true", help="핵심어가 없는 과제만 / only proposals without key terms"
        )
        parser.add_argument(
            "--matches",
            action="store_true",
            help="유사 과제 목록도 다시 계산 / also recompute every proposal's stored similar proposals",
        )

    def handle(self, *args, **options):
        started = time.monotonic()

        def progress(done, total):
            self.stdout.write(f"  {done}/{total}")

        count = index_proposals(
            only_missing=options["missing"], progress=progress if options["verbosity"] > 1 else None
        )
        self.stdout.write(
            self.style.SUCCESS(f"핵심어 색인 완료: 건의과제 {count}건, {time.monotonic() - started:.1f}초")
        )
        if options["matches"]:
            started = time.monotonic()
            count = store_all_matches(progress=progress if options["verbosity"] > 1 else None)
            self.stdout.write(
                self.style.SUCCESS(f"유사 과제 계산 완료: 건의과제 {count}건, {time.monotonic() - started:.1f}초")
            )
