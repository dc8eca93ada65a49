# The comment tests use the meeting tests' cast (people and meetings); the root conftest
# empties the cache (rate limits) around every test.
from tests.meetings.conftest import cast, login  # noqa: F401
