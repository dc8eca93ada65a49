import pytest
from pytest_factoryboy import register

from tests.factories import MembershipFactory, UserFactory, member

register(UserFactory)
register(MembershipFactory)


@pytest.fixture
def make_member(db):
    """``make_member("tf_staff")`` or ``make_member("vice_governor", region=...)``."""
    return member


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()
