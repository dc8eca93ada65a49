"""A superuser account is for the Django admin's data maintenance: it holds no workflow
role it was not given, so every proposal action is refused to it on the web and the API,
and with a role it may do exactly what that role may."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from apps.proposals.models import ProposalEvent
from apps.proposals.models import ProposalStatus as S
from apps.proposals.registry import FIREABLE
from tests.factories import UserFactory, member
from tests.proposals.support import PATHS, Cast, proposal_in

pytestmark = pytest.mark.django_db


def superuser(*roles):
    user = member(roles[0]) if roles else UserFactory()
    user.is_staff = user.is_superuser = True
    user.save()
    return user


def a_source_state(spec) -> str:
    return next(state for state in PATHS if state in spec.sources)


@pytest.mark.parametrize("action", sorted(FIREABLE))
def test_superuser_without_a_role_is_refused_every_action_on_web_and_api(action):
    proposal = proposal_in(Cast(), a_source_state(FIREABLE[action]))
    root = superuser()
    events = ProposalEvent.objects.filter(proposal=proposal).count()
    web = Client()
    web.force_login(root)
    api = APIClient()
    api.force_authenticate(root)

    assert web.post(f"/proposals/{proposal.pk}/action/{action}/", {"note": "관리자"}).status_code == 404
    assert api.post(f"/api/v1/proposals/{proposal.pk}/{action}/", {"note": "관리자"}).status_code == 404
    assert ProposalEvent.objects.filter(proposal=proposal).count() == events


@pytest.mark.parametrize(
    "url", ["/proposals/", "/proposals/triage/", "/proposals/inbox/", "/proposals/new/", "/proposals/workload/"]
)
def test_superuser_without_a_role_gets_no_workflow_page(url):
    web = Client()
    web.force_login(superuser())
    assert web.get(url).status_code == 403


def test_superuser_with_a_tf_role_may_do_what_the_tf_does_and_nothing_more():
    proposal = proposal_in(Cast(), S.SUBMITTED)
    api = APIClient()
    api.force_authenticate(superuser("tf_staff"))

    assigned = api.post(f"/api/v1/proposals/{proposal.pk}/assign/", {"lead_department": "녹색도시과"})
    assert assigned.status_code == 200, assigned.content
    assert api.post(f"/api/v1/proposals/{proposal.pk}/start_review/", {}).status_code == 403
    assert api.post(f"/api/v1/proposals/{proposal.pk}/reopen/", {}).status_code == 403


def test_the_admin_still_works_for_a_superuser_without_a_role():
    proposal = proposal_in(Cast(), S.SUBMITTED)
    web = Client()
    web.force_login(superuser())
    assert web.get("/admin/proposals/proposal/").status_code == 200
    assert web.get(f"/admin/proposals/proposal/{proposal.pk}/change/").status_code == 200
