import io

import pytest
from django.core.management import call_command

from apps.proposals.services import proposal_update
from apps.similarity.models import ProposalTerm
from tests.similarity.support import draft, person

pytestmark = pytest.mark.django_db


def _terms(proposal):
    return set(ProposalTerm.objects.filter(proposal=proposal).values_list("term", flat=True))


def test_new_proposal_is_indexed_in_its_transaction():
    proposal = draft("51", "원주 혁신도시 공공기관 2차 이전", "정주여건 개선과 함께 공공기관을 옮겨 주십시오.")

    assert {"혁신도시", "공공기관", "이전", "정주여건"} <= _terms(proposal)


def test_editing_the_text_reindexes_and_other_edits_do_not():
    proposal = draft("51", "원주 혁신도시 공공기관 2차 이전")
    official = person("regional_official", "51")

    proposal = proposal_update(
        proposal=proposal, actor=official, title="춘천 도심융합특구 지정", summary="캠프페이지를 도심융합특구로"
    )
    assert "도심융합특구" in _terms(proposal)
    assert "혁신도시" not in _terms(proposal)

    before = list(ProposalTerm.objects.filter(proposal=proposal).values_list("pk", flat=True))
    proposal_update(proposal=proposal, actor=official, location="춘천시")
    assert list(ProposalTerm.objects.filter(proposal=proposal).values_list("pk", flat=True)) == before


def test_index_similarity_command_rebuilds_missing_terms():
    first = draft("51", "광역철도 조기 착공")
    second = draft("26", "도시재생 혁신지구 지정")
    ProposalTerm.objects.all().delete()

    call_command("index_similarity", "--missing", stdout=io.StringIO())

    assert "광역철도" in _terms(first)
    assert "혁신지구" in _terms(second)


def test_rows_written_with_the_orm_are_indexed_too(make_member):
    """The demo's historical proposals (광주·전남 before the merger) are written with the
    ORM, not ``proposal_create``: they are indexed as they are created all the same."""
    from apps.organisations.models import Region
    from apps.proposals.models import Proposal

    proposal = Proposal.objects.create(
        reference="2025-29-0001",
        title="광주~화순 광역철도 신설",
        summary="광주 도시철도 1호선과 화순을 잇는 광역철도",
        region=Region.objects.get(code="29"),
        category="rail",
        created_by=make_member("tf_staff"),
    )

    assert {"광역철도", "화순", "도시철도"} <= _terms(proposal)
