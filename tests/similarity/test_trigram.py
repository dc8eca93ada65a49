"""PostgreSQL only: pg_trgm's title similarity complements the key-term score."""

import pytest
from django.db import connection

from apps.similarity import selectors
from tests.factories import member
from tests.similarity.support import submitted

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is a PostgreSQL extension"),
]


@pytest.fixture
def with_pg_trgm():
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    selectors._trigram_cache.clear()
    yield
    selectors._trigram_cache.clear()


def test_title_trigrams_are_blended_in_when_the_extension_exists(with_pg_trgm, monkeypatch):
    target = submitted("26", "부울경 광역철도 조기 착공 지원", "노포~양산~울산 광역철도")
    submitted("31", "울산 외곽순환도로 조기 완공", "순환도로")
    tf = member("tf_staff")
    assert selectors.trigram_available()

    blended = selectors.similar_to_text(tf, title="부울경 광역철도 조기착공 지원", summary="광역철도 착공")
    monkeypatch.setattr(selectors, "trigram_available", lambda: False)
    terms_only = selectors.similar_to_text(tf, title="부울경 광역철도 조기착공 지원", summary="광역철도 착공")

    assert blended[0].proposal == terms_only[0].proposal == target
    assert blended[0].score != terms_only[0].score


def test_very_similar_titles_match_even_without_shared_terms(with_pg_trgm):
    # Only generic words: no key terms at all, yet the titles are nearly the same.
    target = submitted("26", "지원 요청 건의 사항", "요청")

    matches = selectors.similar_to_text(member("tf_staff"), title="지원 요청 건의 사항들", min_score=0.05)

    assert target in [match.proposal for match in matches]
