"""Who may import, and who may export each list page: every rule both ways; superusers
are not an exception."""

import pytest
from django.contrib.auth.models import AnonymousUser

pytestmark = pytest.mark.django_db

ALLOWED = {
    "exchange.import_proposals": ["regional_official", "vice_governor"],
    "exchange.export_proposals": ["regional_official", "tf_staff", "dept_reviewer", "advisor"],
    "proposals.list_region_proposals": ["regional_official", "vice_governor", "liaison"],
    "proposals.list_endorsements": ["vice_governor"],
    "proposals.triage_proposals": ["tf_staff", "tf_lead", "admin"],
    "proposals.review_proposals": ["dept_reviewer"],
    "exchange.export_ledger": ["tf_staff", "tf_lead", "admin", "dept_reviewer", "regional_office"],
    "exchange.update_ledger": ["tf_staff", "tf_lead", "dept_reviewer"],
}
REFUSED = {
    "exchange.import_proposals": ["liaison", "tf_staff", "dept_reviewer", "admin"],
    "proposals.list_region_proposals": ["tf_staff", "dept_reviewer", "admin"],
    "proposals.list_endorsements": ["regional_official", "liaison", "tf_lead"],
    "proposals.triage_proposals": ["dept_reviewer", "regional_official", "liaison"],
    "proposals.review_proposals": ["tf_staff", "regional_official", "admin"],
    "exchange.export_ledger": ["regional_official", "vice_governor", "liaison", "advisor", "institution"],
    "exchange.update_ledger": ["admin", "regional_office", "regional_official", "liaison"],
}


@pytest.mark.parametrize(("permission", "role"), [(p, r) for p, roles in ALLOWED.items() for r in roles])
def test_allowed(make_member, permission, role):
    assert make_member(role).has_perm(permission)


@pytest.mark.parametrize(("permission", "role"), [(p, r) for p, roles in REFUSED.items() for r in roles])
def test_refused(make_member, permission, role):
    assert not make_member(role).has_perm(permission)


@pytest.mark.parametrize("permission", sorted(REFUSED))
def test_refused_to_a_superuser_without_the_role(django_user_model, permission):
    root = django_user_model.objects.create_superuser("root", "root@example.go.kr", "pw-1234!")

    assert not root.has_perm(permission)


@pytest.mark.parametrize("permission", sorted(ALLOWED))
def test_refused_to_the_public(permission):
    assert not AnonymousUser().has_perm(permission)
