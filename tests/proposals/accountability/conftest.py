import pytest

from tests.proposals.support import Cast


@pytest.fixture
def cast(db):
    return Cast()
