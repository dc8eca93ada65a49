"""Notifications are rendered in the reader's language from their kind and parameters
(issue 15), not stored as Korean text; rows without parameters show their stored text."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from apps.notifications import messages
from apps.notifications.models import Kind, Notification
from apps.proposals.models import ProposalStatus as S
from tests.proposals.support import fire, proposal_in

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


def test_a_workflow_notification_reads_in_the_readers_language(cast, client):
    proposal = proposal_in(cast, S.SUBMITTED)
    fire(cast, proposal, "tf_staff", "request_info", note="예산 산출 근거를 보완해 주세요.")
    row = Notification.objects.get(kind=Kind.INFO_REQUESTED, recipient=cast["official"])
    assert row.params["renderer"] == "event"
    assert "보완을 요청했습니다" in row.body  # the stored fallback stays Korean
    client.force_login(cast["official"])
    english = client.get(reverse("notification-list"), **ENGLISH).content.decode()
    korean = client.get(reverse("notification-list")).content.decode()
    assert "보완을 요청했습니다" in korean and "보완을 요청했습니다" not in english
    with translation.override("en"):
        title, body = messages.render(Notification.objects.get(pk=row.pk))
    assert title in english.replace("&#x27;", "'") or title.split("]")[0] in english
    assert body.split("\n")[0] in english.replace("&#x27;", "'")
    assert "예산 산출 근거를 보완해 주세요." in english  # the person's own words are quoted as written
    api = client.get(reverse("api-notification-list"), **ENGLISH).json()
    assert api["results"][0]["body"].split("\n")[0] == body.split("\n")[0]


def test_a_row_without_parameters_shows_its_stored_text(cast, client):
    Notification.objects.create(
        recipient=cast["official"], kind=Kind.MENTIONED, occasion_key="old:1", title="저장된 제목", body="저장된 내용"
    )
    client.force_login(cast["official"])
    page = client.get(reverse("notification-list"), **ENGLISH).content.decode()
    assert "저장된 제목" in page and "저장된 내용" in page


def test_the_list_costs_the_same_queries_with_more_notifications(cast, client):
    proposal = proposal_in(cast, S.SUBMITTED)
    client.force_login(cast["official"])
    fire(cast, proposal, "tf_staff", "request_info", note="보완")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            client.get(reverse("notification-list"), **ENGLISH)
        return len(captured)

    few = queries()
    for index in range(6):
        other = proposal_in(cast, S.SUBMITTED, title=f"동해선 연장 건의 {index}")
        fire(cast, other, "tf_staff", "request_info", note="보완")
    assert Notification.objects.filter(recipient=cast["official"]).count() > 6
    assert queries() == few


def test_reminders_keep_the_facts_of_the_day_they_were_sent(cast):
    proposal = proposal_in(cast, S.SUBMITTED)
    params = messages.reminder_params(proposal, business_days=2)
    row = Notification(kind=Kind.DUE_SOON, proposal=proposal, params={"renderer": "reminder", **params})
    with translation.override("en"):
        english = row.shown_body
    with translation.override("ko"):
        korean = row.shown_body
    assert "영업일" in korean and "영업일" not in english and params["due_at"] in english


def test_rows_stored_before_get_their_parameters_from_their_event(cast):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("apps.notifications.migrations.0005_params")
    proposal = proposal_in(cast, S.SUBMITTED)
    fire(cast, proposal, "tf_staff", "request_info", note="예산 산출 근거")
    Notification.objects.update(params={})  # as written before the parameters existed
    follower = Notification.objects.create(
        recipient=cast["official"], kind=Kind.FOLLOWED_UPDATE, occasion_key="followed:x", title="저장", body="본문",
        proposal=proposal, event=Notification.objects.filter(event__isnull=False).first().event,
    )  # fmt: skip
    migration.add_params(apps, None)
    row = Notification.objects.get(kind=Kind.INFO_REQUESTED, recipient=cast["official"])
    assert row.params == {"renderer": "event", "quote_note": True}
    with translation.override("en"):
        assert "보완을 요청했습니다" not in row.shown_body and "예산 산출 근거" in row.shown_body
    follower.refresh_from_db()
    assert follower.params == {} and follower.shown == ("저장", "본문")


def test_a_followers_update_reads_in_the_readers_language(cast, client):
    import datetime

    from apps.notifications.follows import follow

    proposal = proposal_in(cast, S.IN_PROGRESS)
    follower = cast["other_official"]  # sees it as the public does
    follow(user=follower, proposal=proposal)
    fire(cast, proposal, "lead_reviewer", "add_milestone", title="착공", planned_for=datetime.date(2030, 1, 1))
    row = Notification.objects.get(kind=Kind.FOLLOWED_UPDATE, recipient=follower)
    assert row.params == {"renderer": "followed"} and "추진 단계 등록" in row.title  # Korean fallback stored
    client.force_login(follower)
    english = client.get(reverse("notification-list"), **ENGLISH).content.decode()
    assert "Add milestone" in english and "추진 단계 등록" not in english
    assert "추진 단계 등록" in client.get(reverse("notification-list")).content.decode()
