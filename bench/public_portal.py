"""Public portal benchmark: 10,000 proposals on PostgreSQL, served by gunicorn.

    .venv/bin/python bench/public_portal.py                   # create, fill, measure, drop
    .venv/bin/python bench/public_portal.py --proposals 2000 --requests 100 --keep
    options: --database-url postgres://postgres@127.0.0.1:5432/balance_bench
             --workers 2 --port 8799 --redis redis://127.0.0.1:6379/14

1. (Re)creates the database named in ``--database-url`` (dropped at the end unless
   ``--keep``) and migrates it.
2. Generates ``--proposals`` proposals with ``bulk_create`` (the services would take
   hours for 10,000): every region including 광주·전남 before the merger, every state and
   outcome (about 85 % public), strategies, support departments, submission/decision
   dates over three years and 2–4 public timeline events each.
3. Counts the queries of the three pages in-process with the server cache off — the
   same number at 1,000 and at the full size (the tests assert it on small data).
4. Starts gunicorn (``platform/gunicorn.conf.py``, ``--workers`` sync workers) twice —
   portal cache off (``PORTAL_CACHE_SECONDS=0``) and on (Redis cache when ``--redis`` is
   given, else each worker's memory) — and a small client on 127.0.0.1 sends a bounded
   number of sequential GETs to each page, cycling through 20 list URLs (5 pages × 4
   filters, search included), 50 proposal pages and the statistics page, after a
   warm-up, reporting p50/p95/max in milliseconds.
Nothing leaves 127.0.0.1; every loop is bounded.
"""

import argparse
import datetime
import http.client
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/balance_bench"
LOG_DIR = Path(tempfile.gettempdir())


def recreate_database(url: str):
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_database(url: str):
    import psycopg

    parts = urlsplit(url)
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)')


def setup_django(database_url: str):
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ["DEBUG"] = "false"
    os.environ["REDIS_URL"] = ""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def generate(total: int, seed: int = 7, start: int = 0) -> None:
    """``total`` proposals with their strategies, departments and public events."""
    from django.db import transaction
    from django.utils import timezone

    from apps.accounts.models import User
    from apps.core.markdown import rendered_body
    from apps.organisations.models import Department, Region
    from apps.proposals.models import Category, Outcome, Proposal, ProposalEvent, Strategy
    from apps.proposals.models import ProposalStatus as S

    rng = random.Random(seed)
    author, _ = User.objects.get_or_create(username="bench-author", defaults={"name": "벤치"})
    regions = list(Region.objects.all())
    current = [r for r in regions if r.valid_to is None]
    abolished = [r for r in regions if r.valid_to is not None]
    departments = list(Department.objects.filter(is_active=True).order_by("pk")[:25])
    strategies = list(Strategy.objects.all())
    weights = {
        S.DRAFT: 4, S.AWAITING_ENDORSEMENT: 3, S.SUBMITTED: 8, S.INFO_REQUESTED: 3, S.ASSIGNED: 8,
        S.IN_REVIEW: 12, S.DECIDED: 25, S.IN_PROGRESS: 15, S.COMPLETED: 10, S.REFERRED: 3, S.MERGED: 2,
        S.WITHDRAWN: 3, S.RECONSIDERATION: 2,
    }  # fmt: skip
    statuses, status_weights = list(weights), list(weights.values())
    outcomes = [Outcome.ACCEPTED, Outcome.PARTIALLY_ACCEPTED, Outcome.LONG_TERM, Outcome.NOT_ACCEPTED]
    words = [
        "광역철도",
        "개발제한구역",
        "산업단지",
        "도심융합특구",
        "공항",
        "도로",
        "도시재생",
        "혁신도시",
        "물류",
        "주택",
    ]
    now = timezone.now()
    decided_states = (S.DECIDED, S.IN_PROGRESS, S.COMPLETED, S.RECONSIDERATION)
    assigned_states = (S.ASSIGNED, S.IN_REVIEW, *decided_states)
    batch = 1000
    made = 0
    with transaction.atomic():
        while made < total:
            rows = []
            for n in range(made, min(total, made + batch)):
                status = rng.choices(statuses, status_weights)[0]
                submitted = now - datetime.timedelta(days=rng.uniform(5, 1000))
                # Before the merger some proposals came from 광주·전남 (abolished today).
                old = submitted < now - datetime.timedelta(days=150) and rng.random() < 0.1
                region = rng.choice(abolished) if old else rng.choice(current)
                decided = status in decided_states
                rows.append(
                    Proposal(
                        reference=f"B{start + n:07d}",
                        title=f"{region.short_name} {rng.choice(words)} {rng.choice(words)} 건의 {n}",
                        summary=f"{rng.choice(words)} 관련 지역 건의 요약 {n}. " * 3,
                        body=(body := f"## 배경\n\n{rng.choice(words)} 사업의 필요성 {n}\n"),
                        **rendered_body(body),
                        region=region,
                        category=rng.choice(Category.values),
                        status=status,
                        is_public=rng.random() < 0.92,
                        lead_department=rng.choice(departments) if status in assigned_states else None,
                        outcome=rng.choice(outcomes) if decided else "",
                        decision_summary="공개 검토결과 요지" if decided else "",
                        decision_reasons="내부 검토 의견" if decided else "",
                        created_by=author,
                        submitted_at=None if status in (S.DRAFT, S.AWAITING_ENDORSEMENT) else submitted,
                        decided_at=submitted + datetime.timedelta(days=rng.uniform(10, 120)) if decided else None,
                        progress={S.IN_PROGRESS: rng.randint(0, 100), S.COMPLETED: 100}.get(status, 0),
                    )
                )
            created = Proposal.objects.bulk_create(rows)
            links, supports, events = [], [], []
            for proposal in created:
                for strategy in rng.sample(strategies, rng.randint(1, 2)):
                    links.append(Proposal.strategies.through(proposal_id=proposal.pk, strategy_id=strategy.pk))
                if proposal.lead_department_id and rng.random() < 0.3:
                    other = rng.choice(departments)
                    if other.pk != proposal.lead_department_id:
                        supports.append(
                            Proposal.support_departments.through(proposal_id=proposal.pk, department_id=other.pk)
                        )

                def event(action, before, after, proposal=proposal, events=events, **fields):
                    events.append(
                        ProposalEvent(
                            proposal=proposal,
                            action=action,
                            from_status=before,
                            to_status=after,
                            is_public=True,
                            **fields,
                        )
                    )

                if proposal.submitted_at:
                    event("endorse", S.AWAITING_ENDORSEMENT, S.SUBMITTED, note="내부 메모")
                if proposal.lead_department_id:
                    event("assign", S.SUBMITTED, S.ASSIGNED, payload={"lead_department": proposal.lead_department.code})
                if proposal.outcome:
                    decision = {"outcome": proposal.outcome, "decision_summary": proposal.decision_summary}
                    event("decide", S.IN_REVIEW, S.DECIDED, note="내부 검토 의견", payload=decision)
            Proposal.strategies.through.objects.bulk_create(links)
            Proposal.support_departments.through.objects.bulk_create(supports)
            ProposalEvent.objects.bulk_create(events)
            made += len(created)
    # bulk_create sets created_at to now for every event: spread them like the proposals.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE proposals_proposalevent e SET created_at = p.submitted_at + (e.id % 7) * interval '1 day' "
            "FROM proposals_proposal p WHERE e.proposal_id = p.id AND p.submitted_at IS NOT NULL"
        )
        cursor.execute("ANALYZE")


def count_queries(paths: dict[str, str]) -> dict[str, int]:
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    os.environ["PORTAL_CACHE_SECONDS"] = "0"
    client = Client()
    counts = {}
    for name, path in paths.items():
        cache.clear()
        client.get(path)  # first use: per-process look-ups (e.g. pg_trgm) happen once
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        counts[name] = len(queries)
    return counts


def start_server(
    database_url: str,
    port: int,
    workers: int,
    cache_seconds: int,
    redis: str,
    *,
    app: str | None = None,
    probe: str = "/public/stats/",
    extra_env: dict | None = None,
    wait_seconds: int = 60,
) -> subprocess.Popen:
    """gunicorn with the production config serving ``app`` (the project's by default),
    returned once ``probe`` answers 200."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DEBUG": "false",
        "REDIS_URL": redis,
        "CACHE_KEY_PREFIX": f"bench-{os.getpid()}",
        "PORTAL_CACHE_SECONDS": str(cache_seconds),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(workers),
        "GUNICORN_LOG_LEVEL": "warning",
        **(extra_env or {}),
    }
    command = [
        str(Path(PYTHON).parent / "gunicorn"),
        "-c",
        "platform/gunicorn.conf.py",
        "--access-logfile",
        "/dev/null",
    ]
    log = open(LOG_DIR / f"balance-bench-gunicorn-{port}.log", "w")  # noqa: SIM115 - closed with the process
    process = subprocess.Popen(
        [*command, *([app] if app else [])],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + wait_seconds
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", probe)
            if connection.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.5)
    process.kill()
    raise RuntimeError(f"gunicorn did not answer on 127.0.0.1:{port}: see {LOG_DIR}/balance-bench-gunicorn-{port}.log")


def start_worker(database_url: str, redis: str) -> subprocess.Popen:
    """One Celery worker taking the ``interactive`` queue (search analyses), as production's."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis,
        "CACHE_KEY_PREFIX": f"bench-{os.getpid()}",
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DEBUG": "false",
    }
    command = [str(Path(PYTHON).parent / "celery"), "-A", "config", "worker", "--queues=interactive,celery"]
    log = open(Path(tempfile.gettempdir()) / "balance-bench-worker.log", "w")  # noqa: SIM115 - closed with the process
    return subprocess.Popen(
        [*command, "--concurrency=1", "--loglevel=WARNING", f"--hostname=bench-{os.getpid()}@%h"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def web_worker_memory(server: subprocess.Popen) -> list[int]:
    """Resident memory (MB) of each gunicorn worker: Kiwi (~250 MB) must not be in it."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    sizes = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) // 1024)
    return sizes


def stop_server(process: subprocess.Popen):
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def forget_cache(redis_url: str):
    """Delete what the cached run left in Redis (its keys carry this process's prefix)."""
    import redis as redis_client

    client = redis_client.Redis.from_url(redis_url)
    for key in client.scan_iter(match=f"bench-{os.getpid()}:*", count=500):
        client.delete(key)


def measure(port: int, paths: list[str], requests: int, warmup: int = 10) -> dict:
    """Sequential GETs over one keep-alive connection; latency per request in ms."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    timings = []
    for n in range(warmup + requests):
        path = paths[n % len(paths)]
        started = time.perf_counter()
        connection.request("GET", path, headers={"Accept-Language": "ko"})
        response = connection.getresponse()
        response.read()
        elapsed = (time.perf_counter() - started) * 1000
        if response.status != 200:
            raise RuntimeError(f"{path}: HTTP {response.status}")
        if n >= warmup:
            timings.append(elapsed)
    connection.close()
    timings.sort()
    return {
        "p50": statistics.median(timings),
        "p95": timings[max(0, round(0.95 * len(timings)) - 1)],
        "max": timings[-1],
        "n": len(timings),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=DEFAULT_DATABASE)
    parser.add_argument("--proposals", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8799)
    parser.add_argument("--redis", default="", help="REDIS_URL for the cached run (default: per-worker memory)")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    if not 0 < args.requests <= 5000 or not 0 < args.proposals <= 100_000:
        parser.error("--requests must be 1–5000 and --proposals 1–100000")

    print(f"데이터베이스 준비 / database: {args.database_url}")
    recreate_database(args.database_url)
    env = {**os.environ, "DATABASE_URL": args.database_url, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    setup_django(args.database_url)
    try:
        run(args)
    finally:
        if not args.keep:
            from django.db import connections

            connections.close_all()
            drop_database(args.database_url)


def run(args):
    from apps.portal.selectors import public_proposals

    first = min(1000, args.proposals)
    started = time.monotonic()
    generate(first)
    detail_id = public_proposals().filter(outcome__gt="").values_list("pk", flat=True).first()
    paths = {
        "list": "/public/proposals/",
        "detail": f"/public/proposals/{detail_id}/",
        "stats": "/public/stats/",
    }
    small = count_queries(paths)
    if args.proposals > first:
        generate(args.proposals - first, seed=8, start=first)
    print(f"건의과제 {args.proposals:,}건 생성 / generated in {time.monotonic() - started:.1f}s")
    large = count_queries(paths)
    print(f"쿼리 수 / queries (cache off) at {first:,} → {args.proposals:,}: ", end="")
    print(", ".join(f"{name} {small[name]} → {large[name]}" for name in paths))

    rng = random.Random(3)
    ids = list(public_proposals().values_list("pk", flat=True))
    filters = ["", "region=12&", "outcome=accepted&", "q=%EA%B4%91%EC%97%AD%EC%B2%A0%EB%8F%84&"]
    workloads = {
        "list": [f"/public/proposals/?{f}page={page}" for page in range(1, 6) for f in filters],
        "detail": [f"/public/proposals/{pk}/" for pk in rng.sample(ids, min(50, len(ids)))],
        "stats": ["/public/stats/"],
    }
    results = {}
    for label, seconds, redis in (("cache off", 0, ""), ("cache on", 60, args.redis)):
        server = start_server(args.database_url, args.port, args.workers, seconds, redis)
        try:
            for name, urls in workloads.items():
                results[(label, name)] = measure(args.port, urls, args.requests)
        finally:
            stop_server(server)
            if redis:
                forget_cache(redis)
    print(f"\ngunicorn {args.workers} sync workers, {args.requests} sequential requests per page, ms")
    print(f"{'page':<8} {'cache':<10} {'p50':>8} {'p95':>8} {'max':>8}")
    for (label, name), r in results.items():
        print(f"{name:<8} {label:<10} {r['p50']:8.1f} {r['p95']:8.1f} {r['max']:8.1f}")


if __name__ == "__main__":
    main()
