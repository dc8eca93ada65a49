"""Korean search benchmark: latency and queries of searched lists next to the plain list,
on PostgreSQL at 10,000 and 100,000 proposals, and the query plans of search.

    .venv/bin/python bench/search.py                                   # 10,000 then 100,000
    .venv/bin/python bench/search.py --sizes 2000 --requests 5          # a quick look
    options: --database-url postgres://postgres@127.0.0.1:5432/balance_h15_bench --keep
             --reuse (keep the database's proposals and terms: migrate, fill what is missing)

1. (Re)creates the database (dropped at the end unless ``--keep``) and migrates it (the
   migrations seed the synonym list).
2. Generates proposals with ``bench/public_portal.generate`` (``bulk_create``; titles and
   summaries combine 10 policy words with region names) and indexes their key terms in
   bulk: ``tokenizer.key_terms`` per distinct text (digits aside, the generated texts
   repeat), rows written with ``bulk_create``, then every proposal's search document
   (``documents.refresh``) — what ``manage.py index_similarity`` would write, without
   analysing the same text 100,000 times.
3. In-process (Django test client, portal cache off, synonym list cached as in
   production) it requests each page ``--requests`` times after two warm-ups and reports
   p50/p95 in ms and the number of SQL queries of one request: the public list plain and
   searched, the staff list (TF staff, who see everything) plain and searched, and the
   API's ``q``.
4. ``EXPLAIN (ANALYZE, BUFFERS)`` of the public list's page query and count for each
   search (``--explain``: the plan's key lines — scans, joins, execution time).
Nothing leaves 127.0.0.1; every loop is bounded.
"""

import argparse
import functools
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))

from public_portal import PYTHON, ROOT, drop_database, generate, recreate_database, setup_django

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/balance_h15_bench"
QUERIES = ["철도를", "그린벨트를", "도심 융합 특구", "광역철도 개발제한구역", "공항을 물류", "없는낱말"]
BATCH = 5000


def index_terms(progress=print) -> int:
    """Key terms of every proposal, each distinct text analysed once, written in bulk."""

    from apps.proposals.models import Proposal
    from apps.similarity import documents, tokenizer
    from apps.similarity.models import ProposalTerm
    from apps.similarity.tokenizer import key_terms

    # The generated fields repeat (digits aside): analyse each distinct field text once.
    tokenizer.terms_of = functools.lru_cache(maxsize=None)(tokenizer.terms_of)
    memo: dict[tuple, dict] = {}
    rows, written = [], 0
    texts = Proposal.objects.order_by("pk").values_list("pk", "title", "summary", "requested_action")
    for pk, title, summary, action in texts.iterator(chunk_size=BATCH):
        fields = tuple(re.sub(r"\d+", "", text or "") for text in (title, summary, action))
        if fields not in memo:
            memo[fields] = key_terms(title=fields[0], summary=fields[1], requested_action=fields[2])
        rows += [ProposalTerm(proposal_id=pk, term=term, weight=weight) for term, weight in memo[fields].items()]
        if len(rows) >= BATCH:
            ProposalTerm.objects.bulk_create(rows, batch_size=BATCH)
            written += len(rows)
            rows = []
    ProposalTerm.objects.bulk_create(rows, batch_size=BATCH)
    written += len(rows)
    documents.refresh()
    vacuum()
    progress(f"  핵심어 {written:,}행, 서로 다른 본문 {len(memo):,}개 / {written:,} term rows, {len(memo):,} texts")
    return written


def vacuum() -> None:
    """Rewritten documents leave dead rows and index entries: clear them and the statistics."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def staff_client():
    from django.test import Client

    from apps.accounts.models import Membership, Role, User

    user, _ = User.objects.get_or_create(username="bench-tf", defaults={"name": "벤치 TF"})
    Membership.objects.get_or_create(user=user, role=Role.TF_STAFF)
    client = Client()
    client.force_login(user)
    return client


def measure(client, path: str, requests: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):
        assert client.get(path).status_code == 200, path
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return {"p50": statistics.median(times), "p95": p95, "queries": len(queries)}


def pages() -> list[tuple[str, str, str]]:
    """(label, who, path) of every page measured."""
    listed = [("public list", "public", "/public/proposals/"), ("staff list", "staff", "/proposals/")]
    for query in QUERIES:
        q = quote(query)
        listed += [
            (f"public q={query}", "public", f"/public/proposals/?q={q}"),
            (f"staff q={query}", "staff", f"/proposals/?q={q}"),
            (f"API q={query}", "public", f"/api/v1/public/proposals/?q={q}"),
        ]
    return listed


KEY_LINES = re.compile(r"Scan|Join|Nested Loop|Sort Method|Limit|Aggregate|Execution Time|Rows Removed|Buffers")


def explain(query: str, full: bool = False) -> list[str]:
    """The plan of the public list's first page and of its count for ``query``."""
    from django.db import connection

    from apps.portal.selectors import filter_public

    rows, _filterset = filter_public({"q": query}, merge_target=False)
    lines = []
    for label, queryset in (("page", rows[:20]), ("count", rows.order_by().values("pk"))):
        sql, params = queryset.query.sql_with_params()
        if label == "count":
            sql = f"SELECT count(*) FROM ({sql}) counted"  # noqa: S608 (the ORM's own SQL)
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
            plan = [row[0] for row in cursor.fetchall()]
        lines.append(f"  [{label}]")
        lines += [f"    {line.rstrip()}" for line in plan if full or KEY_LINES.search(line)]
    return lines


def run_size(size: int, args) -> None:
    from django.core.cache import cache

    from apps.proposals.models import Proposal
    from apps.similarity import documents
    from apps.similarity.models import ProposalDocument, ProposalTerm

    have = Proposal.objects.count()
    started = time.monotonic()
    if size > have:
        generate(size - have, seed=size, start=have)
    generated = time.monotonic() - started
    started = time.monotonic()
    if args.reuse and size <= have and ProposalTerm.objects.exists():
        if ProposalDocument.objects.count() < have:  # the terms are there: the documents only
            documents.refresh()
            vacuum()
    else:
        ProposalTerm.objects.all().delete()
        index_terms()
    print(f"건의과제 {size:,}건: 생성 {generated:.0f}s, 색인 {time.monotonic() - started:.0f}s")
    os.environ["PORTAL_CACHE_SECONDS"] = "0"
    cache.clear()
    from django.test import Client

    clients = {"public": Client(), "staff": staff_client()}
    print(f"{'page':<34} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
    for label, who, path in pages():
        if args.only not in label:
            continue
        result = measure(clients[who], path, args.requests)
        print(f"{label:<34} {result['p50']:8.1f} {result['p95']:8.1f} {result['queries']:8d}", flush=True)
    if args.explain:
        for query in QUERIES:
            print(f"EXPLAIN public q={query}")
            print("\n".join(explain(query)), flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=DEFAULT_DATABASE)
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated, growing, each ≤ 100000")
    parser.add_argument("--requests", type=int, default=15)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--reuse", action="store_true", help="keep the database's rows (a --keep run's)")
    parser.add_argument("--explain", action="store_true", help="print the search plans' key lines")
    parser.add_argument("--only", default="", help="measure only pages whose label contains this")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    if sizes != sorted(sizes) or not all(0 < size <= 100_000 for size in sizes) or not 0 < args.requests <= 200:
        parser.error("--sizes must grow, each 1–100000; --requests 1–200")
    if not args.reuse:
        recreate_database(args.database_url)
    env = {**os.environ, "DATABASE_URL": args.database_url, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    setup_django(args.database_url)
    try:
        for size in sizes:
            run_size(size, args)
    finally:
        if not args.keep:
            from django.db import connections

            connections.close_all()
            drop_database(args.database_url)


if __name__ == "__main__":
    main()
