"""``consultations/``: a reviewer asks a partner organisation; its members see only that
consultation and the proposal's reference, title and summary, and answer it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.organisations.models import PartnerOrganisation
from apps.proposals import services
from apps.proposals.models import Consultation, ProposalEvent
from apps.proposals.models import ProposalStatus as S

from .conftest import future

pytestmark = pytest.mark.django_db

LIST = "/api/v1/consultations/"


def respond_url(consultation) -> str:
    return f"/api/v1/consultations/{consultation.pk}/respond/"


@pytest.fixture
def in_review(flow):
    return flow.make(S.IN_REVIEW, body="내부 본문", requested_action="요청")


@pytest.fixture
def consultation(people, in_review):
    return services.consultation_request(
        proposal=in_review,
        actor=people.reviewer,
        organisation=PartnerOrganisation.objects.get(code="KRIHS"),
        question="입지 타당성?",
    )


def ask(client, target, **overrides):
    body = {"proposal": target.pk, "organisation": "KRIHS", "question": "의견을 주세요.", **overrides}
    return client.post(LIST, body, format="json")


# --- request --------------------------------------------------------------------------------


def test_lead_reviewer_requests_a_consultation(client_for, people, in_review):
    due = future(20).isoformat()
    response = ask(client_for(people.reviewer), in_review, due_at=due)
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["organisation"] == "KRIHS"
    assert data["proposal"] == {
        "id": in_review.pk,
        "reference": in_review.reference,
        "title": in_review.title,
        "summary": in_review.summary,
    }
    assert (data["state"], data["due_at"], data["question"], data["answer"]) == ("open", due, "의견을 주세요.", "")
    assert data["requested_by"] == people.reviewer.name
    assert data["can_respond"] is False
    assert ProposalEvent.objects.filter(proposal=in_review, action="consult").count() == 1


def test_request_without_due_date_gets_the_service_level(client_for, people, in_review):
    response = ask(client_for(people.reviewer), in_review)
    assert response.status_code == 201
    assert response.json()["due_at"] > future(0).isoformat()


@pytest.mark.parametrize("who", ["tf", "official"])
def test_request_by_someone_who_sees_but_may_not_is_403(client_for, people, in_review, who):
    user = people.official() if who == "official" else people.tf
    assert ask(client_for(user), in_review).status_code == 403
    assert not Consultation.objects.exists()


def test_request_on_a_proposal_the_caller_cannot_see_is_400_without_revealing_it(client_for, people, in_review):
    response = ask(client_for(people.other_reviewer), in_review)
    missing = client_for(people.other_reviewer).post(
        LIST, {"proposal": 987654, "organisation": "KRIHS", "question": "?"}, format="json"
    )
    assert response.status_code == missing.status_code == 400
    assert response.json() == missing.json() == {"proposal": ["건의과제를 찾을 수 없습니다."]}


def test_request_from_the_wrong_state_is_409(client_for, people, flow):
    decided = flow.make(S.DECIDED)
    assert ask(client_for(people.reviewer), decided).status_code == 409


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"organisation": "NOPE"}, "organisation"),
        ({"organisation": "\x00"}, "organisation"),
        ({"organisation": ["KRIHS"]}, "organisation"),
        ({"question": ""}, "question"),
        ({"question": "   "}, "question"),
        ({"due_at": "2000-01-01"}, "due_at"),
        ({"due_at": "내일"}, "due_at"),
        ({"proposal": "x"}, "proposal"),
        ({"proposal": 10**40}, "proposal"),
    ],
)
def test_request_bad_fields_are_400(client_for, people, in_review, overrides, field):
    response = ask(client_for(people.reviewer), in_review, **overrides)
    assert response.status_code == 400, response.content
    assert field in response.json()


# --- what each side sees --------------------------------------------------------------------


def test_consulted_organisation_sees_only_its_consultation(client_for, people, consultation, in_review):
    client = client_for(people.advisor)
    listed = client.get(LIST).json()
    assert [row["id"] for row in listed["results"]] == [consultation.pk]
    row = listed["results"][0]
    assert set(row["proposal"]) == {"id", "reference", "title", "summary"}
    assert row["question"] == "입지 타당성?"
    assert row["can_respond"] is True
    assert client.get(f"{LIST}{consultation.pk}/").status_code == 200
    # … and nothing else of the proposal.
    base = f"/api/v1/proposals/{in_review.pk}"
    for path in (f"{base}/", f"{base}/events/", f"{base}/attachments/"):
        assert client.get(path).status_code == 404, path


def test_other_organisations_do_not_see_it(client_for, people, consultation):
    client = client_for(people.institution)
    assert client.get(LIST).json()["count"] == 0
    assert client.get(f"{LIST}{consultation.pk}/").status_code == 404
    assert client.post(respond_url(consultation), {"answer": "x"}, format="json").status_code == 404


def test_region_does_not_see_the_consultation_record(client_for, people, consultation):
    # Consultations are the ministry's internal record (DESIGN §2: other bodies' internal notes).
    services.consultation_respond(consultation=consultation, actor=people.advisor, answer="회신")
    assert client_for(people.official()).get(f"{LIST}{consultation.pk}/").status_code == 404
    assert client_for(people.official()).get(LIST).json()["count"] == 0


def test_reviewer_and_tf_see_question_and_answer(client_for, people, consultation):
    services.consultation_respond(consultation=consultation, actor=people.advisor, answer="회신")
    for user in (people.reviewer, people.tf):
        row = client_for(user).get(f"{LIST}{consultation.pk}/").json()
        assert (row["question"], row["answer"], row["answered_by"]) == ("입지 타당성?", "회신", people.advisor.name)


def test_consultation_detail_bad_ids_are_404(client_for, people):
    client = client_for(people.advisor)
    assert client.get(f"{LIST}999999/").status_code == 404
    assert client.get(f"{LIST}99999999999999999999999/").status_code == 404
    assert client.get(f"{LIST}abc/").status_code == 404


def test_consultations_anonymous_is_401(api_client):
    assert api_client.get(LIST).status_code == 401


# --- respond --------------------------------------------------------------------------------


def test_advisor_responds_until_the_reviewer_closes_it(client_for, people, consultation):
    client = client_for(people.advisor)
    response = client.post(respond_url(consultation), {"answer": "타당합니다."}, format="json")
    assert response.status_code == 200
    data = response.json()
    assert (data["state"], data["answer"], data["answered_by"], data["can_respond"]) == (
        "answered",
        "타당합니다.",
        people.advisor.name,
        True,
    )
    again = client.post(respond_url(consultation), {"answer": "보충 의견"}, format="json")
    assert again.status_code == 200
    assert Consultation.objects.get().replies.count() == 2
    closed = client_for(people.reviewer).post(
        f"/api/v1/proposals/{consultation.proposal_id}/close_consultation/",
        {"consultation": consultation.pk},
        format="json",
    )
    assert closed.status_code == 200, closed.content
    late = client.post(respond_url(consultation), {"answer": "늦은 의견"}, format="json")
    assert late.status_code == 409
    assert Consultation.objects.get().answer == "보충 의견"


@pytest.mark.parametrize("who", ["tf", "reviewer"])
def test_respond_by_someone_who_sees_but_is_not_consulted_is_403(client_for, people, consultation, who):
    response = client_for(getattr(people, who)).post(respond_url(consultation), {"answer": "x"}, format="json")
    assert response.status_code == 403
    assert Consultation.objects.get().state == Consultation.State.OPEN


@pytest.mark.parametrize("body", [{}, {"answer": ""}, {"answer": "  "}, {"answer": ["a"]}, {"answer": "a\x00"}])
def test_respond_bad_answer_is_400(client_for, people, consultation, body):
    response = client_for(people.advisor).post(respond_url(consultation), body, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["answer"]


def test_list_query_count_does_not_grow_with_rows(client_for, people, flow):
    krihs = PartnerOrganisation.objects.get(code="KRIHS")

    def consult(count):
        for _ in range(count):
            services.consultation_request(
                proposal=flow.make(S.IN_REVIEW), actor=people.reviewer, organisation=krihs, question="?"
            )

    viewers = [people.advisor, people.reviewer, people.tf]
    consult(2)
    few = {}
    for user in viewers:
        client_for(user).get(LIST)  # warm per-user caches
        with CaptureQueriesContext(connection) as queries:
            assert client_for(user).get(LIST).json()["count"] == 2
        few[user.pk] = len(queries)
    consult(8)
    for user in viewers:
        with CaptureQueriesContext(connection) as queries:
            assert client_for(user).get(LIST).json()["count"] == 10
        assert len(queries) == few[user.pk], user
