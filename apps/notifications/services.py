"""Writes of notifications: the outbox, e-mail delivery, digests, reminders, read marks.

The outbox: ``notify`` writes one row per recipient inside the caller's transaction and
asks for delivery only after commit (``deliver.delay_on_commit``). If the broker is down
the enqueue fails quietly (``tasks.OutboxTask``) and the row stays ``pending``; the
per-minute sweep delivers it later. ``deliver_email`` is the only thing that sends an
immediate e-mail: it locks the row (``SKIP LOCKED``), sends only a ``pending`` one and
marks it ``sent`` in the same transaction — a task run twice, or a task racing the sweep,
sends one e-mail.
"""

import dataclasses
import datetime
import logging
from collections import Counter

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation

from apps.core.business_days import add_business_days, business_days_between, is_business_day
from apps.proposals.deadlines import service_days
from apps.proposals.models import Outcome, Proposal, ProposalEvent, ServiceLevel
from apps.proposals.models import ProposalStatus as S
from apps.proposals.registry import ACTIONS
from apps.proposals.selectors import DUE_SOON_BUSINESS_DAYS, with_deadline_flags
from apps.proposals.timeline import recipient_may_read_note

from . import emails, followup_reminders, messages, recipients
from .models import Channel, Digest, EmailState, Kind, Notification, NotificationPreference
from .preferences import channels_for

logger = logging.getLogger(__name__)
User = get_user_model()

MAX_EMAIL_ATTEMPTS = getattr(settings, "NOTIFICATIONS_MAX_EMAIL_ATTEMPTS", 6)
# The sweep leaves fresh rows to their own task: it takes what is still pending after this.
SWEEP_AFTER = datetime.timedelta(minutes=getattr(settings, "NOTIFICATIONS_SWEEP_AFTER_MINUTES", 2))
SWEEP_BATCH = getattr(settings, "NOTIFICATIONS_SWEEP_BATCH", 500)
RETRY_BASE_SECONDS = 60
RETRY_MAX_SECONDS = 3600
INTERIM_REPEAT_DAYS = 30
BULK_BATCH = 1000


def retry_delay(attempts: int) -> int:
    """Seconds before the next e-mail attempt: 1, 2, 4 … minutes, at most an hour."""
    return min(RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0), RETRY_MAX_SECONDS)


# --- the outbox --------------------------------------------------------------------------


def enqueue_delivery(notification_ids) -> None:
    """Ask a worker to e-mail each row once the current transaction commits."""
    from .tasks import deliver

    for pk in notification_ids:
        deliver.delay_on_commit(notification_id=pk)


def _initial_state(channel: str, email: str) -> str:
    if channel == Channel.OFF or not email:
        return EmailState.SKIPPED
    return EmailState.DIGEST if channel == Channel.DIGEST else EmailState.PENDING


@transaction.atomic
def notify(
    *,
    kind: str,
    people: dict[int, recipients.Recipient],
    occasion_key: str,
    title: str,
    body: str = "",
    url: str = "",
    proposal: Proposal | None = None,
    event: ProposalEvent | None = None,
    target=None,
    fresh: bool = False,
    params: dict | None = None,
) -> int:
    """Write one notification of ``kind`` per person in ``people`` for ``occasion_key``.

    People who already have one for this occasion are skipped, so running it twice
    (a rerun of a reminder) writes nothing new. ``fresh``: the occasion was created in
    this very transaction (a new event), so nobody can have it yet — two queries fewer.
    Immediate e-mails are queued after commit. Returns how many rows were written.
    Other apps (meetings, comments) call this with ``recipients.recipients_of_users(...)``
    and their own ``target``. ``params``: the kind's parameters, from which
    ``messages.render`` writes the text in the reader's language (``title``/``body`` stay as
    the stored fallback).
    """
    if not people:
        return 0
    existing = (
        set()
        if fresh
        else set(
            Notification.objects.filter(occasion_key=occasion_key, kind=kind).values_list("recipient_id", flat=True)
        )
    )
    new = {user_id: person for user_id, person in people.items() if user_id not in existing}
    if not new:
        return 0
    channels = channels_for(kind, {user_id: person.roles for user_id, person in new.items()})
    target_type = ContentType.objects.get_for_model(target) if target is not None else None
    rows = [
        Notification(
            recipient_id=user_id,
            kind=kind,
            proposal=proposal,
            event=event,
            target_type=target_type,
            target_id=target.pk if target is not None else None,
            occasion_key=occasion_key,
            params=params or {},
            title=title,
            body=body,
            url=url,
            email_state=_initial_state(channels[user_id], person.email),
        )
        for user_id, person in new.items()
    ]
    if fresh:
        Notification.objects.bulk_create(rows, batch_size=BULK_BATCH)
        pending = [row.pk for row in rows if row.email_state == EmailState.PENDING]
    else:
        # A concurrent run may have written some meanwhile: the unique constraint keeps
        # one, and the rows' ids are then unknown, so read back what waits for e-mail.
        Notification.objects.bulk_create(rows, batch_size=BULK_BATCH, ignore_conflicts=True)
        pending = []
        if any(row.email_state == EmailState.PENDING for row in rows):
            pending = list(
                Notification.objects.filter(
                    occasion_key=occasion_key, kind=kind, email_state=EmailState.PENDING
                ).values_list("pk", flat=True)
            )
    enqueue_delivery(pending)
    return len(rows)


def notify_proposal_event(sender, event: ProposalEvent, **kwargs) -> int:
    """``proposal_event_created`` receiver: runs inside the event's transaction. Who hears
    of it is the kind's (``recipients.KIND_RECIPIENTS``); which kind, the registry's."""
    spec = ACTIONS.get(event.action)
    kind = spec.notifies if spec is not None else None
    if kind is None:
        return 0
    people = recipients.resolve(recipients.KIND_RECIPIENTS[kind](event), exclude_user_id=event.actor_id)
    # Those who may read the note get it quoted; the others the same text without it.
    by_quote: dict[bool, dict] = {True: {}, False: {}}
    for user_id, person in people.items():
        by_quote[recipient_may_read_note(event, person.roles)][user_id] = person
    written = 0
    for quote_note, group in by_quote.items():
        if not group:
            continue
        with translation.override(settings.LANGUAGE_CODE):  # the stored fallback: Korean
            title = messages.title_for(kind, event.proposal)
            body = messages.event_body(kind, event, quote_note=quote_note)
        written += notify(
            kind=kind,
            people=group,
            occasion_key=f"event:{event.pk}",
            title=title,
            body=body,
            url=messages.event_url(kind, event),
            proposal=event.proposal,
            event=event,
            fresh=True,
            params=messages.event_params(event, quote_note=quote_note),
        )
    return written


# --- e-mail delivery ----------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Delivery:
    status: str  # sent | failed | retry | skipped | done | busy
    retry_in: int | None = None


def deliver_email(*, notification_id: int) -> Delivery:
    """Send the immediate e-mail of one notification, at most once.

    ``busy``: gone, or another worker holds it right now (it will finish the job);
    ``done``: not pending any more (already sent, failed for good, skipped, digest);
    ``retry``: the send failed, the row stays pending with ``next_attempt_at``;
    ``failed``: the last allowed attempt failed (visible in the admin).
    """
    now = timezone.now()
    with transaction.atomic():
        notification = Notification.objects.select_for_update(skip_locked=True).filter(pk=notification_id).first()
        if notification is None:
            return Delivery("busy")
        if notification.email_state != EmailState.PENDING:
            return Delivery("done")
        recipient = User.objects.get(pk=notification.recipient_id)
        if not recipient.email or not recipient.is_active:
            notification.email_state = EmailState.SKIPPED
            notification.save(update_fields=["email_state"])
            return Delivery("skipped")
        notification.email_attempts += 1
        try:
            emails.send_notification_email(notification, recipient)
        except Exception as error:  # SMTP, network, template: record it, retry later
            notification.last_error = f"{type(error).__name__}: {error}"[:2000]
            if notification.email_attempts >= MAX_EMAIL_ATTEMPTS:
                notification.email_state = EmailState.FAILED
                notification.next_attempt_at = None
                result = Delivery("failed")
            else:
                delay = retry_delay(notification.email_attempts)
                notification.next_attempt_at = now + datetime.timedelta(seconds=delay)
                result = Delivery("retry", retry_in=delay)
            notification.save(update_fields=["email_attempts", "last_error", "email_state", "next_attempt_at"])
            logger.warning(
                "notification %s: e-mail attempt %s failed: %s",
                notification.pk,
                notification.email_attempts,
                notification.last_error,
            )
            return result
        notification.email_state = EmailState.SENT
        notification.sent_at = timezone.now()
        notification.last_error = ""
        notification.next_attempt_at = None
        notification.save(update_fields=["email_attempts", "email_state", "sent_at", "last_error", "next_attempt_at"])
        return Delivery("sent")


def pending_for_sweep(*, now: datetime.datetime | None = None, older_than: datetime.timedelta | None = None):
    """Rows still pending a while after they were written, whose retry time has come."""
    now = now or timezone.now()
    cutoff = now - (SWEEP_AFTER if older_than is None else older_than)
    return (
        Notification.objects.filter(email_state=EmailState.PENDING, created_at__lte=cutoff)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .order_by("created_at", "pk")
    )


def sweep_pending(*, older_than: datetime.timedelta | None = None, limit: int = SWEEP_BATCH) -> dict[str, int]:
    """Deliver what the broker or a worker left behind (run every minute by beat)."""
    ids = list(pending_for_sweep(older_than=older_than).values_list("pk", flat=True)[:limit])
    return dict(Counter(deliver_email(notification_id=pk).status for pk in ids))


def requeue(notification_ids) -> int:
    """Operators: try failed (or stuck) e-mails again from scratch."""
    with transaction.atomic():
        retryable = [EmailState.FAILED, EmailState.PENDING]
        count = Notification.objects.filter(pk__in=list(notification_ids), email_state__in=retryable).update(
            email_state=EmailState.PENDING, email_attempts=0, next_attempt_at=None, last_error=""
        )
        enqueue_delivery(list(notification_ids))
    return count


# --- the daily digest ---------------------------------------------------------------------


def waiting_for_digest(before: datetime.datetime):
    return Notification.objects.filter(email_state=EmailState.DIGEST, digest__isnull=True, created_at__lt=before)


def send_digest(*, user_id: int, on: datetime.date, before: datetime.datetime) -> Digest | None:
    """One e-mail to one person grouping their digest notifications written before
    ``before`` and not yet in a digest. At most one per person and date: a second run
    finds the day's ``Digest`` sent and does nothing. A failed send rolls back."""
    with transaction.atomic():
        digest, _created = Digest.objects.select_for_update().get_or_create(recipient_id=user_id, date=on)
        if digest.sent_at is not None:
            return None
        items = list(
            waiting_for_digest(before)
            .select_for_update(of=("self",))
            .filter(recipient_id=user_id)
            .select_related("proposal")
            .order_by("kind", "created_at", "pk")
        )
        user = User.objects.get(pk=user_id)
        if not items or not user.email or not user.is_active:
            if items:
                Notification.objects.filter(pk__in=[n.pk for n in items]).update(email_state=EmailState.SKIPPED)
            digest.delete()
            return None
        emails.send_digest_email(user, items, on)
        now = timezone.now()
        Notification.objects.filter(pk__in=[n.pk for n in items]).update(digest=digest, sent_at=now)
        digest.item_count, digest.sent_at = len(items), now
        digest.save(update_fields=["item_count", "sent_at"])
        return digest


def send_daily_digests(*, on: datetime.date | None = None) -> dict[str, int]:
    """Every person's digest for ``on`` (today in Seoul); nothing on weekends and Korean
    holidays — what waits is sent the next business day."""
    on = on or timezone.localdate()
    if not is_business_day(on):
        return {"holiday": 1}
    before = timezone.now()
    counts: Counter = Counter()
    user_ids = waiting_for_digest(before).order_by("recipient_id").values_list("recipient_id", flat=True).distinct()
    for user_id in list(user_ids):
        try:
            counts["sent" if send_digest(user_id=user_id, on=on, before=before) else "none"] += 1
        except Exception:  # one person's mail server must not stop everyone's digest
            logger.exception("digest for user %s on %s failed", user_id, on)
            counts["failed"] += 1
    return dict(counts)


# --- reminders and escalation ---------------------------------------------------------------


def business_days_back(end: datetime.date, days: int) -> datetime.date:
    """The latest date ``d`` with ``business_days_between(d, end) == days``."""
    day, remaining = end, days
    while remaining > 0:
        if is_business_day(day):
            remaining -= 1
        day -= datetime.timedelta(days=1)
    return day


def _remind(kind: str, proposal: Proposal, occasion_key: str, **context) -> int:
    audience = recipients.REMINDER_RECIPIENTS[kind](proposal)
    people = recipients.resolve(audience)
    if not people:
        return 0
    sent = messages.reminder_params(proposal, **context)
    with translation.override(settings.LANGUAGE_CODE):  # the stored fallback: Korean
        title, body = messages.title_for(kind, proposal), messages.reminder_body(kind, proposal, sent=sent)
    return notify(
        kind=kind,
        people=people,
        occasion_key=occasion_key,
        title=title,
        body=body,
        url=messages.proposal_url(proposal),
        proposal=proposal,
        params={"renderer": "reminder", **sent},
    )


def interim_candidates(on: datetime.date):
    """Reviews assigned at least the interim-notice service level (business days) ago."""
    cutoff = business_days_back(on, service_days(ServiceLevel.Stage.INTERIM_NOTICE))
    next_day = cutoff + datetime.timedelta(days=1)
    start_of_next_day = timezone.make_aware(datetime.datetime.combine(next_day, datetime.time.min))
    return Proposal.objects.filter(
        status__in=(S.ASSIGNED, S.IN_REVIEW), assigned_at__lt=start_of_next_day
    ).select_related("region", "lead_department")


def interim_occasion(proposal: Proposal, on: datetime.date) -> str:
    """First notice once the review ran ``interim_notice`` business days, then one every
    30 days; a reassignment starts a new cycle."""
    assigned = timezone.localdate(proposal.assigned_at)
    first = add_business_days(assigned, service_days(ServiceLevel.Stage.INTERIM_NOTICE))
    return f"interim:{proposal.pk}:{assigned.isoformat()}:{max((on - first).days, 0) // INTERIM_REPEAT_DAYS}"


def send_deadline_reminders(*, on: datetime.date | None = None) -> dict[str, int]:
    """Due soon, overdue (+ escalation to the TF lead), interim notices and re-review
    reminders for ``on`` (today in Seoul). Skips weekends and holidays; each occasion is
    notified once, so reruns and the next business day add only what is new."""
    on = on or timezone.localdate()
    if not is_business_day(on):
        return {"holiday": 1}
    counts: Counter = Counter()
    flagged = with_deadline_flags(Proposal.objects.select_related("region", "lead_department"), on)
    for proposal in flagged.filter(is_due_soon=True).order_by("due_at", "pk"):
        key = f"due_soon:{proposal.pk}:{proposal.due_at.isoformat()}"
        days = business_days_between(on, proposal.due_at)
        counts[Kind.DUE_SOON] += _safely(_remind, Kind.DUE_SOON, proposal, key, business_days=days)
    for proposal in flagged.filter(is_overdue=True).order_by("due_at", "pk"):
        days = business_days_between(proposal.due_at, on)
        due = proposal.due_at.isoformat()
        for kind in (Kind.OVERDUE, Kind.ESCALATED):
            counts[kind] += _safely(_remind, kind, proposal, f"{kind}:{proposal.pk}:{due}", business_days=days)
    for proposal in interim_candidates(on).order_by("assigned_at", "pk"):
        counts[Kind.INTERIM_NOTICE] += _safely(_remind, Kind.INTERIM_NOTICE, proposal, interim_occasion(proposal, on))
    soon = add_business_days(on, DUE_SOON_BUSINESS_DAYS)
    rereviews = Proposal.objects.filter(status=S.DECIDED, outcome=Outcome.LONG_TERM, rereview_at__lte=soon)
    for proposal in rereviews.select_related("region", "lead_department").order_by("rereview_at", "pk"):
        key = f"rereview_due:{proposal.pk}:{proposal.rereview_at.isoformat()}"
        counts[Kind.REREVIEW_DUE] += _safely(_remind, Kind.REREVIEW_DUE, proposal, key)
    counts.update(followup_reminders.milestone_reminders(on))
    counts.update(followup_reminders.consultation_reminders(on))
    return {str(kind): count for kind, count in counts.items() if count}


def _safely(function, *args, **kwargs) -> int:
    """One proposal's failure must not stop the others' reminders."""
    try:
        return function(*args, **kwargs)
    except Exception:
        logger.exception("reminder %s failed", args[:1])
        return 0


# --- the in-app centre ----------------------------------------------------------------------


def mark_read(*, user, notification: Notification) -> Notification:
    if notification.recipient_id != user.pk:
        raise PermissionError("not the recipient")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=notification.read_at)
    return notification


def mark_all_read(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


@transaction.atomic
def set_preferences(*, user, channels: dict[str, str]) -> None:
    """Store the person's choice for every kind given (explicitly, even if it equals the
    default: a later change of role default does not override what they chose)."""
    for kind, channel in channels.items():
        if kind not in Kind.values or channel not in Channel.values:
            raise ValueError(f"unknown kind or channel: {kind}={channel}")
        NotificationPreference.objects.update_or_create(user=user, kind=kind, defaults={"channel": channel})
