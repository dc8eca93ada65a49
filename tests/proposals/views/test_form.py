"""The submission form: region choices limited to the person's regions; 임시저장 saves a
draft, 제출 saves and submits, both through the services."""

import pytest
from django.urls import reverse

from apps.organisations.models import Region
from apps.proposals.models import Proposal, ProposalEvent, Strategy
from apps.proposals.models import ProposalStatus as S
from tests.factories import MembershipFactory
from tests.proposals.support import proposal_in

pytestmark = pytest.mark.django_db


def form_data(cast, **overrides):
    data = {
        "region": cast.region.pk,
        "title": "춘천 도심융합특구 지정 건의",
        "summary": "도심융합특구 지정을 건의합니다.",
        "body": "## 배경\n- 인구 감소",
        "category": "urban",
        "strategies": [Strategy.objects.get(code="smart_compact_network").pk],
        "requested_action": "",
        "related_laws": "",
        "budget_estimate": "1200",
        "location": "춘천시",
        "is_public": "on",
    }
    data.update(overrides)
    return data


def test_form_offers_only_the_persons_current_regions(login, cast):
    html = login("official").get(reverse("proposal-new")).content.decode()

    assert f'<option value="{cast.region.pk}" selected>강원특별자치도</option>' in html
    assert "부산광역시" not in html
    assert "임시저장" in html
    assert ">제출</button>" in html


def test_region_of_another_person_is_refused(login, cast):
    busan = Region.objects.get(code="26")

    response = login("official").post(reverse("proposal-new"), form_data(cast, region=busan.pk, intent="draft"))

    assert response.status_code == 400
    assert not Proposal.objects.exists()


def test_draft_saved_then_submitted_through_the_form(login, cast):
    client = login("official")

    response = client.post(reverse("proposal-new"), form_data(cast, intent="draft"))

    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert response["Location"] == reverse("proposal-detail", args=[proposal.pk])
    assert proposal.status == S.DRAFT
    assert proposal.reference.endswith("-51-0001")
    assert proposal.budget_estimate == 1200
    assert [s.code for s in proposal.strategies.all()] == ["smart_compact_network"]
    assert "임시저장했습니다." in client.get(response["Location"]).content.decode()

    edit_url = reverse("proposal-edit", args=[proposal.pk])
    assert "춘천 도심융합특구 지정 건의" in client.get(edit_url).content.decode()
    response = client.post(edit_url, form_data(cast, title="춘천 도심융합특구 지정 건의(수정)", intent="submit"))

    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.title == "춘천 도심융합특구 지정 건의(수정)"
    assert proposal.status == S.AWAITING_ENDORSEMENT
    assert list(ProposalEvent.objects.filter(proposal=proposal).values_list("action", flat=True)) == [
        "create",
        "update",
        "submit",
    ]


def test_create_and_submit_in_one_step(login, cast):
    response = login("vice_governor").post(reverse("proposal-new"), form_data(cast, intent="submit"))

    assert response.status_code == 302
    assert Proposal.objects.get().status == S.AWAITING_ENDORSEMENT


def test_missing_fields_show_korean_errors(login, cast):
    response = login("official").post(reverse("proposal-new"), form_data(cast, title="", category="", intent="draft"))

    assert response.status_code == 400
    html = response.content.decode()
    assert "입력 내용을 확인해 주세요." in html
    assert "필수 항목입니다." in html
    assert 'aria-invalid="true"' in html
    assert not Proposal.objects.exists()


def test_info_requested_proposal_is_edited_and_resubmitted(login, cast):
    proposal = proposal_in(cast, S.INFO_REQUESTED)
    client = login("official")

    html = client.get(reverse("proposal-edit", args=[proposal.pk])).content.decode()
    assert "보완 후 재제출" in html
    refused = client.post(reverse("proposal-edit", args=[proposal.pk]), form_data(cast, intent="submit"))
    assert refused.status_code == 400 and "보완 답변을 입력해 주세요." in refused.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == S.INFO_REQUESTED

    answered = form_data(cast, intent="submit", answer="위치도를 보완했습니다")
    response = client.post(reverse("proposal-edit", args=[proposal.pk]), answered)

    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == S.SUBMITTED
    assert proposal.events.get(action="resubmit").note == "위치도를 보완했습니다"


def test_submitted_proposal_is_not_editable(login, cast):
    proposal = proposal_in(cast, S.SUBMITTED)

    response = login("official").get(reverse("proposal-edit", args=[proposal.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("proposal-detail", args=[proposal.pk])


def test_edit_refused_for_others(login, cast):
    proposal = proposal_in(cast, S.DRAFT)

    assert login("liaison").get(reverse("proposal-edit", args=[proposal.pk])).status_code == 403
    assert login("other_official").get(reverse("proposal-edit", args=[proposal.pk])).status_code == 404


def test_official_of_an_abolished_region_only_cannot_create(client, cast):
    old = MembershipFactory(role="regional_official", region=Region.objects.get(code="42")).user
    client.force_login(old)

    assert client.get(reverse("proposal-new")).status_code == 403
