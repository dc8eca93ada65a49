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
def login(client, cast):
    """``login("vice_governor")`` signs the client in as one of the ``cast`` (each test
    folder's conftest says who is in it)."""

    def sign_in(name):
        client.force_login(cast.people[name])
        return client

    return sign_in


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def reference_data(django_db_blocker):
    """The rows data migrations load (regions, bodies, departments, strategies …), loaded
    again in case a transactional test before this one flushed them: the migrations' own
    idempotent loaders."""
    from django.apps import apps

    from apps.organisations import reference as organisations
    from apps.proposals import reference as proposals

    with django_db_blocker.unblock():
        organisations.load_all(apps.get_model)
        proposals.load_all(apps.get_model)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: rows roll back between tests, cached values
    about them (service levels, rate limits, public pages) must not outlive them."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _korean_by_default():
    """Each test starts in the platform's language: a request in English leaves its language
    active in the thread (the test client runs the middleware in it), and the next test's
    Korean messages would read English."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _reference_rows_after_flush(request):
    # A transactional test flushes the database after itself, and serialized rollback
    # does not always restore it (seen after live-server tests on PostgreSQL); the next
    # transactional test in the same worker must still find the migrations' rows.
    marker = request.node.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or "live_server" in request.fixturenames):
        request.getfixturevalue("reference_data")
