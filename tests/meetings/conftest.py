import pytest

from tests.meetings.support import MeetingCast


@pytest.fixture
def cast(db):
    return MeetingCast()


@pytest.fixture
def login(client, cast):
    def sign_in(name):
        client.force_login(cast.people[name])
        return client

    return sign_in
