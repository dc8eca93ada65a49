"""Reads of the public portal from a PostgreSQL read replica (``DATABASE_REPLICA_URL``).

The public's peak (a decision in the news, a ministry announcement) is anonymous GETs of
``/public/…`` and ``/api/v1/public/…``; sending their queries to a replica keeps that load
off the primary, where the officials' workflow writes. Only code run inside
``reading_replica()`` reads from the replica (the portal's view wrapper,
``apps.portal.caching``); everything else — every write, every signed-in page, every
task — reads and writes the primary, as without a replica.

A replica lags its primary by a moment. A change to public data calls ``hold_primary()``
(the portal's cache-bump signal does), and for ``DATABASE_REPLICA_LAG_SECONDS`` after it
public pages read the primary again, so a page rendered (and cached) right after a
decision never shows the state from before it. Sessions, login attempts and API tokens
are never read from a replica: a person who has just signed in must be recognised.

Without ``DATABASE_REPLICA_URL`` (``settings.DATABASE_REPLICA`` is None) nothing changes.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS

FENCE_KEY = "replica:hold-primary"
# Written by the primary alone and read right after being written: never from a replica.
PRIMARY_ONLY_APPS = frozenset({"sessions", "axes", "knox", "admin"})

_reading = ContextVar("reading_replica", default=False)


def replica_alias() -> str | None:
    return getattr(settings, "DATABASE_REPLICA", None)


def hold_primary() -> None:
    """Public data just changed on the primary: read it there until the replica caught up."""
    if replica_alias():
        cache.set(FENCE_KEY, 1, settings.DATABASE_REPLICA_LAG_SECONDS)


@contextmanager
def reading_replica():
    """Reads inside go to the replica (when one is configured and no change is recent)."""
    use = bool(replica_alias()) and not cache.get(FENCE_KEY)
    token = _reading.set(use)
    try:
        yield use
    finally:
        _reading.reset(token)


class ReplicaRouter:
    """``DATABASE_ROUTERS``: the replica for reads inside ``reading_replica()``, the primary
    for every write and every other read, migrations on the primary only."""

    def db_for_read(self, model, **hints):
        alias = replica_alias()
        if alias and _reading.get() and model._meta.app_label not in PRIMARY_ONLY_APPS:
            return alias
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        # Explicit: an object read from the replica is still saved on the primary.
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the primary's rows: an object read there relates to one read here.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS
