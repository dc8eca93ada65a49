import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from apps.accounts.models import Membership, Role
from apps.accounts.selectors import active_memberships, user_region_ids, user_roles
from apps.accounts.services import membership_add
from apps.organisations.models import Region

pytestmark = pytest.mark.django_db


def test_memberships_count_only_while_valid(user):
    gwangju = Region.objects.get(code="29")
    membership_add(
        user=user,
        role=Role.VICE_GOVERNOR,
        region=gwangju,
        valid_from=datetime.date(2023, 1, 4),
        valid_to=datetime.date(2026, 6, 30),
    )
    with time_machine.travel(datetime.datetime(2026, 6, 30, 12, tzinfo=datetime.UTC)):
        assert user_roles(type(user).objects.get(pk=user.pk)) == {"vice_governor"}
    with time_machine.travel(datetime.datetime(2026, 7, 2, 12, tzinfo=datetime.UTC)):
        fresh = type(user).objects.get(pk=user.pk)
        assert user_roles(fresh) == frozenset()
        assert active_memberships(fresh, on=datetime.date(2025, 1, 1))[0].region == gwangju


def test_membership_end_before_start_is_refused(user):
    membership = Membership(
        user=user,
        role=Role.TF_STAFF,
        valid_from=datetime.date(2026, 1, 2),
        valid_to=datetime.date(2026, 1, 1),
    )
    with pytest.raises(ValidationError) as error:
        membership.full_clean()
    assert "valid_to" in error.value.message_dict


def test_region_ids_follow_the_region_scoped_roles(make_member):
    official = make_member("regional_official", region=Region.objects.get(code="26"))
    assert user_region_ids(official) == {Region.objects.get(code="26").pk}
    assert user_region_ids(make_member("tf_staff")) == frozenset()


def test_active_memberships_are_read_once_per_user_object(make_member, django_assert_num_queries):
    person = make_member("tf_staff")
    fresh = type(person).objects.get(pk=person.pk)
    with django_assert_num_queries(1):
        for _ in range(5):
            user_roles(fresh)
