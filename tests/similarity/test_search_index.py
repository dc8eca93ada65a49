"""Search reads an index kept up to date with the proposals' texts, and a searched list
costs the same number of queries with a few matches and with more than a page of them
(issues 15 and 16). On PostgreSQL the index is each proposal's ``tsvector`` of its key
terms; on SQLite the term rows themselves."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from knox.models import AuthToken

from apps.portal.selectors import filter_public
from apps.proposals.models import Proposal
from apps.proposals.services import proposal_fire, proposal_update
from apps.proposals.views.common import PAGE_SIZE
from apps.similarity import documents
from apps.similarity.indexing import index_proposals
from apps.similarity.models import ProposalDocument, ProposalTerm
from tests.factories import member
from tests.similarity.support import draft, person, submitted

pytestmark = pytest.mark.django_db


def public_hits(query: str) -> set[int]:
    return set(filter_public({"q": query})[0].values_list("pk", flat=True))


def test_an_edit_is_found_by_its_new_words_and_no_longer_by_the_old(client):
    proposal = draft("51", "동해선 광역철도 조기 착공", "강릉과 삼척을 잇는 철도를 요청합니다.")
    official = person("regional_official", "51")
    proposal_update(
        proposal=proposal, actor=official, title="동해선 고속도로 조기 착공", summary="고속도로를 요청합니다."
    )
    proposal = proposal_fire(proposal=proposal, actor=official, action="submit")
    proposal_fire(proposal=proposal, actor=person("vice_governor", "51"), action="endorse")

    assert public_hits("고속도로를") == {proposal.pk}
    assert public_hits("철도를") == set()


def test_a_workflow_save_never_puts_back_an_older_index(client):
    """Only the indexing writes the index: a proposal saved from an older copy (a web
    request that loaded it before the worker indexed it) keeps what the worker wrote."""
    proposal = submitted("26", "부산 도시철도 연장", "도시철도 연장을 요청합니다.")
    Proposal.objects.filter(pk=proposal.pk).update(title="부산 트램 신설", summary="트램을 요청합니다.")  # edited
    loaded = Proposal.objects.get(pk=proposal.pk)  # by a request, before the worker indexed the edit
    index_proposals(Proposal.objects.filter(pk=proposal.pk))  # the worker
    loaded.save()  # the request saves every field of its copy

    assert public_hits("트램을") == {proposal.pk}
    assert public_hits("도시철도") == set()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the tsvector is PostgreSQL's")
def test_postgresql_keeps_one_document_of_the_key_terms_per_proposal():
    proposal = submitted("27", "대구경북신공항 연결도로", "신공항 접근 도로 건설을 요청합니다.")
    document = ProposalDocument.objects.get(proposal=proposal)
    lexemes = {part.split(":")[0].strip("'") for part in document.terms.split()}
    assert lexemes == set(ProposalTerm.objects.filter(proposal=proposal).values_list("term", flat=True))
    assert "'대구경북신공항':1A" in document.terms and "'접근':1B" in document.terms  # the title's first

    ProposalDocument.objects.all().delete()
    documents.refresh()  # what the migration does for rows written before it
    assert ProposalDocument.objects.filter(proposal=proposal).exists()
    assert public_hits("공항을") == {proposal.pk}


def count(client, url, params, **headers) -> int:
    client.get(url, params, **headers)  # caches the synonym list and the person's roles
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params, **headers)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


def test_searched_lists_cost_the_same_queries_with_a_few_matches_and_with_many():
    tf = member("tf_staff")
    staff = Client()
    staff.force_login(tf)
    _token, key = AuthToken.objects.create(tf)
    api = {"HTTP_AUTHORIZATION": f"Token {key}"}
    pages = [
        (Client(), reverse("portal-proposal-list"), {}),
        (staff, reverse("proposal-list"), {}),
        (Client(), reverse("api-public-proposal-list"), {}),
        (Client(), reverse("api-proposal-list"), api),
    ]
    queries = ("광역철도를", "광역철도 착공")
    submitted("51", "동해선 광역철도 조기 착공", "광역철도 착공을 요청합니다.")
    few = [count(client, url, {"q": q}, **headers) for client, url, headers in pages for q in queries]
    for n in range(PAGE_SIZE * 2 + 3):
        submitted("26" if n % 2 else "51", f"광역철도 착공 {n}", "광역철도 연장을 요청합니다.")
    many = [count(client, url, {"q": q}, **headers) for client, url, headers in pages for q in queries]

    assert many == few
    assert len(filter_public({"q": "광역철도를"})[0]) == PAGE_SIZE * 2 + 4
