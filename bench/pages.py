"""Every list page at 10,000 and 100,000 proposals (issue 16): staff queues, the API,
public pages and statistics, on PostgreSQL behind gunicorn, against a floor.

    .venv/bin/python bench/pages.py --proposals 10000 --database-url postgres://…/balance_bench
    .venv/bin/python bench/pages.py --proposals 100000 --keep          # keep the data
    .venv/bin/python bench/pages.py --proposals 100000 --reuse         # measure kept data again
    options: --workers 2 --port 8799 --rounds 40

1. (Re)creates the database (``--reuse``: keeps it and its rows) and migrates it.
2. Generates proposals in bulk (``bench.public_portal.generate``: every region, state and
   outcome, strategies, support departments, 2–4 timeline events each), then comments
   and notifications in bulk, key terms and stored similar proposals (a synthetic pair
   list: the page reads the table, so its cost does not depend on how the pairs were
   ranked), and ANALYZE.
3. Counts each page's queries in-process (server cache off) at 1,000 proposals and at
   the full size: they must be equal.
4. Serves the project with gunicorn (``--workers`` sync workers, page cache off:
   ``PORTAL_CACHE_SECONDS=0``; Redis (``--redis``) as cache and broker, with one Celery
   worker taking the ``interactive`` queue, so searches are analysed as in production and
   the web workers' memory, reported at the end, shows whether Kiwi loaded in them)
   through ``bench/floor_wsgi.py``, which adds two floors of any size through the same
   server: ``/__floor__/<bytes>`` (gunicorn alone, no Django)
   and ``/__view_floor__/<bytes>`` (a trivial Django view behind the whole middleware,
   requested with the page's cookies or token). Each round requests every page and then
   both floors of that page's size, so load from other processes on the machine hits all
   three alike; reports p50/p95 in ms, bytes and × each floor (page p50 / floor p50).
Nothing leaves 127.0.0.1; every loop is bounded.
"""

import argparse
import http.client
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.public_portal import (
    PYTHON,
    ROOT,
    count_queries,
    drop_database,
    forget_cache,
    generate,
    recreate_database,
    setup_django,
    start_server,
    start_worker,
    stop_server,
    web_worker_memory,
)

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/balance_bench"
SEARCH = "%EA%B4%91%EC%97%AD%EC%B2%A0%EB%8F%84"  # 광역철도


def people():
    """A TF staff member, a reviewer of the busiest department, and an API token."""
    from knox.models import AuthToken

    from apps.accounts.models import ROLE_BODY, Membership, Role, User
    from apps.organisations.models import Body, Department
    from apps.proposals.models import Proposal

    def person(username, role, **scope):
        user, _ = User.objects.get_or_create(username=username, defaults={"name": username})
        body = Body.objects.filter(code=ROLE_BODY.get(role)).first() if ROLE_BODY.get(role) else None
        Membership.objects.get_or_create(user=user, role=role, defaults={"body": body, **scope})
        return user

    tf = person("bench-tf", Role.TF_STAFF)
    busiest = (
        Proposal.objects.exclude(lead_department=None).values("lead_department").order_by("lead_department").first()
    )
    department = Department.objects.get(pk=busiest["lead_department"])
    reviewer = person("bench-reviewer", Role.DEPT_REVIEWER, department=department)
    _token, key = AuthToken.objects.create(tf)
    return tf, reviewer, key


def session_cookie(user) -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"  # the one that loads users
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def extras(seed: int = 11) -> None:
    """Comments, notifications, key terms and stored matches, all in bulk."""
    from django.db import connection

    from apps.accounts.models import User
    from apps.comments.models import Comment
    from apps.notifications.models import Notification
    from apps.proposals.models import Proposal
    from apps.similarity import documents
    from apps.similarity.models import ProposalTerm, SimilarProposal

    rng = random.Random(seed)
    author = User.objects.get(username="bench-author")
    ids = list(Proposal.objects.order_by("pk").values_list("pk", flat=True))
    have_terms = set(ProposalTerm.objects.values_list("proposal_id", flat=True).distinct())
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
    batch = 5000
    for start in range(0, len(ids), batch):
        chunk = [pk for pk in ids[start : start + batch] if pk not in have_terms]
        if not chunk:
            continue
        Comment.objects.bulk_create(
            [Comment(proposal_id=pk, author=author, body=f"의견 {pk}") for pk in chunk if rng.random() < 0.3]
        )
        Notification.objects.bulk_create(
            [
                Notification(
                    recipient=author, kind="submitted", proposal_id=pk, occasion_key=f"bench:{pk}", title="알림"
                )
                for pk in chunk
                if rng.random() < 0.5
            ]
        )
        terms = []
        for pk in chunk:
            for word in rng.sample(words, 3):
                terms.append(ProposalTerm(proposal_id=pk, term=word, weight=rng.uniform(0.5, 3.0)))
        ProposalTerm.objects.bulk_create(terms, ignore_conflicts=True)
        documents.refresh(chunk)  # search's tsvector of those terms (PostgreSQL)
        pairs = []
        for pk in chunk:
            for other in rng.sample(ids, 5):
                if other != pk:
                    terms = rng.sample(words, 2)
                    pairs.append(
                        SimilarProposal(
                            proposal_id=pk, similar_id=other, score=rng.uniform(0.3, 0.9), shared_terms=terms
                        )
                    )
        SimilarProposal.objects.bulk_create(pairs, ignore_conflicts=True)
    from apps.proposals.tallies import rebuild

    rebuild()  # bulk_create bypasses the save signals that keep the counts by state
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def start(database_url: str, port: int, workers: int, redis: str) -> subprocess.Popen:
    """The project and the floor view (``bench.floor_wsgi``) in one gunicorn, page cache
    off; Redis as in production (cache, broker): the web asks a worker to analyse a search."""
    return start_server(
        database_url,
        port,
        workers,
        cache_seconds=0,
        redis=redis,
        app="bench.floor_wsgi:application",
        probe="/__floor__/10",
        extra_env={"GUNICORN_TIMEOUT": "120"},
        wait_seconds=90,
    )


def get(connection, path: str, headers: dict) -> tuple[float, int]:
    started = time.perf_counter()
    connection.request("GET", path, headers={"Accept-Language": "ko", **headers})
    response = connection.getresponse()
    body = response.read()
    elapsed = (time.perf_counter() - started) * 1000
    if response.status != 200:
        raise RuntimeError(f"{path}: HTTP {response.status}")
    return elapsed, len(body)


def interleaved(port: int, pages: dict, rounds: int) -> dict:
    """Each round: every page, then the two floors of that page's size — the bare server
    and a trivial Django view requested with the page's headers (cookies, token)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    sizes = {}
    timings, floors, view_floors = ({name: [] for name in pages} for _ in range(3))
    for name, (paths, headers) in pages.items():  # warm-up: one of each, sizes
        _elapsed, sizes[name] = get(connection, paths[0], headers)
        get(connection, f"/__view_floor__/{sizes[name]}", headers)
    for n in range(rounds):
        for name, (paths, headers) in pages.items():
            elapsed, size = get(connection, paths[n % len(paths)], headers)
            timings[name].append(elapsed)
            sizes[name] = max(sizes[name], size)
            floor, _size = get(connection, f"/__floor__/{sizes[name]}", {})
            floors[name].append(floor)
            view_floor, _size = get(connection, f"/__view_floor__/{sizes[name]}", headers)
            view_floors[name].append(view_floor)
    connection.close()

    def p(values, q):
        values = sorted(values)
        return values[max(0, round(q * len(values)) - 1)]

    return {
        name: {
            "p50": statistics.median(timings[name]),
            "p95": p(timings[name], 0.95),
            "floor": statistics.median(floors[name]),
            "view_floor": statistics.median(view_floors[name]),
            "bytes": sizes[name],
        }
        for name in pages
    }


def pages_for(tf_cookie: str, reviewer_cookie: str, token: str) -> dict:
    from apps.portal.selectors import public_proposals
    from apps.proposals.models import PRE_SUBMISSION, Proposal

    rng = random.Random(5)
    public_ids = list(public_proposals().values_list("pk", flat=True)[:2000])
    received = Proposal.objects.exclude(status__in=PRE_SUBMISSION).order_by("-pk")
    staff_ids = list(received.values_list("pk", flat=True)[:2000])
    tf = {"Cookie": tf_cookie}
    reviewer = {"Cookie": reviewer_cookie}
    api = {"Authorization": f"Token {token}"}
    public = {}
    return {
        "staff triage queue": ([f"/proposals/triage/?page={n}" for n in (1, 2, 3)], tf),
        "staff triage similar panel": (["/similarity/triage/"], tf),
        "staff all proposals, filtered": ([f"/proposals/?status=in_review&page={n}" for n in (1, 2)], tf),
        "staff proposal page": ([f"/proposals/{pk}/" for pk in rng.sample(staff_ids, 20)], tf),
        "staff similar panel": ([f"/similarity/proposals/{pk}/" for pk in rng.sample(staff_ids, 20)], tf),
        "reviewer inbox": ([f"/proposals/inbox/?page={n}" for n in (1, 2)], reviewer),
        "API proposal list (token)": ([f"/api/v1/proposals/?page={n}" for n in (1, 2, 3)], api),
        "public list, first page": (["/public/proposals/"], public),
        "public list, filtered": (["/public/proposals/?region=12&outcome=accepted"], public),
        "public search 광역철도": ([f"/public/proposals/?q={SEARCH}"], public),
        "public statistics": (["/public/stats/"], public),
        "public proposal page": ([f"/public/proposals/{pk}/" for pk in rng.sample(public_ids, 20)], public),
    }


def staff_query_counts(tf, reviewer) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for user, paths in (
        (tf, ["/proposals/triage/", "/similarity/triage/", "/proposals/?status=in_review"]),
        (reviewer, ["/proposals/inbox/"]),
    ):
        client = Client()
        client.force_login(user)
        for path in paths:
            client.get(path)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(path).status_code == 200, path
            counts[path] = len(queries)
    return counts


def _walk(node: dict, found: list) -> None:
    """The plan nodes that read proposals: which index, how many rows."""
    if node.get("Relation Name") == "proposals_proposal" or node.get("Index Name", "").startswith("proposal"):
        found.append(
            f"{node['Node Type']}({node.get('Index Name', '')})"
            f" rows={node.get('Actual Rows')}×{node.get('Actual Loops')}"
        )
    for child in node.get("Plans", []):
        _walk(child, found)


def explain(tf, reviewer) -> None:
    """EXPLAIN (ANALYZE, BUFFERS) of the proposal queries of each list (its page of rows
    and its count): the plan's nodes on proposals_proposal, rows read, buffers, time."""
    import re

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    pages = [
        (tf, "/proposals/triage/"),
        (tf, "/proposals/"),
        (tf, "/proposals/?status=in_review"),
        (tf, "/proposals/?region=12"),
        (tf, "/proposals/?outcome=accepted"),
        (tf, "/proposals/?strategy=S1"),
        (tf, "/proposals/?overdue=true"),
        (reviewer, "/proposals/inbox/"),
        (None, "/public/proposals/"),
        (None, "/public/proposals/?region=12"),
        (None, "/public/proposals/?outcome=accepted"),
        (None, "/public/proposals/?department=" + "녹색도시과"),
        (None, "/public/proposals/?year=2025"),
    ]
    for user, path in pages:
        client = Client()
        if user is not None:
            client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        for query in queries.captured_queries:
            sql = query["sql"]
            if 'FROM "proposals_proposal"' not in sql or not re.search(r"COUNT\(|LIMIT 20", sql):
                continue
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql)
                plan = cursor.fetchone()[0][0]
            nodes = []
            _walk(plan["Plan"], nodes)
            kind = "count" if "COUNT(" in sql else "page"
            buffers = plan["Plan"].get("Shared Hit Blocks", 0) + plan["Plan"].get("Shared Read Blocks", 0)
            print(f"{path} [{kind}] {plan['Execution Time']:.1f} ms, {buffers} buffers: {'; '.join(nodes)}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=DEFAULT_DATABASE)
    parser.add_argument("--proposals", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8799)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/14", help="cache and broker of the served run")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--reuse", action="store_true", help="measure the kept database again (no generation)")
    parser.add_argument("--generate-only", action="store_true", help="fill the database and stop (implies --keep)")
    parser.add_argument("--explain", action="store_true", help="print the lists' query plans and stop")
    parser.add_argument("--only", default="", help="only the pages whose name has one of these (comma-separated)")
    args = parser.parse_args()
    if not 0 < args.rounds <= 500 or not 0 < args.proposals <= 100_000:
        parser.error("--rounds must be 1–500 and --proposals 1–100000")
    if not args.reuse:
        recreate_database(args.database_url)
    env = {**os.environ, "DATABASE_URL": args.database_url, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    setup_django(args.database_url)
    os.environ["PORTAL_CACHE_SECONDS"] = "0"
    try:
        run(args)
    finally:
        if not (args.keep or args.reuse or args.generate_only or args.explain):
            from django.db import connections

            connections.close_all()
            drop_database(args.database_url)


def run(args):
    from apps.portal.selectors import public_proposals
    from apps.proposals.models import Proposal

    started = time.monotonic()
    existing = Proposal.objects.count()
    first = min(1000, args.proposals)
    if existing < first:
        generate(first - existing, start=existing)
        extras()
    tf, reviewer, token = people()
    detail_id = public_proposals().values_list("pk", flat=True).first()
    public_paths = {
        "list": "/public/proposals/",
        "detail": f"/public/proposals/{detail_id}/",
        "stats": "/public/stats/",
    }
    small = {**count_queries(public_paths), **staff_query_counts(tf, reviewer)} if existing < first else {}
    existing = Proposal.objects.count()
    if existing < args.proposals:
        generate(args.proposals - existing, seed=8 + existing, start=existing)
        extras()
    print(f"건의과제 {Proposal.objects.count():,}건 / proposals ready in {time.monotonic() - started:.0f}s", flush=True)
    if args.generate_only:
        return
    if args.explain:
        explain(tf, reviewer)
        return
    large = {**count_queries(public_paths), **staff_query_counts(tf, reviewer)}
    print("queries (cache off): " + ", ".join(f"{k} {small.get(k, '?')} → {v}" for k, v in large.items()), flush=True)

    pages = pages_for(session_cookie(tf), session_cookie(reviewer), token)
    if args.only:
        pages = {name: page for name, page in pages.items() if any(part in name for part in args.only.split(","))}
    worker = start_worker(args.database_url, args.redis)
    server = start(args.database_url, args.port, args.workers, args.redis)
    try:
        results = interleaved(args.port, pages, args.rounds)
        memory = web_worker_memory(server)
    finally:
        stop_server(server)
        stop_server(worker)
        forget_cache(args.redis)
    print(f"\nweb workers' resident memory after the run: {', '.join(f'{mb} MB' for mb in memory)}")
    print(f"\n{Proposal.objects.count():,} proposals, gunicorn {args.workers} sync workers, cache off, ")
    print(f"{args.rounds} interleaved rounds (page, then a floor of its size: bare server / trivial Django view), ms")
    print(
        f"| {'page':<34} | {'p50':>7} | {'p95':>7} | {'bytes':>8} | {'floor p50':>9} | {'view floor p50':>14} |"
        f" {'× floor':>7} | {'× view floor':>12} |"
    )
    print(f"|{'-' * 36}|{'-' * 9}|{'-' * 9}|{'-' * 10}|{'-' * 11}|{'-' * 16}|{'-' * 9}|{'-' * 14}|")
    for name, r in results.items():
        print(
            f"| {name:<34} | {r['p50']:7.1f} | {r['p95']:7.1f} | {r['bytes']:8,} | {r['floor']:9.1f} |"
            f" {r['view_floor']:14.1f} | {r['p50'] / r['floor']:7.1f} | {r['p50'] / r['view_floor']:12.1f} |"
        )


if __name__ == "__main__":
    main()
