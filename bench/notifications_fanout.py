"""Notification fan-out benchmark: how fast the outbox writes rows and delivers e-mail.

    .venv/bin/python bench/notifications_fanout.py                 # SQLite (in-memory test DB)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/balance \\
        .venv/bin/python bench/notifications_fanout.py             # PostgreSQL (bench_notifications_fanout DB)
    options: --recipients 1000 --events 10000 --deliveries 2000

It creates a throw-away test database (never touches the real one), then measures:

1. one event (``endorse``) to N recipients (TF staff, digest by default): rows/s written
   inside the event's transaction — the outbox write alone;
2. one event (``resubmit``) to N recipients who want it immediately, with Celery eager
   and the locmem mail backend: rows written and e-mails delivered in-process after
   commit (the same code a worker runs);
3. M events (``decide``, 5 recipients each: region official, vice-governor, liaison, TF
   staff and lead), one transaction each as real requests would be, with the broker
   enqueue stubbed out (counted): events/s and rows/s;
4. the sweep delivering the e-mails left pending by (3): e-mails/s.

Events are written with ``apps.proposals.services.record_event``, the function every
workflow action calls, so the notification path measured is the real one.
"""

import argparse
import datetime
import logging
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core import mail  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import setup_databases, setup_test_environment, teardown_databases  # noqa: E402
from django.urls import reverse  # noqa: E402

LONG_AGO = datetime.date(2020, 1, 1)


def people(role: str, count: int, prefix: str, **scope) -> list:
    from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX

    from apps.accounts.models import ROLE_BODY, Membership, User
    from apps.organisations.models import Body

    users = User.objects.bulk_create(
        [
            User(
                username=f"{prefix}-{n}",
                name=f"{prefix} {n}",
                email=f"{prefix}-{n}@bench.go.kr",
                password=UNUSABLE_PASSWORD_PREFIX,
            )
            for n in range(count)
        ]
    )
    body = Body.objects.filter(code=ROLE_BODY.get(role, "")).first()
    Membership.objects.bulk_create(
        [Membership(user=user, role=role, body=body, valid_from=LONG_AGO, **scope) for user in users]
    )
    return users


def a_proposal(region, author, status, serial: int):
    from apps.proposals.models import Proposal

    return Proposal.objects.create(
        reference=f"2026-{region.code}-{serial:05d}",
        title=f"벤치마크 건의과제 {serial}",
        summary="알림 팬아웃 측정용",
        region=region,
        category="other",
        status=status,
        created_by=author,
    )


def rate(count: int, seconds: float) -> str:
    return f"{count:,} in {seconds:.2f} s = {count / seconds:,.0f}/s" if seconds else f"{count:,}"


def one_event_to_many(recipients: int) -> dict:
    from apps.accounts.models import Membership
    from apps.notifications.models import Notification
    from apps.organisations.models import Region
    from apps.proposals.models import ProposalStatus as S
    from apps.proposals.services import record_event

    region = Region.objects.get(code="51")
    official = people("regional_official", 1, "fan-official", region=region)[0]
    people("tf_staff", recipients, "fan-tf")
    results = {}

    proposal = a_proposal(region, official, S.SUBMITTED, 1)
    started = time.perf_counter()
    with transaction.atomic():
        event = record_event(
            proposal=proposal,
            actor=official,
            action="endorse",
            from_status=S.AWAITING_ENDORSEMENT,
            to_status=S.SUBMITTED,
            payload={"due_at": "2026-12-31"},
        )
    elapsed = time.perf_counter() - started
    rows = Notification.objects.filter(event=event).count()
    results["1 event → recipients (digest: outbox write)"] = rate(rows, elapsed)

    mail.outbox = []
    proposal = a_proposal(region, official, S.SUBMITTED, 2)
    started = time.perf_counter()
    with transaction.atomic():
        event = record_event(
            proposal=proposal,
            actor=official,
            action="resubmit",
            from_status=S.INFO_REQUESTED,
            to_status=S.SUBMITTED,
            payload={},
        )
    elapsed = time.perf_counter() - started  # on_commit ran: every e-mail delivered in-process
    rows = Notification.objects.filter(event=event).count()
    results["1 event → recipients (immediate: write + deliver)"] = (
        f"{rate(rows, elapsed)} rows; {len(mail.outbox):,} e-mails sent"
    )
    # These people leave the TF: the next scenario measures small audiences.
    Membership.objects.filter(user__username__startswith="fan-").update(valid_to=LONG_AGO)
    return results


def many_events(events: int, proposals: int = 100) -> dict:
    from apps.notifications import services
    from apps.notifications.models import Notification
    from apps.organisations.models import Region
    from apps.proposals.models import ProposalStatus as S
    from apps.proposals.services import record_event

    regions = list(Region.objects.filter(code__in=["26", "27", "43", "44", "47"]))
    authors = {}
    for region in regions:
        authors[region.pk] = people("regional_official", 1, f"many-official-{region.code}", region=region)[0]
        people("vice_governor", 1, f"many-vg-{region.code}", region=region)
        people("liaison", 1, f"many-liaison-{region.code}", region=region)
    people("tf_staff", 1, "many-tf")
    people("tf_lead", 1, "many-tflead")
    items = [
        a_proposal(regions[n % len(regions)], authors[regions[n % len(regions)].pk], S.IN_REVIEW, 1000 + n)
        for n in range(proposals)
    ]
    queued = []
    real_enqueue = services.enqueue_delivery
    services.enqueue_delivery = lambda ids: queued.extend(ids)  # the broker, stubbed: count what would go
    before = Notification.objects.count()
    try:
        started = time.perf_counter()
        for n in range(events):
            with transaction.atomic():
                record_event(
                    proposal=items[n % proposals],
                    actor=None,
                    action="decide",
                    from_status=S.IN_REVIEW,
                    to_status=S.DECIDED,
                    payload={"outcome": "accepted", "planned_for": "2027-06-30"},
                )
        elapsed = time.perf_counter() - started
    finally:
        services.enqueue_delivery = real_enqueue
    rows = Notification.objects.count() - before
    return {
        "events (one transaction each)": rate(events, elapsed),
        "rows written by those events": rate(rows, elapsed),
        "deliveries queued (immediate rows)": f"{len(queued):,}",
    }


def sweep(deliveries: int) -> dict:
    from apps.notifications import services
    from apps.notifications.models import EmailState, Notification

    pending = Notification.objects.filter(email_state=EmailState.PENDING)
    target = min(deliveries, pending.count())
    mail.outbox = []
    started = time.perf_counter()
    sent = 0
    while sent < target:
        counts = services.sweep_pending(older_than=datetime.timedelta(0), limit=min(500, target - sent))
        if not counts.get("sent"):
            break
        sent += counts["sent"]
    elapsed = time.perf_counter() - started
    return {"sweep delivering pending e-mails": f"{rate(sent, elapsed)} ({len(mail.outbox):,} in the outbox)"}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=1000)
    parser.add_argument("--events", type=int, default=10000)
    parser.add_argument("--deliveries", type=int, default=2000)
    options = parser.parse_args()

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    logging.disable(logging.INFO)  # Celery logs every eager task at INFO
    connection.settings_dict.setdefault("TEST", {})["NAME"] = (
        None if connection.vendor == "sqlite" else "bench_notifications_fanout"
    )
    setup_test_environment()
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        print(f"database: {connection.vendor} · Celery eager: {settings.CELERY_TASK_ALWAYS_EAGER}")
        reverse("notification-list")  # load the URLconf once, outside the measurements
        results = {}
        results.update(one_event_to_many(options.recipients))
        results.update(many_events(options.events))
        results.update(sweep(options.deliveries))
        width = max(len(name) for name in results)
        for name, value in results.items():
            print(f"{name:<{width}}  {value}")
    finally:
        teardown_databases(databases, verbosity=0)


if __name__ == "__main__":
    main()
