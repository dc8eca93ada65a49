"""Celery tasks of the notifications outbox; thin wrappers over ``services``.

Schedule (settings.CELERY_BEAT_SCHEDULE): ``notifications.sweep_pending`` every minute,
``notifications.deadline_reminders`` at 07:30 and ``notifications.daily_digest`` at 08:00
Asia/Seoul (both skip weekends and Korean holidays themselves).

Enqueueing never fails a request: ``OutboxTask.apply_async`` swallows broker errors
(the row is already committed as ``pending`` and the sweep will deliver it).
"""

import datetime
import logging

import kombu.exceptions
import redis.exceptions
from celery import shared_task
from celery.contrib.django.task import DjangoTask
from django.conf import settings

from . import services

logger = logging.getLogger(__name__)

BROKER_ERRORS = (kombu.exceptions.OperationalError, redis.exceptions.ConnectionError, ConnectionError, OSError)
# Fail fast when the broker is down: the request that caused the notification waits on this.
PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
DELIVER_SOFT_TIME_LIMIT = getattr(settings, "NOTIFICATIONS_DELIVER_SOFT_TIME_LIMIT", 50)
DELIVER_TIME_LIMIT = getattr(settings, "NOTIFICATIONS_DELIVER_TIME_LIMIT", 60)
BATCH_SOFT_TIME_LIMIT = getattr(settings, "NOTIFICATIONS_BATCH_SOFT_TIME_LIMIT", 240)
BATCH_TIME_LIMIT = getattr(settings, "NOTIFICATIONS_BATCH_TIME_LIMIT", 300)


class OutboxTask(DjangoTask):
    """A task whose database row is the source of truth: if it cannot be queued, log it
    and carry on — the periodic sweep picks the row up once the broker is back."""

    def apply_async(self, args=None, kwargs=None, **options):
        options.setdefault("retry_policy", PUBLISH_RETRY_POLICY)
        try:
            return super().apply_async(args, kwargs, **options)
        except BROKER_ERRORS as error:
            logger.warning("broker unavailable, %s left for the sweep (%s): %s", self.name, kwargs, error)
            return None


@shared_task(
    name="notifications.deliver",
    bind=True,
    base=OutboxTask,
    ignore_result=True,
    acks_late=True,
    max_retries=services.MAX_EMAIL_ATTEMPTS,
    soft_time_limit=DELIVER_SOFT_TIME_LIMIT,
    time_limit=DELIVER_TIME_LIMIT,
)
def deliver(self, *, notification_id: int) -> str:
    """E-mail one notification if it is still pending; idempotent.

    On failure the row records the error and stays pending; a real worker retries with
    exponential backoff (1, 2, 4 … minutes), an in-process (eager) run leaves the retry
    to the sweep so that the request that caused it is never held up or failed.
    """
    result = services.deliver_email(notification_id=notification_id)
    if result.status == "retry" and not self.request.is_eager:
        raise self.retry(countdown=result.retry_in, max_retries=services.MAX_EMAIL_ATTEMPTS)
    return result.status


@shared_task(
    name="notifications.sweep_pending",
    bind=True,
    base=OutboxTask,
    ignore_result=True,
    soft_time_limit=BATCH_SOFT_TIME_LIMIT,
    time_limit=BATCH_TIME_LIMIT,
)
def sweep_pending(self, *, older_than_seconds: int | None = None, limit: int = services.SWEEP_BATCH) -> dict:
    """Deliver notifications still pending after a few minutes (broker or worker was down)."""
    older_than = datetime.timedelta(seconds=older_than_seconds) if older_than_seconds is not None else None
    return services.sweep_pending(older_than=older_than, limit=limit)


@shared_task(
    name="notifications.daily_digest",
    bind=True,
    base=OutboxTask,
    ignore_result=True,
    max_retries=3,
    soft_time_limit=BATCH_SOFT_TIME_LIMIT * 2,
    time_limit=BATCH_TIME_LIMIT * 2,
)
def daily_digest(self, *, on: str | None = None) -> dict:
    """Each person's digest e-mail for ``on`` (ISO date; today in Seoul by default).
    Sent digests are recorded per person and date, so a retry only sends what failed."""
    counts = services.send_daily_digests(on=datetime.date.fromisoformat(on) if on else None)
    if counts.get("failed") and not self.request.is_eager:
        raise self.retry(countdown=600)
    return counts


@shared_task(
    name="notifications.deadline_reminders",
    bind=True,
    base=OutboxTask,
    ignore_result=True,
    soft_time_limit=BATCH_SOFT_TIME_LIMIT,
    time_limit=BATCH_TIME_LIMIT,
)
def deadline_reminders(self, *, on: str | None = None) -> dict:
    """Due soon / overdue / escalation / interim notice / re-review reminders, once per occasion."""
    return services.send_deadline_reminders(on=datetime.date.fromisoformat(on) if on else None)


@shared_task(name="notifications.follow_confirmation", bind=True, base=OutboxTask, ignore_result=True)
def follow_confirmation(self, follow_id: int) -> None:
    """The double opt-in e-mail of an anonymous follower (issue 17)."""
    from .follows import send_confirmation

    send_confirmation(follow_id)


@shared_task(name="notifications.mail_followers", bind=True, base=OutboxTask, ignore_result=True)
def mail_followers(self, event_id: int) -> int:
    """A public event to the confirmed e-mail followers of its proposal (issue 17)."""
    from .follows import mail_email_followers

    return mail_email_followers(event_id)
