"""The daily digest, with frozen time across 개천절 (Sat 2026-10-03) and its substitute
holiday (Mon 2026-10-05): nothing goes out on a weekend or a holiday, the next business
day groups everything since the last digest, once."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from apps.notifications import services, tasks
from apps.notifications.models import Digest, EmailState, Kind, Notification
from apps.proposals.models import ProposalStatus as S
from tests.notifications.support import NotifyCast
from tests.proposals.support import fire, proposal_in

pytestmark = pytest.mark.django_db

SEOUL = ZoneInfo("Asia/Seoul")


def at(month, day, hour=8, minute=0):
    return datetime.datetime(2026, month, day, hour, minute, tzinfo=SEOUL)


def digests():
    return [m for m in mail.outbox if "알림 요약" in m.subject]


def endorse(cast, capture, title):
    proposal = proposal_in(cast, S.AWAITING_ENDORSEMENT, title=title)
    with capture(execute=True):
        return fire(cast, proposal, "vice_governor", "endorse")


def test_no_digest_on_weekends_and_holidays_then_one_per_person(django_capture_on_commit_callbacks):
    with time_machine.travel(at(10, 2, 10), tick=False) as clock:
        cast = NotifyCast()
        endorse(cast, django_capture_on_commit_callbacks, "강릉 GB 해제")
        endorse(cast, django_capture_on_commit_callbacks, "원주 광역철도 연장")
        # TF staff, TF lead and the region's official hear of submissions in the digest.
        assert Notification.objects.filter(kind=Kind.SUBMITTED, email_state=EmailState.DIGEST).count() == 6

        for day in (3, 4, 5):  # 개천절 (Sat), Sunday, 대체공휴일 (Mon)
            clock.move_to(at(10, day))
            assert tasks.daily_digest.delay().get() == {"holiday": 1}
        assert digests() == [] and not Digest.objects.exists()

        clock.move_to(at(10, 6))  # Tuesday: the first business day after
        assert tasks.daily_digest.delay().get() == {"sent": 3}
        assert tasks.daily_digest.delay().get() == {}, "a second run the same day sends nothing"

    assert sorted(m.to[0] for m in digests()) == sorted(
        cast.people[name].email for name in ("tf_staff", "tf_lead", "official")
    )
    message = next(m for m in digests() if m.to == [cast.people["tf_staff"].email])
    assert message.subject == "[균형발전 소통창구] 2026-10-06 알림 요약 (2건)"
    assert "강릉 GB 해제" in message.body and "원주 광역철도 연장" in message.body
    assert "건의과제 접수 (2)" in message.body
    html = message.alternatives[0][0]
    assert "/proposals/" in html and "알림 요약" in html
    digest = Digest.objects.get(recipient=cast.people["tf_staff"], date=datetime.date(2026, 10, 6))
    assert digest.item_count == 2 and digest.sent_at is not None
    assert Notification.objects.filter(kind=Kind.SUBMITTED, digest__isnull=True).count() == 0


def test_each_digest_holds_only_what_came_since_the_last(django_capture_on_commit_callbacks):
    with time_machine.travel(at(10, 6, 7), tick=False) as clock:
        cast = NotifyCast()
        endorse(cast, django_capture_on_commit_callbacks, "첫째 과제")
        clock.move_to(at(10, 6, 8))
        tasks.daily_digest.delay()
        clock.move_to(at(10, 6, 9))
        endorse(cast, django_capture_on_commit_callbacks, "둘째 과제")
        clock.move_to(at(10, 7, 8))
        tasks.daily_digest.delay()
        clock.move_to(at(10, 8, 8))
        assert tasks.daily_digest.delay().get() == {}, "nothing new: no empty digest"

    tf_mails = [m for m in digests() if m.to == [cast.people["tf_lead"].email]]
    assert len(tf_mails) == 2
    assert "첫째 과제" in tf_mails[0].body and "둘째 과제" not in tf_mails[0].body
    assert "둘째 과제" in tf_mails[1].body and "첫째 과제" not in tf_mails[1].body


def test_a_failed_digest_is_rolled_back_and_sent_on_the_retry(django_capture_on_commit_callbacks, monkeypatch):
    with time_machine.travel(at(10, 6, 7), tick=False) as clock:
        cast = NotifyCast()
        endorse(cast, django_capture_on_commit_callbacks, "과제")
        clock.move_to(at(10, 6, 8))

        def refuse(*args, **kwargs):
            raise OSError("smtp down")

        monkeypatch.setattr(services.emails, "send_digest_email", refuse)
        assert services.send_daily_digests() == {"failed": 3}
        assert not Digest.objects.exists()
        monkeypatch.undo()
        assert services.send_daily_digests() == {"sent": 3}
    assert len(digests()) == 3


def test_digest_items_of_a_person_without_email_are_dropped(django_capture_on_commit_callbacks):
    with time_machine.travel(at(10, 6, 7), tick=False) as clock:
        cast = NotifyCast()
        endorse(cast, django_capture_on_commit_callbacks, "과제")
        tf_staff = cast.people["tf_staff"]
        type(tf_staff).objects.filter(pk=tf_staff.pk).update(email="")
        clock.move_to(at(10, 6, 8))
        services.send_daily_digests()
    assert Notification.objects.get(kind=Kind.SUBMITTED, recipient=tf_staff).email_state == EmailState.SKIPPED
    assert not Digest.objects.filter(recipient=tf_staff).exists()
    assert len(digests()) == 2
