import pytest
from django.core.cache import cache

from tests.meetings.support import MeetingCast


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The comment rate limit counts in the cache; ids repeat across tests.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def cast(db):
    return MeetingCast()


@pytest.fixture
def login(client, cast):
    def sign_in(name):
        client.force_login(cast.people[name])
        return client

    return sign_in
