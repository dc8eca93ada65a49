# The comment tests use the meeting tests' cast (people and meetings); the root conftest
# empties the cache (rate limits) around every test and signs the cast in (``login``).
from tests.meetings.conftest import cast  # noqa: F401
