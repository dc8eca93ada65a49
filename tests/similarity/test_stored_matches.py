"""Similar proposals are ranked when a proposal is written (a Celery task) and stored;
pages read the stored matches and never load the Korean analyser (Kiwi)."""

from unittest import mock

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.proposals.services import proposal_update
from apps.similarity import tasks, tokenizer, views
from apps.similarity.models import SimilarProposal
from tests.factories import member
from tests.similarity.support import draft, person, submitted

pytestmark = pytest.mark.django_db

GB_SUMMARY = "GB 해제 권한을 시·도지사에게 위임해 주십시오."


def _gb(code):
    return submitted(code, f"개발제한구역 해제 권한 시·도 위임 {code}", GB_SUMMARY)


def _no_analyser():
    return mock.patch.object(tokenizer, "kiwi", side_effect=AssertionError("Kiwi loaded in a web request"))


def test_a_new_proposal_is_stored_as_a_match_of_the_earlier_one_and_the_other_way_round():
    first = _gb("26")
    assert not SimilarProposal.objects.filter(proposal=first).exists()

    second = _gb("31")

    assert SimilarProposal.objects.filter(proposal=first, similar=second).exists()
    assert SimilarProposal.objects.filter(proposal=second, similar=first).exists()


def test_editing_the_text_recomputes_the_matches():
    first = _gb("26")
    second = draft("31", "개발제한구역 해제 권한 시·도 위임 31", GB_SUMMARY)
    assert SimilarProposal.objects.filter(proposal=first, similar=second).exists()

    proposal_update(
        proposal=second,
        actor=person("regional_official", "31"),
        title="남해안 관광벨트 계획 수립",
        summary="초광역 관광 계획을 세워 주십시오.",
    )

    assert not SimilarProposal.objects.filter(proposal=first, similar=second).exists()
    assert not SimilarProposal.objects.filter(proposal=second).exists()


def test_page_views_never_load_the_analyser():
    gb = [_gb("26"), _gb("31")]
    tf = Client()
    tf.force_login(member("tf_staff"))
    pages = [
        reverse("proposal-detail", args=[gb[0].pk]),
        reverse("similarity-proposal-panel", args=[gb[0].pk]),
        reverse("proposal-triage"),
        reverse("similarity-triage-panel"),
        reverse("api-proposal-similar", args=[gb[0].pk]),
        reverse("proposal-list"),
    ]

    with _no_analyser():
        answers = {page: tf.get(page) for page in pages}

    assert all(response.status_code == 200 for response in answers.values())
    assert gb[1].reference in answers[reverse("similarity-proposal-panel", args=[gb[0].pk])].content.decode()
    assert gb[1].reference in answers[reverse("similarity-triage-panel")].content.decode()


def test_with_workers_a_save_only_asks_for_indexing_after_commit(settings, django_capture_on_commit_callbacks):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    with mock.patch.object(tasks.index_proposal, "delay") as delay, _no_analyser():
        with django_capture_on_commit_callbacks() as callbacks:
            proposal = draft("26", "광역철도 조기 착공", "부울경 광역철도 조기 착공")
        assert not delay.called
        for callback in callbacks:
            callback()

    delay.assert_called_once_with(proposal_id=proposal.pk)


def test_the_draft_panel_asks_a_worker_for_the_key_terms(client):
    gb = _gb("26")
    client.force_login(person("regional_official", "51"))
    worker_terms = {"개발제한구역": 3.0, "해제": 1.0, "권한": 1.0}

    with _no_analyser(), mock.patch.object(views, "draft_key_terms", return_value=worker_terms) as asked:
        response = client.post(reverse("similarity-draft"), {"title": "그린벨트 해제 권한 이양"})

    asked.assert_called_once()
    assert gb.reference in response.content.decode()


def _triage_panel_queries(tf):
    with CaptureQueriesContext(connection) as queries:
        response = tf.get(reverse("similarity-triage-panel"))
    assert response.status_code == 200
    return len(queries)


def test_triage_panel_costs_the_same_queries_with_more_proposals():
    _gb("26"), _gb("31")
    tf = Client()
    tf.force_login(member("tf_staff"))
    tf.get(reverse("similarity-triage-panel"))
    small = _triage_panel_queries(tf)

    for code in ("48", "27", "28", "30"):
        _gb(code)
        submitted(code, f"광역철도 조기 착공 {code}", "광역철도 조기 착공을 지원해 주십시오.")

    assert _triage_panel_queries(tf) == small
