"""Ledger (관리대장) and history benchmarks (issue 18): export, bulk update, backfill.

    .venv/bin/python bench/ledger.py                          # SQLite (in-memory test DB)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/balance_h18_bench \\
        .venv/bin/python bench/ledger.py                      # PostgreSQL (bench_ledger DB)
    options: --export-rows 100000 --update-rows 1000 --history-rows 10000
             --only update|history|export --test-db NAME (PostgreSQL, default bench_ledger)

1. bulk update: N submitted proposals; TF downloads the ledger, sets 주관부서 on every row,
   uploads it; times the check (``exchange.validate_ledger``'s body) and the apply
   (``exchange.apply_ledger``'s body: N ``assign`` actions through ``services.fire`` —
   events, notifications — in one transaction);
2. history backfill: a CSV of N past 건의 of 광주(29) checked and imported
   (``manage.py import_history``'s body, key terms with Kiwi included);
3. export: M proposals (bulk-created, each with a supporting department, every other one
   with two milestones) written by the export job (``exchange.export_ledger``'s body) —
   time, file size, the export's peak RSS (the counter reset after the setup) — and again
   under tracemalloc for the export's own peak of Python allocations.
"""

import argparse
import csv
import datetime
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(label, function):
    started = time.perf_counter()
    value = function()
    elapsed = time.perf_counter() - started
    print(f"{label}: {elapsed:.1f} s (peak RSS so far {rss_mb():.0f} MB)", flush=True)
    return value, elapsed


def submitted_proposals(count: int, actor, *, prefix: str):
    """``count`` submitted proposals of 강원, written in bulk (no events: setup, not measured)."""
    from django.utils import timezone

    from apps.organisations.models import Region
    from apps.proposals.models import Proposal

    region, now = Region.objects.get(code="51"), timezone.now()
    made = []
    for start in range(0, count, 5000):
        made += Proposal.objects.bulk_create(
            Proposal(
                reference=f"{prefix}-{n:06d}",
                title=f"강원 광역철도 연장 건의 {n:06d}",
                summary=f"{n}번째 건의: 동서고속화철도 연계 광역철도를 연장해 주십시오.",
                region=region,
                category="rail",
                status="submitted",
                created_by=actor,
                submitted_at=now,
                due_at=now.date() + datetime.timedelta(days=7),
            )
            for n in range(start, min(start + 5000, count))
        )
    return made


def bench_update(rows: int):
    from apps.exchange.ledger import selectors, updates
    from apps.exchange.ledger.export import ledger_file
    from apps.exchange.models import LedgerUpdate
    from apps.proposals.models import Proposal
    from tests.exchange.ledger_support import edited, upload
    from tests.factories import member

    tf = member("tf_staff")
    member("dept_reviewer")  # 국토정책과: someone to notify of each assignment
    made = submitted_proposals(rows, tf, prefix="U")
    fileobj, _count = ledger_file(tf, selectors.ledger_rows(tf))
    content = edited(fileobj.read(), {p.reference: {"lead_department": "국토정책과"} for p in made})
    from apps.exchange import tasks

    tasks.validate_ledger.apply_async = lambda *args, **kwargs: None
    tasks.apply_ledger.apply_async = lambda *args, **kwargs: None
    job = updates.update_upload(actor=tf, upload=upload(content))
    job, checked = timed(f"bulk update: check {rows:,} changed rows", lambda: updates.update_validate(job))
    assert job.status == LedgerUpdate.Status.READY and job.changed_rows == rows, job.message
    job = updates.update_apply(job=job, actor=tf)
    job, applied = timed(f"bulk update: apply {rows:,} assign actions", lambda: updates.update_run_apply(job))
    assert job.status == LedgerUpdate.Status.APPLIED, job.message
    assert Proposal.objects.filter(status="assigned").count() == rows
    return checked, applied


def bench_history(rows: int):
    from apps.exchange.history.checking import HistoryChecker, read_rows
    from apps.exchange.history.importing import import_history
    from tests.factories import member

    operator = member("admin")
    header = ["과제번호", "지역", "제목", "요약", "분야", "상태", "접수일", "배정일", "결정일", "주관부서", "검토결과",
              "검토결과 요지", "추진 예정일"]  # fmt: skip
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for n in range(rows):
            writer.writerow([f"{2022 + n % 4}-29-{n // 4 + 1:04d}", "29", f"광주 도심융합특구 건의 {n}",
                             "광주 도심융합특구 지정과 기반시설 국비 지원을 건의합니다.", "도시·공간", "검토완료",
                             f"{2022 + n % 4}-09-01", f"{2022 + n % 4}-09-10", f"{2022 + n % 4}-11-20", "녹색도시과",
                             "수용", "후보지로 검토합니다.", "2027-06-30"])  # fmt: skip
        path = handle.name

    def check():
        checker = HistoryChecker()
        return [checker.check(number, values) for number, values in read_rows(path)]

    checked_rows, checked = timed(f"backfill: read and check {rows:,} rows", check)
    assert not any(row.errors for row in checked_rows), checked_rows[0].errors
    _created, imported = timed(
        f"backfill: import {rows:,} rows (events, key terms)",
        lambda: import_history(checked_rows, actor=operator, source=path),
    )
    os.unlink(path)
    return checked, imported


def current_rss_mb() -> float:
    """The process's resident memory now (Linux ``VmRSS``)."""
    return _status_kb("VmRSS") / 1024


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def reset_peak_rss() -> bool:
    """Start the peak-RSS count (``VmHWM``) afresh, so the export's peak is not the
    setup's: Linux resets it on writing 5 to ``/proc/self/clear_refs``."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def bench_export(rows: int):
    """The export measured apart from the benchmark's own data creation: the setup's
    objects are dropped and collected first, the peak RSS counter is reset before the
    export, and Python allocations are traced (tracemalloc) only around the export."""
    import gc

    from django.utils import timezone

    from apps.exchange.ledger import exports, selectors
    from apps.exchange.ledger.export import ledger_file
    from apps.exchange.models import LedgerExport
    from apps.organisations.models import Department
    from apps.proposals.models import Milestone, Proposal
    from tests.factories import member

    tf = member("tf_staff")
    existing = Proposal.objects.count()
    setup_started = time.perf_counter()
    made = submitted_proposals(rows - existing, tf, prefix="E")
    departments = list(Department.objects.all()[:5])
    through = Proposal.support_departments.through
    through.objects.bulk_create(
        [through(proposal_id=p.pk, department_id=departments[n % 5].pk) for n, p in enumerate(made)], batch_size=5000
    )
    today = timezone.localdate()
    Milestone.objects.bulk_create(
        [
            Milestone(proposal_id=p.pk, title=title, planned_for=today + datetime.timedelta(days=days))
            for p in made[::2]  # every other proposal has a plan of two milestones
            for title, days in (("기본계획 수립", -30), ("착공", 90))
        ],
        batch_size=5000,
    )
    del made, through
    gc.collect()
    print(
        f"export setup: {Proposal.objects.count():,} proposals, {Milestone.objects.count():,} milestones "
        f"in {time.perf_counter() - setup_started:.1f} s; peak RSS of the setup {rss_mb():.0f} MB, "
        f"RSS now {current_rss_mb():.0f} MB",
        flush=True,
    )

    # 1. The job a worker runs (``exchange.export_ledger``'s body): rows from the database,
    #    the workbook to a temporary file, then into storage; progress every 500 rows.
    before = current_rss_mb()
    reset = reset_peak_rss()
    job = LedgerExport.objects.create(created_by=tf)
    job, elapsed = timed(f"export job: ledger of {rows:,} rows", lambda: exports.export_run(job))
    assert job.status == LedgerExport.Status.DONE, job.message
    peak = _status_kb("VmHWM") / 1024
    print(
        f"export job: {job.total_rows:,} rows, {job.size / 1048576:.1f} MB, {job.total_rows / elapsed:,.0f} rows/s; "
        f"RSS before {before:.0f} MB, peak during the export {peak:.0f} MB"
        + ("" if reset else " (peak could not be reset: includes the setup)"),
        flush=True,
    )
    job.file.delete(save=False)

    # 2. The same rows under tracemalloc (slower: every allocation is traced), started just
    #    before the export, so its peak is the export's own Python allocations.
    def export():
        fileobj, count = ledger_file(tf, selectors.ledger_rows(tf))
        fileobj.close()
        return count

    gc.collect()
    tracemalloc.start()
    started = time.perf_counter()
    export()
    _current, traced = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"export traced: peak Python allocations during the export {traced / 1048576:.1f} MB "
        f"({time.perf_counter() - started:.1f} s under tracemalloc)",
        flush=True,
    )
    return elapsed, peak, traced


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--export-rows", type=int, default=100_000)
    parser.add_argument("--update-rows", type=int, default=1_000)
    parser.add_argument("--history-rows", type=int, default=10_000)
    parser.add_argument("--only", choices=["update", "history", "export"])
    parser.add_argument(
        "--test-db", default="bench_ledger", help="PostgreSQL: the throw-away database to create (dropped at the end)"
    )
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_databases, setup_test_environment, teardown_databases

    setup_test_environment()
    connection.settings_dict.setdefault("TEST", {})["NAME"] = None if connection.vendor == "sqlite" else args.test_db
    databases = setup_databases(verbosity=0, interactive=False, aliases=["default"], serialized_aliases=set())
    try:
        print(f"database: {connection.vendor}; baseline RSS {rss_mb():.0f} MB", flush=True)
        if args.only in (None, "update"):
            bench_update(args.update_rows)
        if args.only in (None, "history"):
            bench_history(args.history_rows)
        if args.only in (None, "export"):
            bench_export(args.export_rows)
    finally:
        teardown_databases(databases, verbosity=0)


if __name__ == "__main__":
    main()
