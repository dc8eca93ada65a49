"""Admin changes are recorded (issue 17 §6): a proposal's ``is_public`` on its timeline,
memberships and meetings in the chained admin change log."""

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from apps.accounts.models import Membership
from apps.core.models import AdminChange
from apps.proposals.models import ProposalEvent
from apps.proposals.models import ProposalStatus as S
from apps.proposals.timeline import timeline_for
from tests.proposals.support import proposal_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(client, django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@example.go.kr", "pw-1234!")
    client.force_login(user)
    return client


def change_form_data(client, url, **changes) -> dict:
    """What the admin's change form would post as it stands (with its inlines'
    management forms), with ``changes`` applied; False leaves a checkbox unticked."""
    context = client.get(url).context
    form = context["adminform"].form
    data = {}
    for name in form.fields:
        value = form.initial.get(name)
        if value is None or value is False:
            continue
        data[name] = value.pk if hasattr(value, "pk") else ("on" if value is True else value)
    for inline in context["inline_admin_formsets"]:
        management = inline.formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management.initial.get(name, 0)
    for name, value in changes.items():
        if value is False:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def test_an_is_public_change_in_the_admin_appears_on_the_timeline(operator, cast):
    proposal = proposal_in(cast, S.SUBMITTED)
    url = reverse("admin:proposals_proposal_change", args=[proposal.pk])

    response = operator.post(url, change_form_data(operator, url, is_public=False))

    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.is_public is False
    event = ProposalEvent.objects.filter(proposal=proposal).last()
    assert event.action == "admin_change"
    assert event.payload == {"fields": ["is_public"], "is_public": False}
    entries = timeline_for(cast["official"], proposal)
    assert entries[-1].label == "관리자 수정"
    reader = Client()
    reader.force_login(cast["tf_staff"])
    page = reader.get(reverse("proposal-detail", args=[proposal.pk])).content.decode()
    assert "관리자 수정" in page


def test_saving_without_a_change_records_nothing(operator, cast):
    proposal = proposal_in(cast, S.SUBMITTED)
    before = ProposalEvent.objects.filter(proposal=proposal).count()
    url = reverse("admin:proposals_proposal_change", args=[proposal.pk])

    assert operator.post(url, change_form_data(operator, url)).status_code == 302

    assert ProposalEvent.objects.filter(proposal=proposal).count() == before


def test_a_membership_change_in_the_admin_is_recorded_and_chained(operator, cast):
    membership = Membership.objects.filter(user=cast["official"]).first()
    url = reverse("admin:accounts_membership_change", args=[membership.pk])

    response = operator.post(url, change_form_data(operator, url, title="주무관(변경)"))

    assert response.status_code == 302, response.content.decode()[:2000]
    change = AdminChange.objects.get()
    assert (change.kind, change.model, change.object_id) == ("changed", "accounts.membership", str(membership.pk))
    assert change.changes["title"][1] == "주무관(변경)"
    call_command("verify_events")
    AdminChange.objects.filter(pk=change.pk).update(changes={})
    with pytest.raises(CommandError, match=f"admin change {change.pk}"):
        call_command("verify_events")
