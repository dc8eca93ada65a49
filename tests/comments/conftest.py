# Comments are tested on the meetings' cast (proposals, meetings and forum topics to
# comment on); the root conftest signs them in and empties the cache.
from tests.meetings.conftest import cast

__all__ = ["cast"]
