import pytest
from django.core.management import call_command

from apps.accounts.models import Membership, Role, User
from apps.demo.people import DEMO_PASSWORD
from apps.organisations.models import CouncilSeat

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    call_command("seed_demo", "--without-proposals")


def test_seed_demo_creates_someone_for_every_role(seeded):
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role.values)


def test_seed_demo_twice_changes_nothing(seeded):
    users, memberships = User.objects.count(), Membership.objects.count()
    call_command("seed_demo", "--without-proposals")
    assert (User.objects.count(), Membership.objects.count()) == (users, memberships)


def test_seed_demo_seats_a_vice_governor_for_every_current_council_region(seeded):
    council_regions = set(CouncilSeat.objects.current().values_list("region__code", flat=True))
    current_vgs = Membership.objects.current().filter(role=Role.VICE_GOVERNOR)
    assert set(current_vgs.values_list("region__code", flat=True)) == council_regions
    assert current_vgs.count() == 13


def test_seed_demo_keeps_the_2023_gwangju_and_jeonnam_members_as_past(seeded):
    # A vice-governor and an official each, who filed and endorsed before the merger.
    for role in (Role.VICE_GOVERNOR, Role.REGIONAL_OFFICIAL):
        past = Membership.objects.filter(role=role, region__code__in=["29", "46"])
        assert past.count() == 2
        assert all(m.valid_to.isoformat() == "2026-06-30" for m in past)
        assert not past.current().exists()


def test_seed_demo_has_eleven_forum_members_and_a_chair(seeded):
    assert Membership.objects.filter(role=Role.FORUM_MEMBER).count() == 11
    assert Membership.objects.filter(role=Role.FORUM_CHAIR).count() == 1


def test_seed_demo_logins_work(seeded, client):
    # Through the login form (the lockout backend needs the request Client.login leaves out).
    for username in ("vg-51", "tf1", "reviewer01"):
        response = type(client)().post("/accounts/login/", {"username": username, "password": DEMO_PASSWORD})
        assert response.status_code == 302, username
