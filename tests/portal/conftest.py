import pytest
from django.core.cache import cache

from tests.proposals.support import Cast


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Cached public pages outlive a test's rolled-back transaction: start each test clean.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def cast(db):
    return Cast()
