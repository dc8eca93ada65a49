"""How well "similar proposals" finds the same request worded differently.

    .venv/bin/python bench/evaluate_similarity.py                 # SQLite (in-memory test DB)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/balance \\
        .venv/bin/python bench/evaluate_similarity.py             # PostgreSQL (+ pg_trgm if installed)
    options: --pairs bench/similarity_pairs.json --verbose --trigram (PostgreSQL: create pg_trgm first)

It creates a throw-away test database, loads the demo world (``seed_demo``: 63 proposals
of every region and state), adds the labelled pairs' written-out ``b`` proposals to it,
and for each pair asks ``apps.similarity.selectors.similar_to_text`` — what the proposal
form asks as a region drafts ``a`` — for the best matches among *every* proposal (the
asking user sees all regions, drafts included):

- ``same`` pairs: is ``b`` ranked first? (top-1 accuracy, the figure in bench/README.md;
  target ≥ 85 %), in the top 3, and the mean reciprocal rank;
- ``different`` pairs: is ``b`` kept out of first place and under the display threshold
  (``selectors.MIN_SCORE``)?

The same function (``evaluate``) runs on a small set in tests/similarity.
"""

import argparse
import dataclasses
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

PAIRS = ROOT / "bench" / "similarity_pairs.json"


@dataclasses.dataclass
class Outcome:
    pair_id: str
    label: str
    rank: int | None  # 1-based rank of b among the matches, None if not among them
    score: float  # b's score (0 if not matched)
    top: str  # the title ranked first


@dataclasses.dataclass
class Report:
    outcomes: list[Outcome]
    min_score: float

    def _of(self, label):
        return [o for o in self.outcomes if o.label == label]

    @property
    def top1(self) -> float:
        same = self._of("same")
        return sum(o.rank == 1 for o in same) / len(same) if same else 0.0

    @property
    def top3(self) -> float:
        same = self._of("same")
        return sum(o.rank is not None and o.rank <= 3 for o in same) / len(same) if same else 0.0

    @property
    def mrr(self) -> float:
        same = self._of("same")
        return sum(1 / o.rank for o in same if o.rank) / len(same) if same else 0.0

    @property
    def same_shown(self) -> float:
        same = self._of("same")
        return sum(o.score >= self.min_score for o in same) / len(same) if same else 0.0

    @property
    def different_not_first(self) -> float:
        different = self._of("different")
        return sum(o.rank != 1 for o in different) / len(different) if different else 1.0

    @property
    def different_below_threshold(self) -> float:
        different = self._of("different")
        return sum(o.score < self.min_score for o in different) / len(different) if different else 1.0

    def lines(self) -> list[str]:
        same, different = self._of("same"), self._of("different")
        return [
            f"same pairs: {len(same)}, different pairs: {len(different)}",
            f"top-1 accuracy (true duplicate ranked first): {self.top1:.1%}",
            f"top-3: {self.top3:.1%}   MRR: {self.mrr:.3f}   shown (score ≥ {self.min_score}): {self.same_shown:.1%}",
            f"different pairs: b not first {self.different_not_first:.1%}, "
            f"b under the display threshold {self.different_below_threshold:.1%}",
        ]


def load_pairs(path: Path = PAIRS) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["pairs"]


def evaluation_user():
    """Someone who sees every proposal: an official of every region who is also TF."""
    from apps.accounts.models import ROLE_BODY, Membership, Role, User
    from apps.organisations.models import Body, Region

    user, _ = User.objects.get_or_create(username="similarity-evaluator", defaults={"name": "평가자"})
    body = Body.objects.filter(code=ROLE_BODY.get(Role.REGIONAL_OFFICIAL, "")).first()
    for region in Region.objects.all():
        Membership.objects.get_or_create(user=user, role=Role.REGIONAL_OFFICIAL, region=region, defaults={"body": body})
    Membership.objects.get_or_create(
        user=user, role=Role.TF_STAFF, defaults={"body": Body.objects.filter(code=ROLE_BODY[Role.TF_STAFF]).first()}
    )
    return User.objects.get(pk=user.pk)


def add_written_proposals(pairs: list[dict]) -> dict[str, int]:
    """The ``b`` sides written out in the pairs file become proposals (drafts of their
    region, through ``proposal_create`` so they are indexed as any new proposal)."""
    from apps.accounts.models import Role
    from apps.organisations.models import Region
    from apps.proposals.services import proposal_create
    from tests.factories import member

    authors = {}
    ids = {}
    for pair in pairs:
        side = pair["b"]
        if "demo" in side:
            continue
        region = Region.objects.get(code=side["region"])
        if region.code not in authors:
            authors[region.code] = member(Role.REGIONAL_OFFICIAL, region=region)
        proposal = proposal_create(
            actor=authors[region.code],
            region=region,
            title=side["title"],
            summary=side["summary"],
            requested_action=side.get("requested_action", ""),
            category=side.get("category", "other"),
        )
        ids[pair["id"]] = proposal.pk
    return ids


def evaluate(
    pairs: list[dict],
    *,
    user=None,
    written: dict[str, int] | None = None,
    verbose: bool = False,
    limit: int = 10,
    title_only: bool = False,
) -> Report:
    """Rank every pair's ``a`` against the database as it is (demo world loaded by the
    caller). ``written``: the ids of the written-out ``b`` sides if already added
    (``add_written_proposals``), else they are added now. ``title_only``: query with
    ``a``'s title alone, as the proposal form does while only the title is typed."""
    from apps.proposals.models import Proposal
    from apps.similarity.selectors import MIN_SCORE, similar_to_text

    user = user or evaluation_user()
    written = add_written_proposals(pairs) if written is None else written
    outcomes = []
    for pair in pairs:
        side = pair["b"]
        if "demo" in side:
            target = Proposal.objects.filter(title=side["demo"]).values_list("pk", flat=True).first()
            if target is None:
                raise SystemExit(f"{pair['id']}: no demo proposal titled {side['demo']!r}")
        else:
            target = written[pair["id"]]
        a = pair["a"]
        matches = similar_to_text(
            user,
            title=a["title"],
            summary="" if title_only else a.get("summary", ""),
            requested_action="" if title_only else a.get("requested_action", ""),
            limit=limit,
            min_score=0.0,
        )
        ranked = [m.proposal.pk for m in matches]
        rank = ranked.index(target) + 1 if target in ranked else None
        score = next((m.score for m in matches if m.proposal.pk == target), 0.0)
        top = matches[0].proposal.title if matches else ""
        outcomes.append(Outcome(pair["id"], pair["label"], rank, score, top))
        if verbose:
            wrong = (pair["label"] == "same") != (rank == 1)
            mark = "✗" if wrong else "✓"
            shared = ", ".join(matches[0].shared_terms) if matches else ""
            print(f"{mark} {pair['label']:<9} {pair['id']:<20} rank={rank} score={score:.3f} top={top} [{shared}]")
    return Report(outcomes, MIN_SCORE)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", type=Path, default=PAIRS)
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--trigram", action="store_true", help="PostgreSQL: CREATE EXTENSION pg_trgm first")
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_databases, setup_test_environment, teardown_databases

    setup_test_environment()
    # Never the test suite's database: a run of the suite may be going on meanwhile.
    connection.settings_dict.setdefault("TEST", {})["NAME"] = (
        None if connection.vendor == "sqlite" else "bench_similarity"
    )
    databases = setup_databases(verbosity=0, interactive=False, aliases=["default"], serialized_aliases=set())
    try:
        if args.trigram and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        started = time.perf_counter()
        from apps.demo.proposals import seed_demo_proposals

        with open(os.devnull, "w") as quiet:
            # The demo people and proposals (not the rest of the demo world: meetings…).
            call_command("seed_demo", "--without-proposals", stdout=quiet)
        seed_demo_proposals()
        print(f"demo world loaded in {time.perf_counter() - started:.1f} s ({connection.vendor})")
        from apps.similarity.selectors import trigram_available

        print(f"pg_trgm in use: {trigram_available()}")
        pairs = load_pairs(args.pairs)
        started = time.perf_counter()
        written = add_written_proposals(pairs)
        report = evaluate(pairs, written=written, verbose=args.verbose)
        elapsed = time.perf_counter() - started
        print("— title, summary and requested action (a finished draft, the triage queue):")
        for line in report.lines():
            print("  " + line)
        print(
            f"  {len(pairs)} queries in {elapsed:.2f} s ({elapsed / len(pairs) * 1000:.0f} ms each, incl. indexing b)"
        )
        print("— title alone (the form while only the title is typed):")
        for line in evaluate(pairs, written=written, title_only=True, verbose=args.verbose).lines():
            print("  " + line)
    finally:
        teardown_databases(databases, verbosity=0)


if __name__ == "__main__":
    main()
