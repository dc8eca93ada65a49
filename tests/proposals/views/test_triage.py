"""The TF's bulk actions: one request, one service call per selected proposal, and a
result per item."""

import pytest
from django.urls import reverse

from apps.proposals.models import Proposal
from apps.proposals.models import ProposalStatus as S
from tests.proposals.support import LEAD_DEPARTMENT, proposal_in

pytestmark = pytest.mark.django_db


def test_bulk_assign_of_three_proposals(login, cast):
    proposals = [proposal_in(cast, S.SUBMITTED, title=f"과제 {n}") for n in range(3)]
    client = login("tf_staff")

    response = client.post(
        reverse("proposal-triage"),
        {
            "ids": [p.pk for p in proposals],
            "bulk_action": "assign",
            "lead_department": LEAD_DEPARTMENT,
            "support_departments": ["도시재생과"],
        },
        follow=True,
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "배정 완료 3건" in html
    for proposal in proposals:
        proposal.refresh_from_db()
        assert proposal.status == S.ASSIGNED
        assert proposal.lead_department.code == LEAD_DEPARTMENT
        assert [d.code for d in proposal.support_departments.all()] == ["도시재생과"]
        assert proposal.reference in html


def test_bulk_reports_each_failure(login, cast):
    ok = proposal_in(cast, S.SUBMITTED, title="접수")
    already = proposal_in(cast, S.ASSIGNED, title="이미 배정")
    draft = proposal_in(cast, S.DRAFT, title="초안")

    response = login("tf_staff").post(
        reverse("proposal-triage"),
        {"ids": [ok.pk, already.pk, draft.pk], "bulk_action": "assign", "lead_department": LEAD_DEPARTMENT},
        follow=True,
    )

    html = response.content.decode()
    assert "배정 완료 1건" in html
    assert f"배정 실패 {already.reference}: 현재 상태(검토배정)에서는 이 작업을 할 수 없습니다." in html
    assert f"배정 실패 #{draft.pk}: 건의과제를 찾을 수 없습니다." in html
    assert Proposal.objects.get(pk=draft.pk).status == S.DRAFT


def test_bulk_refer_and_merge(login, cast):
    a, b, target = (proposal_in(cast, S.SUBMITTED, title=t) for t in ("가", "나", "대상"))
    client = login("tf_lead")

    client.post(reverse("proposal-triage"), {"ids": [a.pk], "bulk_action": "refer", "ministry": "행정안전부"})
    client.post(reverse("proposal-triage"), {"ids": [b.pk], "bulk_action": "merge", "into": target.pk})

    assert Proposal.objects.get(pk=a.pk).status == S.REFERRED
    merged = Proposal.objects.get(pk=b.pk)
    assert (merged.status, merged.merged_into_id) == (S.MERGED, target.pk)


def test_bulk_without_selection_or_department_shows_errors(login, cast):
    proposal = proposal_in(cast, S.SUBMITTED)
    client = login("tf_staff")

    response = client.post(reverse("proposal-triage"), {"bulk_action": "assign", "lead_department": LEAD_DEPARTMENT})
    assert response.status_code == 400
    assert "처리할 건의과제를 하나 이상 선택해 주세요." in response.content.decode()

    response = client.post(reverse("proposal-triage"), {"ids": [proposal.pk], "bulk_action": "assign"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "주관부서를 지정해 주세요." in html
    assert f'value="{proposal.pk}" id="select-{proposal.pk}" form="bulk-form" checked' in html
    assert Proposal.objects.get(pk=proposal.pk).status == S.SUBMITTED


def test_bulk_refused_for_regional_official(login, cast):
    proposal = proposal_in(cast, S.SUBMITTED)

    response = login("official").post(
        reverse("proposal-triage"), {"ids": [proposal.pk], "bulk_action": "assign", "lead_department": LEAD_DEPARTMENT}
    )

    assert response.status_code == 403
    assert Proposal.objects.get(pk=proposal.pk).status == S.SUBMITTED


def test_bulk_form_offers_select_all_and_fields_per_action(login, cast):
    proposal_in(cast, S.SUBMITTED)
    html = login("tf_staff").get(reverse("proposal-triage")).content.decode()
    assert 'data-select-all="bulk-form"' in html
    for action in ("assign", "refer", "merge"):
        assert f'data-bulk-for="{action}"' in html
    # Support departments: grouped checkboxes with a search box, not a Ctrl-click list.
    assert "data-dept-picker" in html and 'type="checkbox" name="support_departments"' in html
    assert "Ctrl" not in html


def test_merge_targets_leave_out_the_selection(login, cast):
    picked = [proposal_in(cast, S.SUBMITTED, title=f"광역철도 건의 {n}") for n in range(2)]
    other = proposal_in(cast, S.SUBMITTED, title="광역철도 건의 남은 것")
    client = login("tf_staff")
    page = client.get(reverse("proposal-merge-targets"), {"into": "광역철도", "ids": [p.pk for p in picked]})
    html = page.content.decode()
    assert other.reference in html
    assert all(p.reference not in html for p in picked)


def test_merging_into_a_selected_proposal_is_refused_beside_the_field(login, cast):
    first, second = (proposal_in(cast, S.SUBMITTED, title=f"과제 {n}") for n in range(2))
    response = login("tf_staff").post(
        reverse("proposal-triage"),
        {"ids": [first.pk, second.pk], "bulk_action": "merge", "into": second.reference},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="bulk-into_error"' in html and "선택한 과제에는 병합할 수 없습니다." in html
    assert Proposal.objects.filter(status=S.MERGED).count() == 0
