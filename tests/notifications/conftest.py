import pytest

from tests.notifications.support import NotifyCast


@pytest.fixture
def cast(db):
    return NotifyCast()
