import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from apps.organisations.models import Region
from apps.proposals.models import ProposalStatus as S
from apps.proposals.services import TransitionConflict, proposal_create, proposal_update
from tests.proposals.support import Cast, fire, proposal_in

pytestmark = pytest.mark.django_db


def test_new_proposal_is_a_draft_of_the_region_with_a_create_event(make_member):
    official = make_member("regional_official")
    proposal = proposal_create(
        actor=official,
        region=Region.objects.get(code="51"),
        title="춘천 도심융합특구",
        summary="요약",
        category="urban",
    )
    assert proposal.status == S.DRAFT
    assert proposal.reference.endswith("-51-0001")
    assert list(proposal.events.values_list("action", flat=True)) == ["create"]


def test_new_proposal_cannot_be_filed_under_an_abolished_region(make_member):
    merged_region_official = make_member("regional_official", region=Region.objects.get(code="12"))
    with pytest.raises(ValidationError) as error:
        proposal_create(
            actor=merged_region_official,
            region=Region.objects.get(code="29"),
            title="광주 광역철도",
            summary="요약",
            category="rail",
        )
    assert "전남광주통합특별시" in error.value.message_dict["region"][0]


def test_new_proposal_refused_for_another_region(make_member):
    official = make_member("regional_official")
    with pytest.raises(PermissionDenied):
        proposal_create(
            actor=official,
            region=Region.objects.get(code="26"),
            title="부산 신공항",
            summary="요약",
            category="aviation",
        )


@pytest.mark.parametrize("role", ["tf_staff", "dept_reviewer", "liaison", "advisor"])
def test_new_proposal_refused_for_roles_that_do_not_file(make_member, role):
    with pytest.raises(PermissionDenied):
        proposal_create(
            actor=make_member(role),
            region=Region.objects.get(code="51"),
            title="제목",
            summary="요약",
            category="other",
        )


@pytest.mark.parametrize("missing", ["title", "summary", "category"])
def test_new_proposal_needs_title_summary_and_category(make_member, missing):
    fields = {"title": "제목", "summary": "요약", "category": "urban"}
    fields[missing] = ""
    with pytest.raises(ValidationError) as error:
        proposal_create(actor=make_member("regional_official"), region=Region.objects.get(code="51"), **fields)
    assert missing in error.value.message_dict


def test_draft_edit_writes_an_event_naming_the_fields():
    cast = Cast()
    draft = proposal_in(cast, S.DRAFT)
    updated = proposal_update(proposal=draft, actor=cast["official"], title="강릉 GB 해제 (수정)")
    assert updated.title == "강릉 GB 해제 (수정)"
    assert updated.events.last().payload == {"fields": ["title"]}


def test_edit_is_refused_once_submitted():
    cast = Cast()
    submitted = proposal_in(cast, S.SUBMITTED)
    with pytest.raises(TransitionConflict):
        proposal_update(proposal=submitted, actor=cast["official"], title="바꿈")


def test_edit_is_allowed_again_when_information_is_requested():
    cast = Cast()
    waiting = proposal_in(cast, S.INFO_REQUESTED)
    updated = proposal_update(proposal=waiting, actor=cast["official"], summary="보완한 요약")
    assert updated.summary == "보완한 요약"
    resubmitted = fire(cast, updated, "official", "resubmit", note="보완했습니다")
    assert resubmitted.status == S.SUBMITTED


def test_edit_refused_for_another_region():
    cast = Cast()
    draft = proposal_in(cast, S.DRAFT)
    with pytest.raises(Http404):
        proposal_update(proposal=draft, actor=cast["other_official"], title="남의 것")
