"""The language a person picks in the header is remembered on the account, and the
e-mails sent to them (by a worker, without their request) are written in it."""

import pytest
from django.core import mail
from django.urls import reverse

from apps.notifications.models import EmailState, Kind, Notification
from apps.proposals.models import ProposalStatus as S
from tests.proposals.support import fire, proposal_in

pytestmark = pytest.mark.django_db


def pick(client, language: str):
    return client.post(reverse("set_language"), {"language": language, "next": "/"})


def test_a_signed_in_person_gets_emails_in_the_language_they_picked(cast, client, django_capture_on_commit_callbacks):
    official = cast["official"]
    client.force_login(official)
    assert pick(client, "en").status_code == 302
    official.refresh_from_db()
    assert official.preferred_language == "en"

    proposal = proposal_in(cast, S.SUBMITTED)
    Notification.objects.filter(email_state=EmailState.PENDING).update(email_state=EmailState.SENT)
    with django_capture_on_commit_callbacks(execute=True):
        fire(cast, proposal, "tf_staff", "request_info", note="예산 산출 근거를 보완해 주세요.")
    row = Notification.objects.get(kind=Kind.INFO_REQUESTED, recipient=official)
    english = [m for m in mail.outbox if m.to == [official.email]]
    korean = [m for m in mail.outbox if m.to == [cast["vice_governor"].email]]
    assert len(english) == 1 and len(korean) == 1
    assert "Balanced Development Hub" in english[0].subject and "보완" not in english[0].subject
    assert "균형발전 소통창구" in korean[0].subject  # who never picked reads Korean
    assert row.email_state == EmailState.SENT

    assert pick(client, "ko").status_code == 302
    official.refresh_from_db()
    assert official.preferred_language == "ko"


def test_anyone_may_switch_and_a_bad_language_changes_nothing(cast, client):
    assert pick(client, "en").status_code == 302  # anonymous: the cookie only
    client.force_login(cast["official"])
    pick(client, "xx")
    cast["official"].refresh_from_db()
    assert cast["official"].preferred_language == ""
