import pytest

from tests.proposals.support import Cast


@pytest.fixture
def cast(db):
    return Cast()


@pytest.fixture
def login(client, cast):
    """``login("vice_governor")`` signs the client in as one of the cast."""

    def sign_in(name):
        client.force_login(cast.people[name])
        return client

    return sign_in
