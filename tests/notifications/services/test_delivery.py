"""The outbox: rows written with the event, e-mail sent once after commit, never lost
when the broker is down, retried with backoff, failures visible."""

import datetime
import smtplib
from unittest import mock
from urllib.parse import urlsplit

import pytest
import time_machine
from celery.app.task import Task
from celery.exceptions import Retry
from django.conf import settings
from django.core import mail
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from apps.notifications import services, tasks
from apps.notifications.models import Channel, EmailState, Kind, Notification, NotificationPreference
from apps.proposals.models import ProposalEvent
from apps.proposals.models import ProposalStatus as S
from tests.proposals.support import fire, proposal_in

pytestmark = pytest.mark.django_db
HOST = urlsplit(settings.SITE_URL).hostname


def info_request(cast, proposal, capture, execute=True):
    """Fire request_info (→ 강원 official and vice-governor, both immediate by default).

    The rows of the events that built ``proposal`` never saw a commit here: count them
    as delivered, so that only this event's rows are pending."""
    Notification.objects.filter(email_state=EmailState.PENDING).update(email_state=EmailState.SENT)
    with capture(execute=execute):
        return fire(cast, proposal, "tf_staff", "request_info", note="예산 산출 근거를 보완해 주세요.")


def test_an_event_writes_its_notifications_in_the_same_transaction(cast, django_capture_on_commit_callbacks):
    proposal = proposal_in(cast, S.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        fire(cast, proposal, "tf_staff", "request_info", note="보완")
        # Inside the transaction the rows already exist, pending; nothing is sent yet.
        rows = Notification.objects.filter(kind=Kind.INFO_REQUESTED)
        assert rows.count() == 2
        assert set(rows.values_list("email_state", flat=True)) == {EmailState.PENDING}
    assert mail.outbox == []
    # One delivery per immediate row, queued for after commit.
    assert len([c for c in callbacks if "deliver" in repr(c)]) == 2


def test_a_rolled_back_action_leaves_no_notification(cast):
    proposal = proposal_in(cast, S.SUBMITTED)
    before = Notification.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        fire(cast, proposal, "tf_staff", "request_info", note="보완")
        raise RuntimeError("the request fails after the event")
    assert Notification.objects.count() == before


def test_if_notifications_cannot_be_written_the_action_is_not_done_either(cast):
    proposal = proposal_in(cast, S.SUBMITTED)
    events = ProposalEvent.objects.count()
    with mock.patch.object(services, "notify", side_effect=RuntimeError("db down")), pytest.raises(RuntimeError):
        fire(cast, proposal, "tf_staff", "request_info", note="보완")
    assert ProposalEvent.objects.count() == events
    proposal.refresh_from_db()
    assert proposal.status == S.SUBMITTED


def test_after_commit_each_recipient_gets_one_korean_email_with_a_link(
    cast, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://balance.example.go.kr"
    proposal = info_request(cast, proposal_in(cast, S.SUBMITTED), django_capture_on_commit_callbacks)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [cast.people["official"].email, cast.people["vice_governor"].email]
    )
    message = mail.outbox[0]
    assert message.subject.startswith("[균형발전 소통창구] [")
    assert "보완 요청" in message.subject and proposal.title in message.subject
    assert "예산 산출 근거를 보완해 주세요." in message.body
    link = f"https://balance.example.go.kr/proposals/{proposal.pk}/"
    assert link in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="{link}"' in html and "바로 가기" in html and 'lang="ko"' in html
    assert "https://balance.example.go.kr/notifications/preferences/" in html
    rows = Notification.objects.filter(kind=Kind.INFO_REQUESTED)
    assert set(rows.values_list("email_state", flat=True)) == {EmailState.SENT}
    assert all(row.sent_at and row.email_attempts == 1 for row in rows)


def test_deliver_run_twice_sends_one_email(cast, django_capture_on_commit_callbacks):
    info_request(cast, proposal_in(cast, S.SUBMITTED), django_capture_on_commit_callbacks, execute=False)
    row = Notification.objects.filter(kind=Kind.INFO_REQUESTED).first()
    assert tasks.deliver.delay(notification_id=row.pk).get() == "sent"
    assert tasks.deliver.delay(notification_id=row.pk).get() == "done"
    assert tasks.deliver.apply(kwargs={"notification_id": row.pk}).get() == "done"
    assert len(mail.outbox) == 1
    row.refresh_from_db()
    assert row.email_attempts == 1


def test_deliver_of_a_row_that_is_gone_does_nothing(db):
    assert tasks.deliver.delay(notification_id=987654).get() == "busy"
    assert mail.outbox == []


def test_broker_down_the_action_succeeds_the_row_waits_and_the_sweep_sends_it_once(
    cast, django_capture_on_commit_callbacks, caplog
):
    proposal = proposal_in(cast, S.SUBMITTED)
    refused = OperationalError("Error 111 connecting to 127.0.0.1:6399. Connection refused.")
    with mock.patch.object(Task, "apply_async", side_effect=refused) as enqueue:
        proposal = info_request(cast, proposal, django_capture_on_commit_callbacks)
    assert enqueue.call_count == 2, "each delivery was attempted and refused"
    assert proposal.status == S.INFO_REQUESTED
    rows = Notification.objects.filter(kind=Kind.INFO_REQUESTED)
    assert set(rows.values_list("email_state", flat=True)) == {EmailState.PENDING}
    assert mail.outbox == []
    assert "left for the sweep" in caplog.text

    waiting = 2
    # Fresh rows are left to their own task for a while …
    assert tasks.sweep_pending.delay().get() == {}
    # … then the sweep (every minute) delivers each exactly once.
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=3), tick=False):
        assert tasks.sweep_pending.delay().get() == {"sent": waiting}
        assert tasks.sweep_pending.delay().get() == {}
    assert len(mail.outbox) == waiting
    assert set(rows.values_list("email_state", flat=True)) == {EmailState.SENT}
    info_mails = [m for m in mail.outbox if "보완 요청" in m.subject]
    assert sorted(m.to[0] for m in info_mails) == sorted(
        [cast.people["official"].email, cast.people["vice_governor"].email]
    )


def test_the_sweep_and_a_late_task_together_still_send_once(cast, django_capture_on_commit_callbacks):
    info_request(cast, proposal_in(cast, S.SUBMITTED), django_capture_on_commit_callbacks, execute=False)
    ids = list(Notification.objects.filter(kind=Kind.INFO_REQUESTED).values_list("pk", flat=True))
    services.sweep_pending(older_than=datetime.timedelta(0))
    for pk in ids:  # the broker comes back and delivers the original messages late
        tasks.deliver.delay(notification_id=pk)
    assert len([m for m in mail.outbox if "보완 요청" in m.subject]) == 2


def test_a_failed_send_is_recorded_and_retried_with_backoff(cast, django_capture_on_commit_callbacks):
    proposal = proposal_in(cast, S.SUBMITTED)
    failure = smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
    with mock.patch("apps.notifications.emails.send_notification_email", side_effect=failure):
        proposal = info_request(cast, proposal, django_capture_on_commit_callbacks)
    assert proposal.status == S.INFO_REQUESTED, "a mail failure never fails the request"
    row = Notification.objects.filter(kind=Kind.INFO_REQUESTED).first()
    assert row.email_state == EmailState.PENDING
    assert row.email_attempts == 1
    assert "SMTPServerDisconnected" in row.last_error
    assert row.next_attempt_at > timezone.now()

    # Not before its retry time …
    assert services.sweep_pending(older_than=datetime.timedelta(0)) == {}
    # … then it goes, once.
    with time_machine.travel(row.next_attempt_at + datetime.timedelta(minutes=2), tick=False):
        services.sweep_pending()
        services.sweep_pending()
    row.refresh_from_db()
    assert row.email_state == EmailState.SENT and row.email_attempts == 2 and row.last_error == ""
    assert len([m for m in mail.outbox if "보완 요청" in m.subject]) == 2


def test_backoff_doubles_up_to_an_hour():
    assert [services.retry_delay(n) for n in range(1, 9)] == [60, 120, 240, 480, 960, 1920, 3600, 3600]


def test_a_worker_retries_a_failed_send_with_the_backoff_delay(cast, django_capture_on_commit_callbacks):
    info_request(cast, proposal_in(cast, S.SUBMITTED), django_capture_on_commit_callbacks, execute=False)
    row = Notification.objects.filter(kind=Kind.INFO_REQUESTED).first()
    with (
        mock.patch("apps.notifications.emails.send_notification_email", side_effect=OSError("unreachable")),
        mock.patch.object(tasks.deliver, "retry", side_effect=Retry("retry")) as retry,
        pytest.raises(Retry),
    ):
        tasks.deliver(notification_id=row.pk)  # called as a worker would: not eager
    assert retry.call_args.kwargs["countdown"] == 60


def test_after_the_last_attempt_the_row_is_failed_for_operators(cast, django_capture_on_commit_callbacks):
    info_request(cast, proposal_in(cast, S.SUBMITTED), django_capture_on_commit_callbacks, execute=False)
    row = Notification.objects.filter(kind=Kind.INFO_REQUESTED).first()
    Notification.objects.filter(pk=row.pk).update(email_attempts=services.MAX_EMAIL_ATTEMPTS - 1)
    with mock.patch("apps.notifications.emails.send_notification_email", side_effect=OSError("mailbox full")):
        assert services.deliver_email(notification_id=row.pk).status == "failed"
    row.refresh_from_db()
    assert row.email_state == EmailState.FAILED and "mailbox full" in row.last_error
    assert row not in services.pending_for_sweep(older_than=datetime.timedelta(0))
    # An operator resends it.
    assert services.requeue([row.pk]) == 1
    row.refresh_from_db()
    assert row.email_state == EmailState.PENDING and row.email_attempts == 0


def test_preferences_pick_immediate_digest_or_no_email(cast, django_capture_on_commit_callbacks):
    official, vice_governor = cast.people["official"], cast.people["vice_governor"]
    NotificationPreference.objects.create(user=official, kind=Kind.INFO_REQUESTED, channel=Channel.OFF)
    NotificationPreference.objects.create(user=vice_governor, kind=Kind.INFO_REQUESTED, channel=Channel.DIGEST)
    info_request(cast, proposal_in(cast, S.SUBMITTED), django_capture_on_commit_callbacks)
    states = dict(Notification.objects.filter(kind=Kind.INFO_REQUESTED).values_list("recipient_id", "email_state"))
    assert states == {official.pk: EmailState.SKIPPED, vice_governor.pk: EmailState.DIGEST}
    assert mail.outbox == [], "in-app rows only; the digest comes in the morning"


def test_role_defaults_tf_hears_of_new_submissions_in_the_digest(cast, django_capture_on_commit_callbacks):
    proposal = proposal_in(cast, S.AWAITING_ENDORSEMENT)
    with django_capture_on_commit_callbacks(execute=True):
        fire(cast, proposal, "vice_governor", "endorse")
    states = {
        cast.names[pk]: state
        for pk, state in Notification.objects.filter(kind=Kind.SUBMITTED).values_list("recipient_id", "email_state")
    }
    assert states == {"tf_staff": EmailState.DIGEST, "tf_lead": EmailState.DIGEST, "official": EmailState.DIGEST}


def test_people_without_an_email_address_get_the_in_app_notification_only(cast, django_capture_on_commit_callbacks):
    cast.people["official"].__class__.objects.filter(pk=cast.people["official"].pk).update(email="")
    info_request(cast, proposal_in(cast, S.SUBMITTED), django_capture_on_commit_callbacks)
    row = Notification.objects.get(kind=Kind.INFO_REQUESTED, recipient=cast.people["official"])
    assert row.email_state == EmailState.SKIPPED
    assert [m.to for m in mail.outbox] == [[cast.people["vice_governor"].email]]


def test_notify_twice_for_the_same_occasion_writes_one_row(cast):
    people = {cast.people["tf_lead"].pk: services.recipients.Recipient(roles={"tf_lead"}, email="a@example.go.kr")}
    kwargs = {"kind": Kind.ESCALATED, "people": people, "occasion_key": "overdue:1:2026-10-01", "title": "t"}
    assert services.notify(**kwargs) == 1
    assert services.notify(**kwargs) == 0
    assert Notification.objects.filter(kind=Kind.ESCALATED).count() == 1


def test_other_apps_can_notify_people_about_their_own_objects(cast, django_capture_on_commit_callbacks):
    forum_member = cast.people["forum_member"]
    region = cast.region
    people = services.recipients.recipients_of_users([forum_member, cast.people["tf_staff"]],
                                                     exclude_user_id=cast.people["tf_staff"].pk)  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(
            kind=Kind.MEETING_INVITED, people=people, occasion_key="meeting:7:invited", title="지역협의회 초대",
            url="/meetings/7/", target=region,
        )  # fmt: skip
    row = Notification.objects.get(kind=Kind.MEETING_INVITED)
    assert row.recipient == forum_member and row.target == region and row.email_state == EmailState.SENT
    assert len(mail.outbox) == 1


def test_a_resent_email_is_the_same_message_to_the_mail_system(cast, django_capture_on_commit_callbacks):
    """A worker killed after the mail server accepted an e-mail but before the row was
    marked sent leaves it pending: the second send carries the first one's Message-ID,
    so mail clients show it once."""
    proposal = info_request(cast, proposal_in(cast, S.SUBMITTED), django_capture_on_commit_callbacks)
    row = Notification.objects.filter(kind=Kind.INFO_REQUESTED).first()
    first = [m for m in mail.outbox if m.to == [row.recipient.email] and "보완 요청" in m.subject]
    assert len(first) == 1 and first[0].extra_headers["Message-ID"] == f"<notification-{row.pk}@{HOST}>"

    Notification.objects.filter(pk=row.pk).update(email_state=EmailState.PENDING)  # the lost commit
    services.deliver_email(notification_id=row.pk)
    again = [m for m in mail.outbox if m.to == [row.recipient.email] and "보완 요청" in m.subject]
    assert len(again) == 2 and again[1].message()["Message-ID"] == again[0].message()["Message-ID"]
    assert proposal.status == S.INFO_REQUESTED
