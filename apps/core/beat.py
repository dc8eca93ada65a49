"""One beat, always: a Celery beat scheduler that sends only while it holds a Redis lock.

Every beat process runs this scheduler (``CELERY_BEAT_SCHEDULER``). The one holding the
leader lock (``<prefix>:beat:leader``, renewed every few seconds, expiring after
``BEAT_LOCK_TTL``) sends the periodic tasks and writes the heartbeat that ``/readyz``
reads; any other beat — a second one started by mistake, or the standby of a cluster —
keeps its schedule moving without sending anything. When the leader dies, its lock
expires and a standby takes over: entries it skipped while the old leader was silent
(last sent, per ``<prefix>:beat:sent:<entry>``, before the skip) are sent then, so a
crontab slot that fell between the two is not lost, and none is sent twice.

Without ``REDIS_URL`` (development, where tasks run in-process and no beat runs) there
is nothing to share a lock through: the scheduler sends like Celery's own.
"""

import logging
import time
import uuid

from celery.beat import PersistentScheduler
from django.conf import settings

logger = logging.getLogger(__name__)


def key(name: str) -> str:
    prefix = getattr(settings, "CACHES", {}).get("default", {}).get("KEY_PREFIX") or "balance"
    return f"{prefix}:beat:{name}"


def redis_client():
    """A client for REDIS_URL, or None when there is no Redis (development)."""
    if not settings.REDIS_URL:
        return None
    import redis

    return redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2)


def _if_ours(client, name: str, token: str, action) -> bool:
    """Run ``action(pipeline)`` only if ``name`` still holds ``token`` (WATCH/MULTI, so
    another beat taking the lock in between makes it fail rather than act on theirs)."""
    import redis

    with client.pipeline() as pipe:
        try:
            pipe.watch(name)
            if pipe.get(name) != token.encode():
                return False
            pipe.multi()
            action(pipe)
            pipe.execute()
        except redis.WatchError:
            return False
    return True


def heartbeat_age(client) -> float | None:
    """Seconds since the leading beat last ticked, or None if no beat ever did."""
    value = client.get(key("heartbeat"))
    return None if value is None else max(0.0, time.time() - float(value))


class SingleBeatScheduler(PersistentScheduler):
    """PersistentScheduler that sends only while it is the leader (see the module doc)."""

    def __init__(self, *args, client=None, **kwargs):
        self.client = client if client is not None else redis_client()
        self.token = uuid.uuid4().hex
        self.lock_ttl = float(getattr(settings, "BEAT_LOCK_TTL", 30))
        self.leader = self.client is None
        self._skipped: dict[str, tuple[object, float]] = {}
        super().__init__(*args, **kwargs)

    # The lock -----------------------------------------------------------------------
    def _hold_lock(self) -> bool:
        """Take the lock if it is free, extend it if it is ours; False if another beat has it."""
        if self.client is None:
            return True
        ttl_ms = int(self.lock_ttl * 1000)
        try:
            held = self.client.set(key("leader"), self.token, nx=True, px=ttl_ms) or _if_ours(
                self.client, key("leader"), self.token, lambda pipe: pipe.pexpire(key("leader"), ttl_ms)
            )
        except Exception as error:  # Redis away: send nothing rather than risk sending twice
            logger.warning("beat lock unavailable, sending nothing: %s", error)
            return False
        return bool(held)

    def tick(self, *args, **kwargs):
        was_leader, self.leader = self.leader, self._hold_lock()
        if self.leader:
            if not was_leader:
                logger.info("beat %s leads: sending periodic tasks", self.token[:8])
                self._send_missed()
            if self.client is not None:
                self.client.set(key("heartbeat"), repr(time.time()), ex=int(self.lock_ttl * 20))
        elif was_leader:
            logger.warning("beat %s lost the lock: standing by", self.token[:8])
        next_in = super().tick(*args, **kwargs)
        # Wake up often enough to renew the lock (Celery's default may sleep minutes).
        return min(next_in, self.lock_ttl / 3)

    # Sending ------------------------------------------------------------------------
    def apply_entry(self, entry, producer=None):
        if not self.leader:
            # Keep the schedule moving (the entry was reserved) but send nothing.
            self._skipped[entry.name] = (entry, time.time())
            logger.debug("beat standby: %s not sent (another beat leads)", entry.name)
            return
        super().apply_entry(entry, producer=producer)
        if self.client is not None:
            self.client.set(key(f"sent:{entry.name}"), repr(time.time()), ex=7 * 24 * 3600)

    def _send_missed(self):
        """Send what this beat skipped as standby and the old leader did not send."""
        skipped, self._skipped = self._skipped, {}
        for name, (entry, skipped_at) in skipped.items():
            sent = self.client.get(key(f"sent:{name}")) if self.client is not None else None
            # The old leader sends within a tick of the standby's skip; give it the lock's TTL.
            if sent is not None and float(sent) >= skipped_at - self.lock_ttl:
                continue
            logger.info("beat: sending %s, missed while the previous beat was silent", name)
            super().apply_entry(entry, producer=self.producer)
            self.client.set(key(f"sent:{name}"), repr(time.time()), ex=7 * 24 * 3600)

    def close(self):
        if self.client is not None and self.leader:
            try:
                _if_ours(self.client, key("leader"), self.token, lambda pipe: pipe.delete(key("leader")))
            except Exception as error:
                logger.warning("beat lock not released (it expires by itself): %s", error)
        super().close()
