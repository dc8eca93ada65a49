import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse
from rest_framework.authtoken.models import Token

pytestmark = pytest.mark.django_db

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)


def _url(model, view: str) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}")


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_changelist_loads_for_superuser(admin_client, model):
    assert admin_client.get(_url(model, "changelist")).status_code == 200
    assert admin_client.get(_url(model, "changelist"), {"q": "강원"}).status_code == 200
    assert admin_client.get(_url(model, "add")).status_code == 200


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_change_form_loads_for_superuser(admin_client, model, make_member):
    user = make_member("vice_governor")
    Group.objects.create(name="검토자")
    Token.objects.create(user=user)
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
