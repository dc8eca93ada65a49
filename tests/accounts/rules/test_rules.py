"""Every permission rule of the foundation, tested both ways."""

import pytest
from django.contrib.auth.models import AnonymousUser

from apps.organisations.models import Body

pytestmark = pytest.mark.django_db

MINISTRY = ["tf_staff", "tf_lead", "dept_reviewer", "liaison", "regional_office", "admin"]
OUTSIDE = ["regional_official", "vice_governor", "advisor", "institution", "forum_member", "forum_chair"]


@pytest.mark.parametrize("role", MINISTRY)
def test_internal_body_members_visible_to_ministry_staff(make_member, role):
    assert make_member(role).has_perm("organisations.view_body_members", Body.objects.get(code="tf"))


@pytest.mark.parametrize("role", OUTSIDE)
def test_internal_body_members_hidden_from_people_outside_the_ministry(make_member, role):
    assert not make_member(role).has_perm("organisations.view_body_members", Body.objects.get(code="tf"))


def test_internal_body_members_hidden_from_the_public():
    assert not AnonymousUser().has_perm("organisations.view_body_members", Body.objects.get(code="tf"))


def test_public_body_members_visible_to_everyone():
    assert AnonymousUser().has_perm("organisations.view_body_members", Body.objects.get(code="forum"))
