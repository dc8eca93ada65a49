import pytest

from tests.meetings.support import MeetingCast


@pytest.fixture
def cast(db):
    return MeetingCast()
