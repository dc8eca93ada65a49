"""GET/POST ``proposals/``, GET/PATCH ``proposals/{id}/``: scoped to the caller (DESIGN.md §2, §7)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from knox.models import AuthToken
from rest_framework.test import APIClient

from apps.proposals.models import Proposal, ProposalEvent, Strategy
from apps.proposals.models import ProposalStatus as S

from .conftest import BUSAN, GANGWON, LEAD

pytestmark = pytest.mark.django_db

LIST = "/api/v1/proposals/"

OUTPUT_FIELDS = {
    "id", "reference", "title", "summary", "body", "body_html", "region", "region_name", "category",
    "category_label", "strategies", "requested_action", "related_laws", "budget_estimate", "location", "status",
    "status_label", "lead_department", "support_departments", "due_at", "is_overdue", "is_due_soon", "is_public",
    "outcome", "outcome_label", "decision_summary", "planned_for", "rereview_at", "referred_ministry",
    "merged_into", "progress", "submitted_at", "decided_at", "created_at", "updated_at", "available_actions",
}  # fmt: skip


def detail(proposal) -> str:
    return f"/api/v1/proposals/{proposal.pk}/"


def new_proposal(**overrides):
    return {
        "region": GANGWON,
        "title": "강릉-제진 철도 조기 착공",
        "summary": "동해북부선 조기 착공을 건의합니다.",
        "body": "## 배경\n\n<script>alert(1)</script> **중요**",
        "category": "rail",
        "strategies": ["plan_transport", "smart_compact_network"],
        "requested_action": "예비타당성조사 면제",
        "related_laws": "철도의 건설 및 철도시설 유지관리에 관한 법률",
        "budget_estimate": 120000,
        "location": "강릉시",
        "is_public": True,
        **overrides,
    }


# --- create -------------------------------------------------------------------------------


def test_create_makes_a_draft_of_the_callers_region(client_for, people):
    response = client_for(people.official()).post(LIST, new_proposal(), format="json")
    assert response.status_code == 201
    data = response.json()
    assert set(data) == OUTPUT_FIELDS
    proposal = Proposal.objects.get(pk=data["id"])
    assert data["status"] == "draft" and proposal.status == S.DRAFT
    assert data["status_label"] == "작성중"
    assert data["region"] == GANGWON and data["region_name"] == "강원특별자치도"
    assert data["reference"].endswith("-51-0001")
    assert sorted(data["strategies"]) == ["plan_transport", "smart_compact_network"]
    assert data["budget_estimate"] == 120000
    assert data["available_actions"] == ["submit", "withdraw"]
    assert ProposalEvent.objects.filter(proposal=proposal, action="create").count() == 1


def test_create_sanitises_body_html(client_for, people):
    data = client_for(people.official()).post(LIST, new_proposal(), format="json").json()
    assert "<script>" not in data["body_html"]
    assert "<strong>중요</strong>" in data["body_html"]
    assert data["body"].startswith("## 배경")


def test_create_by_vice_governor_is_allowed(client_for, people):
    response = client_for(people.vice_governor()).post(LIST, new_proposal(), format="json")
    assert response.status_code == 201


def test_create_for_another_region_is_403(client_for, people):
    response = client_for(people.official(BUSAN)).post(LIST, new_proposal(region=GANGWON), format="json")
    assert response.status_code == 403
    assert not Proposal.objects.exists()


@pytest.mark.parametrize("role", ["tf_staff", "dept_reviewer", "advisor"])
def test_create_by_non_regional_roles_is_403(client_for, make_member, role):
    response = client_for(make_member(role)).post(LIST, new_proposal(), format="json")
    assert response.status_code == 403


def test_create_for_abolished_region_is_400_in_korean(client_for, people):
    # 42 is 강원도 before it became 강원특별자치도 (51) in 2023.
    response = client_for(people.official()).post(LIST, new_proposal(region="42"), format="json")
    assert response.status_code == 400
    assert "폐지된 지역" in response.json()["region"][0]
    assert "강원특별자치도" in response.json()["region"][0]


def test_create_unknown_region_code_is_400(client_for, people):
    response = client_for(people.official()).post(LIST, new_proposal(region="99"), format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["region"]


def test_create_unknown_strategy_is_400(client_for, people):
    response = client_for(people.official()).post(LIST, new_proposal(strategies=["nope"]), format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["strategies"]


def test_create_missing_fields_are_field_errors(client_for, people):
    response = client_for(people.official()).post(LIST, {}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"region", "title", "summary", "category"}


def test_anonymous_is_401(api_client):
    assert api_client.get(LIST).status_code == 401
    assert api_client.post(LIST, new_proposal(), format="json").status_code == 401


def test_token_auth_lists_and_creates(people):
    user = people.official()
    _instance, token = AuthToken.objects.create(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    created = client.post(LIST, new_proposal(), format="json")
    assert created.status_code == 201
    listed = client.get(LIST)
    assert listed.status_code == 200
    assert [p["id"] for p in listed.json()["results"]] == [created.json()["id"]]


# --- list: scoped and filtered ------------------------------------------------------------


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_list_is_paginated(client_for, people, flow):
    flow.make()
    data = client_for(people.official()).get(LIST).json()
    assert set(data) == {"count", "next", "previous", "results"}
    assert data["count"] == 1


def test_list_officials_see_own_region_only_tf_sees_no_drafts(client_for, people, flow):
    gangwon_draft = flow.make(S.DRAFT)
    gangwon_submitted = flow.make(S.SUBMITTED)
    busan_draft = flow.make(S.DRAFT, region=BUSAN)
    busan_submitted = flow.make(S.SUBMITTED, region=BUSAN)
    assert ids(client_for(people.official()).get(LIST)) == {gangwon_draft.pk, gangwon_submitted.pk}
    assert ids(client_for(people.official(BUSAN)).get(LIST)) == {busan_draft.pk, busan_submitted.pk}
    assert ids(client_for(people.tf).get(LIST)) == {gangwon_submitted.pk, busan_submitted.pk}


def test_list_reviewer_sees_assigned_to_department_only(client_for, people, flow):
    assigned = flow.make(S.ASSIGNED)
    flow.make(S.SUBMITTED)
    assert ids(client_for(people.reviewer).get(LIST)) == {assigned.pk}
    assert ids(client_for(people.other_reviewer).get(LIST)) == set()


def test_list_consulted_organisation_sees_nothing(client_for, people, flow):
    flow.make(S.IN_REVIEW)
    assert ids(client_for(people.advisor).get(LIST)) == set()


def test_list_filters(client_for, people, flow):
    draft = flow.make(S.DRAFT, title="원주 혁신도시 고도화", category="urban")
    assigned = flow.make(S.ASSIGNED, title="동해선 전철화", category="rail")
    client = client_for(people.official())
    assert ids(client.get(LIST, {"status": "draft"})) == {draft.pk}
    assert ids(client.get(LIST, {"status": ["draft", "assigned"]})) == {draft.pk, assigned.pk}
    assert ids(client.get(LIST, {"category": "rail"})) == {assigned.pk}
    assert ids(client.get(LIST, {"region": GANGWON})) == {draft.pk, assigned.pk}
    assert ids(client.get(LIST, {"region": BUSAN})) == set()
    assert ids(client.get(LIST, {"department": LEAD})) == {assigned.pk}
    assert ids(client.get(LIST, {"q": "전철화"})) == {assigned.pk}
    assert ids(client.get(LIST, {"q": assigned.reference})) == {assigned.pk}
    assert ids(client.get(LIST, {"outcome": "accepted"})) == set()
    assert ids(client.get(LIST, {"overdue": "false"})) == {draft.pk, assigned.pk}


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"status": "bogus"}, "status"),
        ({"category": "nope"}, "category"),
        ({"outcome": "maybe"}, "outcome"),
        ({"region": "\x00"}, "region"),
        ({"q": "a\x00b"}, "q"),
    ],
)
def test_list_invalid_filters_are_400(client_for, people, query, field):
    response = client_for(people.official()).get(LIST, query)
    assert response.status_code == 400
    assert field in response.json()


def make_many(flow, count):
    strategies = list(Strategy.objects.filter(code__in=["plan_transport", "smart_mega_region"]))
    for index in range(count):
        flow.make(S.ASSIGNED if index % 2 else S.DRAFT, title=f"과제 {index}", strategies=strategies)


@pytest.mark.parametrize("role", ["official", "tf", "reviewer"])
def test_list_query_count_does_not_grow_with_rows(client_for, people, flow, role):
    make_many(flow, 3)
    user = people.official() if role == "official" else getattr(people, role)
    client = client_for(user)
    client.get(LIST)  # warm caches that are per-process, not per-row
    with CaptureQueriesContext(connection) as few:
        response = client.get(LIST)
    assert response.json()["count"] >= 1
    make_many(flow, 27)
    with CaptureQueriesContext(connection) as many:
        response = client.get(LIST)
    assert response.json()["count"] >= 14
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_the_tfs_total_comes_from_the_maintained_counts_and_is_exact(client_for, people, flow):
    make_many(flow, 6)  # 3 assigned, 3 drafts (the TF does not see drafts)
    client = client_for(people.tf)
    for query, expected in (("", 3), ("?status=assigned", 3), ("?status=decided", 0), ("?page_size=2", 3)):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(LIST + query)
        assert response.status_code == 200 and response.json()["count"] == expected, query
        counts = [q["sql"] for q in captured.captured_queries if "COUNT(" in q["sql"].upper()]
        assert not [sql for sql in counts if '"proposals_proposal"' in sql.split("FROM", 1)[1][:40]], counts
    # Any other filter, or another role, is counted in the table — and still exact.
    assert (
        client.get(LIST + "?category=road").json()["count"]
        == Proposal.objects.filter(category="road", status=S.ASSIGNED).count()
    )
    reviewer = client_for(people.reviewer).get(LIST).json()
    assert reviewer["count"] == len(reviewer["results"])


# --- retrieve -----------------------------------------------------------------------------


def test_retrieve_own_region_draft(client_for, people, flow):
    draft = flow.make()
    response = client_for(people.official()).get(detail(draft))
    assert response.status_code == 200
    assert response.json()["reference"] == draft.reference


def test_retrieve_other_region_draft_is_404(client_for, people, flow):
    busan_draft = flow.make(region=BUSAN)
    response = client_for(people.official(GANGWON)).get(detail(busan_draft))
    assert response.status_code == 404
    assert response.json() == {"detail": "찾을 수 없습니다."}


def test_retrieve_other_region_submitted_is_404_for_official(client_for, people, flow):
    busan = flow.make(S.SUBMITTED, region=BUSAN)
    assert client_for(people.official(GANGWON)).get(detail(busan)).status_code == 404


def test_retrieve_404_is_the_same_as_for_a_missing_id(client_for, people, flow):
    busan_draft = flow.make(region=BUSAN)
    client = client_for(people.official(GANGWON))
    hidden = client.get(detail(busan_draft))
    missing = client.get("/api/v1/proposals/999999/")
    assert (hidden.status_code, hidden.json()) == (missing.status_code, missing.json())


def test_retrieve_draft_is_404_for_tf(client_for, people, flow):
    assert client_for(people.tf).get(detail(flow.make())).status_code == 404


def test_retrieve_huge_id_is_404(client_for, people):
    response = client_for(people.official()).get("/api/v1/proposals/99999999999999999999999999/")
    assert response.status_code == 404


def test_decision_reasons_only_with_internal_notes_permission(client_for, people, flow):
    decided = flow.make(S.DECIDED)
    as_reviewer = client_for(people.reviewer).get(detail(decided)).json()
    as_tf = client_for(people.tf).get(detail(decided)).json()
    as_official = client_for(people.official()).get(detail(decided)).json()
    assert as_reviewer["decision_reasons"] == "내부 검토 의견"
    assert as_tf["decision_reasons"] == "내부 검토 의견"
    assert "decision_reasons" not in as_official
    assert as_official["decision_summary"] == "수용"
    assert as_official["outcome"] == "accepted" and as_official["outcome_label"] == "수용"


def test_available_actions_are_the_callers(client_for, people, flow):
    assigned = flow.make(S.ASSIGNED)
    assert client_for(people.reviewer).get(detail(assigned)).json()["available_actions"] == [
        "start_review",
        "decline",
        "consult",
        "extend",
    ]  # close_consultation only once a consultation is open
    assert client_for(people.tf).get(detail(assigned)).json()["available_actions"] == ["reassign", "refer"]
    assert client_for(people.official()).get(detail(assigned)).json()["available_actions"] == []


def test_assigned_output_has_departments_and_deadline(client_for, people, flow):
    assigned = flow.make(S.ASSIGNED)
    data = client_for(people.tf).get(detail(assigned)).json()
    assert data["lead_department"] == LEAD
    assert data["support_departments"] == []
    assert data["due_at"] is not None
    assert data["is_overdue"] is False


# --- update -------------------------------------------------------------------------------


def test_patch_changes_only_what_is_sent(client_for, people, flow):
    draft = flow.make(summary="원래 요약")
    response = client_for(people.official()).patch(
        detail(draft), {"title": "고친 제목", "strategies": ["plan_growth_space"]}, format="json"
    )
    assert response.status_code == 200
    data = response.json()
    assert data["title"] == "고친 제목"
    assert data["summary"] == "원래 요약"
    assert data["strategies"] == ["plan_growth_space"]
    event = ProposalEvent.objects.get(proposal=draft, action="update")
    assert set(event.payload["fields"]) == {"title", "strategies"}


def test_patch_ignores_status_and_region(client_for, people, flow):
    draft = flow.make()
    response = client_for(people.official()).patch(
        detail(draft), {"status": "completed", "region": BUSAN, "reference": "x"}, format="json"
    )
    assert response.status_code == 200
    draft.refresh_from_db()
    assert (draft.status, draft.region.code) == (S.DRAFT, GANGWON)


def test_patch_other_region_draft_is_404(client_for, people, flow):
    busan_draft = flow.make(region=BUSAN)
    response = client_for(people.official(GANGWON)).patch(detail(busan_draft), {"title": "x"}, format="json")
    assert response.status_code == 404


def test_patch_by_tf_is_403(client_for, people, flow):
    submitted = flow.make(S.SUBMITTED)
    response = client_for(people.tf).patch(detail(submitted), {"title": "x"}, format="json")
    assert response.status_code == 403


def test_patch_after_submission_is_409(client_for, people, flow):
    submitted = flow.make(S.SUBMITTED)
    response = client_for(people.official()).patch(detail(submitted), {"title": "x"}, format="json")
    assert response.status_code == 409
    assert "수정할 수 있습니다" in response.json()["detail"]


def test_patch_when_info_requested_is_allowed(client_for, people, flow):
    proposal = flow.make(S.INFO_REQUESTED)
    response = client_for(people.official()).patch(detail(proposal), {"budget_estimate": 5}, format="json")
    assert response.status_code == 200
    assert response.json()["budget_estimate"] == 5


def test_patch_blank_title_is_400(client_for, people, flow):
    response = client_for(people.official()).patch(detail(flow.make()), {"title": ""}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["title"]


def test_put_and_delete_are_405(client_for, people, flow):
    draft = flow.make()
    client = client_for(people.official())
    assert client.put(detail(draft), new_proposal(), format="json").status_code == 405
    assert client.delete(detail(draft)).status_code == 405
