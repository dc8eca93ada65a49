"""A search's words are analysed by a worker, remembered, and never by the web process's
own Kiwi; without a worker the words are searched as typed."""

from unittest import mock

import pytest
from celery.exceptions import TimeoutError as CeleryTimeout
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from apps.similarity import query_analysis, tasks, tokenizer
from apps.similarity.models import SearchSynonym
from tests.factories import member
from tests.similarity.support import submitted

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _forget_analyses():
    query_analysis._memo.clear()
    cache.clear()
    yield
    query_analysis._memo.clear()


def _search(client, words):
    response = client.get(reverse("proposal-list"), {"q": words})
    assert response.status_code == 200
    return response.content.decode()


def _tf():
    client = Client()
    client.force_login(member("tf_staff"))
    return client


def test_a_search_asks_a_worker_once_and_never_loads_the_analyser():
    gb = submitted("26", "개발제한구역 해제 권한 시·도 위임", "GB 해제 권한을 시·도지사에게 위임해 주십시오.")
    worker_answer = tasks.query_words("그린벨트를 해제")  # what a worker's analyser answers
    client = _tf()

    with (
        mock.patch.object(tokenizer, "kiwi", side_effect=AssertionError("Kiwi loaded in a web request")),
        mock.patch.object(query_analysis, "_ask_worker", return_value=worker_answer) as asked,
    ):
        first = _search(client, "그린벨트를 해제")
        query_analysis._memo.clear()  # another web process: the shared cache still knows it
        again = _search(client, "그린벨트를 해제")

    asked.assert_called_once_with("그린벨트를 해제")
    assert gb.reference in first and gb.reference in again


def test_a_changed_synonym_list_asks_again():
    client = _tf()
    worker_answer = tasks.query_words("그린벨트")
    with mock.patch.object(query_analysis, "_ask_worker", return_value=worker_answer) as asked:
        _search(client, "그린벨트")
        SearchSynonym.objects.create(term="녹지띠", canonical="개발제한구역")
        _search(client, "그린벨트")

    assert asked.call_count == 2


def test_without_a_worker_the_words_are_searched_as_typed_and_asked_for_again_later(caplog):
    railway = submitted("26", "부울경 광역철도 조기 착공", "광역철도 조기 착공을 건의합니다.")
    client = _tf()
    late = mock.Mock()
    late.get.side_effect = CeleryTimeout("no worker")
    clock = mock.Mock(return_value=1000.0)

    with (
        mock.patch.object(tasks.query_words, "apply_async", return_value=late) as asked,
        mock.patch.object(query_analysis.time, "monotonic", clock),
    ):
        exact = _search(client, "광역철도")
        with_particle = _search(client, "광역철도를")
        _search(client, "광역철도")
        waited_once_each = asked.call_count
        clock.return_value += query_analysis.RETRY_SECONDS + 1
        _search(client, "광역철도")

    assert railway.reference in exact  # the word as a key term
    assert railway.reference not in with_particle  # no analyser: the particle stays
    assert waited_once_each == 2  # one wait per query, not one per use within a page
    assert asked.call_count == 3  # and asked again once the retry time has passed
    assert cache.get(query_analysis.cache_key("광역철도")) is None  # a fallback is not shared
    assert "no worker answered" in caplog.text
