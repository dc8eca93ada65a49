# Comments are tested on the meetings' cast (proposals, meetings and forum topics to
# comment on), with the same sign-in helper. The root conftest empties the cache.
from tests.meetings.conftest import cast, login

__all__ = ["cast", "login"]
