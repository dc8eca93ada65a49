"""The operators' admin: proposals read-mostly, the timeline read-only, service levels
editable."""

import pytest
from django.urls import reverse

from apps.proposals.models import ProposalEvent, ServiceLevel
from apps.proposals.models import ProposalStatus as S
from tests.proposals.support import proposal_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(client, django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@example.go.kr", "pw-1234!")
    client.force_login(user)
    return client


def test_admin_pages_render(admin_client_, cast):
    proposal = proposal_in(cast, S.ASSIGNED)
    event = ProposalEvent.objects.filter(proposal=proposal).first()
    for url in [
        reverse("admin:proposals_proposal_changelist"),
        reverse("admin:proposals_proposal_changelist") + "?status__exact=assigned&q=강릉",
        reverse("admin:proposals_proposal_change", args=[proposal.pk]),
        reverse("admin:proposals_proposalevent_changelist"),
        reverse("admin:proposals_proposalevent_change", args=[event.pk]),
        reverse("admin:proposals_consultation_changelist"),
        reverse("admin:proposals_strategy_changelist"),
        reverse("admin:proposals_servicelevel_changelist"),
        reverse("admin:proposals_attachment_changelist"),
    ]:
        assert admin_client_.get(url).status_code == 200, url


def test_proposal_status_is_read_only_and_events_cannot_be_added(admin_client_, cast):
    proposal = proposal_in(cast, S.SUBMITTED)

    html = admin_client_.get(reverse("admin:proposals_proposal_change", args=[proposal.pk])).content.decode()

    assert 'name="status"' not in html
    assert 'name="is_public"' in html
    assert admin_client_.get(reverse("admin:proposals_proposal_add")).status_code == 403
    assert admin_client_.get(reverse("admin:proposals_proposalevent_add")).status_code == 403


def test_service_levels_are_editable(admin_client_):
    level = ServiceLevel.objects.get(stage="review")

    response = admin_client_.post(
        reverse("admin:proposals_servicelevel_change", args=[level.pk]), {"business_days": 25}
    )

    assert response.status_code == 302
    level.refresh_from_db()
    assert level.business_days == 25
