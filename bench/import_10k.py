"""Excel import benchmark: 10,000 rows, from upload to proposals — time and peak memory.

    .venv/bin/python bench/import_10k.py                      # SQLite (in-memory test DB)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/balance \\
        .venv/bin/python bench/import_10k.py                  # PostgreSQL (bench_import_10k DB)
    options: --rows 10000 --tracemalloc (Python allocation peaks; slows the run ~2x)

It creates a throw-away test database, writes a workbook of N valid rows the way a
person fills the template (openpyxl), and times the three steps the site runs:

1. upload: ``services.import_upload`` — the ZIP checks (``safety``), the SHA-256, storing
   the file (the check task is queued, not run);
2. check: ``services.import_validate`` — the body of the ``exchange.validate_import`` task:
   every row read (openpyxl read-only, streaming) and checked;
3. import: ``services.import_run_commit`` — the body of ``exchange.commit_import``: the
   rows checked again, then N ``proposal_create`` calls (reference, event, key terms with
   Kiwi) in one transaction.

Memory: the process's peak resident size (``resource.getrusage``) after each step, with
the Kiwi model (~250 MB, loaded once per process) loaded up front and reported apart;
with ``--tracemalloc`` also the peak of Python allocations inside each step.
"""

import argparse
import io
import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def workbook(rows: int) -> bytes:
    from openpyxl import Workbook

    from apps.exchange.columns import COLUMNS, DATA_SHEET, header_text

    book = Workbook(write_only=True)
    sheet = book.create_sheet(DATA_SHEET)
    sheet.append([header_text(column) for column in COLUMNS])
    topics = [
        "광역철도 조기 착공",
        "개발제한구역 해제 권한 위임",
        "도심융합특구 기반시설 지원",
        "산업단지 진입도로 개설",
    ]
    for n in range(rows):
        topic = topics[n % len(topics)]
        sheet.append(
            [
                f"강원 {topic} 건의 {n:05d}",
                f"{n}번째 건의입니다. {topic}을(를) 위해 국비 지원과 제도 개선을 요청합니다. 지역 여건상 시급합니다.",
                "강원",
                "철도" if n % 2 else "규제개선",
                "지역 교통망 확충",
                "관계 법령 개정 및 국비 반영",
                "",
                1000 + n,
                "춘천시",
                "",
                "예",
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def step(name, function, results, use_tracemalloc):
    if use_tracemalloc:
        tracemalloc.start()
    started = time.perf_counter()
    value = function()
    elapsed = time.perf_counter() - started
    line = f"{name}: {elapsed:.1f} s, peak RSS {rss_mb():.0f} MB"
    if use_tracemalloc:
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        line += f", Python allocations peak {peak / 1048576:.0f} MB"
    results.append(line)
    print(line, flush=True)
    return value, elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--tracemalloc", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection
    from django.test.utils import setup_databases, setup_test_environment, teardown_databases

    setup_test_environment()
    # Never the test suite's database: a run of the suite may be going on meanwhile.
    connection.settings_dict.setdefault("TEST", {})["NAME"] = (
        None if connection.vendor == "sqlite" else "bench_import_10k"
    )
    databases = setup_databases(verbosity=0, interactive=False, aliases=["default"], serialized_aliases=set())
    try:
        from apps.exchange import services, tasks
        from apps.exchange.models import ImportJob
        from apps.organisations.models import Region
        from apps.proposals.models import Proposal
        from apps.similarity.models import ProposalTerm
        from apps.similarity.tokenizer import kiwi
        from tests.factories import member

        official = member("regional_official", region=Region.objects.get(code="51"))
        print(f"database: {connection.vendor}; rows: {args.rows:,}; baseline RSS {rss_mb():.0f} MB")
        kiwi()
        print(f"Kiwi loaded: RSS {rss_mb():.0f} MB")
        started = time.perf_counter()
        content = workbook(args.rows)
        print(f"workbook written: {len(content) / 1048576:.2f} MB in {time.perf_counter() - started:.1f} s")

        results: list[str] = []
        upload = SimpleUploadedFile("bench.xlsx", content)
        # Measure each step alone: the upload's queued check (eager here) is run below.
        tasks.validate_import.apply_async = lambda *args, **kwargs: None
        job, _ = step(
            "upload (ZIP checks, hash, store)",
            lambda: services.import_upload(actor=official, upload=upload),
            results,
            args.tracemalloc,
        )
        job, checked = step(
            "check every row (exchange.validate_import)",
            lambda: services.import_validate(job),
            results,
            args.tracemalloc,
        )
        assert job.status == ImportJob.Status.VALID, (job.message, job.errors[:5])
        ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.COMMITTING)
        job.refresh_from_db()
        job, imported = step(
            "import in one transaction (exchange.commit_import)",
            lambda: services.import_run_commit(job),
            results,
            args.tracemalloc,
        )
        assert job.status == ImportJob.Status.DONE, job.message
        assert Proposal.objects.count() == args.rows
        print(
            f"done: {job.created_count:,} proposals ({job.first_reference} … {job.last_reference}), "
            f"{ProposalTerm.objects.count():,} key terms; check {args.rows / checked:,.0f} rows/s, "
            f"import {args.rows / imported:,.0f} rows/s"
        )
    finally:
        teardown_databases(databases, verbosity=0)


if __name__ == "__main__":
    main()
