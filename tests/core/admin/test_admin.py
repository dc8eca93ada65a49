import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from knox.models import AuthToken

from apps.accounts.two_factor import backup_codes_issue, enrolment_device
from apps.notifications.models import Channel, EmailState, Kind, Notification
from apps.notifications.services import send_digest, set_preferences
from apps.organisations.models import PartnerOrganisation
from apps.proposals.attachments import attachment_add
from apps.proposals.models import ProposalStatus as S
from apps.proposals.services import consultation_request
from tests.meetings.support import admin_rows
from tests.proposals.services import files
from tests.proposals.support import Cast, proposal_in

pytestmark = pytest.mark.django_db

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)


def _url(model, view: str) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}")


@pytest.fixture
def admin_world(make_member):
    """At least one row of every registered model, made the way the platform makes them."""
    user = make_member("vice_governor")
    Group.objects.create(name="검토자")
    AuthToken.objects.create(user=user)
    # A second factor: an authenticator key and backup codes (django-otp).
    enrolment_device(user)
    backup_codes_issue(user=user)
    # A failed login: the lockout's attempt and failure-log rows (django-axes).
    Client().post(reverse("login"), {"username": user.username, "password": "wrong"})
    cast = Cast()
    proposal = proposal_in(cast, S.IN_REVIEW)
    consultation_request(
        proposal=proposal,
        actor=cast["lead_reviewer"],
        organisation=PartnerOrganisation.objects.get(code="KRIHS"),
        question="입지 타당성?",
    )
    attachment_add(proposal=proposal, actor=cast["official"], upload=files.upload("건의서.pdf", files.pdf()))
    set_preferences(user=user, channels={Kind.DECIDED: Channel.DIGEST})
    waiting = Notification.objects.filter(email_state=EmailState.DIGEST).first()
    send_digest(user_id=waiting.recipient_id, on=timezone.localdate(), before=timezone.now())
    admin_rows()
    # An ad-hoc holiday added in the admin, which also writes the admin's own change record.
    operator = get_user_model().objects.create_superuser("holiday-operator", "operator@example.com", "Strong-pass-1234")
    operator_client = Client()
    operator_client.force_login(operator)
    operator_client.post(reverse("admin:core_holiday_add"), {"date": "2026-12-24", "name": "임시공휴일"})
    return proposal


def _may_add(model, user) -> bool:
    request = RequestFactory().get("/")
    request.user = user
    return admin.site._registry[model].has_add_permission(request)


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_changelist_loads_for_superuser(admin_client, admin_world, model):
    assert admin_client.get(_url(model, "changelist")).status_code == 200
    assert admin_client.get(_url(model, "changelist"), {"q": "강원"}).status_code == 200


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_add_form_loads_unless_records_are_only_made_by_the_platform(admin_client, admin_user, model):
    # Proposals, their timeline and notifications are written by services, never by hand.
    assert admin_client.get(_url(model, "add")).status_code == (200 if _may_add(model, admin_user) else 403)


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_change_form_loads_for_superuser(admin_client, admin_world, model):
    obj = model._default_manager.first()
    assert obj is not None

    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk])
    assert admin_client.get(url).status_code == 200


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_changelist_refused_to_non_staff(client, make_member, model):
    client.force_login(make_member("tf_staff"))

    response = client.get(_url(model, "changelist"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_every_domain_model_is_registered():
    labels = {model._meta.label for model in admin.site._registry}

    assert labels >= {
        "organisations.Region",
        "organisations.Body",
        "organisations.CouncilSeat",
        "organisations.Department",
        "organisations.RegionalOffice",
        "organisations.PartnerOrganisation",
        "accounts.User",
        "accounts.Membership",
    }


def test_admin_site_header_is_korean(admin_client):
    assert "균형발전 소통창구 관리" in admin_client.get(reverse("admin:index")).content.decode()


def test_user_change_form_has_profile_fields_and_membership_inline(admin_client, make_member):
    user = make_member("vice_governor")

    html = admin_client.get(reverse("admin:accounts_user_change", args=[user.pk])).content.decode()

    for field in ("name", "position", "affiliation", "phone"):
        assert f'name="{field}"' in html
    assert 'name="memberships-0-role"' in html
