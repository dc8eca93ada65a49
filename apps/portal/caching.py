"""Caching of the public portal: server-side (Django's cache: Redis when ``REDIS_URL`` is
set, else per-process memory) and HTTP (``Cache-Control`` + ``ETag``/``Last-Modified``).

*Generation* stamps, kept in the cache, say when public data last changed: one for the
reference data every page shows (regions, departments…: a change makes everything
stale), and one per scope — ``lists`` (lists, filter choices, the home page),
``stats`` (the figures; ``snapshots`` recomputes them in a worker) and
``proposal:<pk>`` (one proposal's page). A cached value's key contains the stamp of its
scope, so a change to one public proposal (``signals.py``) makes the lists, the figures
and that proposal's page stale, and leaves every other proposal's page cached; a change
the public cannot see (a draft, a non-public proposal, an internal event) none. The stamp is a time, so it also
serves as ``Last-Modified``; the ``ETag`` hashes it with what else the response depends
on (address, language, htmx fragment or page, the signed-in person for HTML).

Nothing is cached while a database transaction is open (``connection.in_atomic_block``):
what it reads may be uncommitted, or rolled back. Requests run outside transactions
(``ATOMIC_REQUESTS`` is off), so this only matters to code that wraps reads in one — and
to tests, which run in a transaction and therefore always see fresh data.

With the in-memory cache each server process has its own generation, and a change made
through one process reaches the others only when their entries expire
(``PORTAL_CACHE_SECONDS``): configure Redis for several processes.

HTTP: the JSON API, feeds and downloads are the same for everyone — ``public``.
The HTML pages carry a CSRF token (the language switcher is a POST form) and, when signed
in, the person's name — ``private``, so a shared cache never hands one visitor's page to
another; browsers still revalidate cheaply with the ETag (304).
"""

import datetime
import functools
import hashlib
import os
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language
from django.views.decorators.http import condition

from apps.core import replica

GENERATION_KEY = "portal:generation"
DEFAULT_SECONDS = 60
MAX_AGE = 60


def cache_seconds() -> int:
    """How long cached values live: ``PORTAL_CACHE_SECONDS`` (setting, else environment);
    0 turns server-side caching off (the benchmark measures both)."""
    value = getattr(settings, "PORTAL_CACHE_SECONDS", None)
    if value is None:
        value = os.environ.get("PORTAL_CACHE_SECONDS", DEFAULT_SECONDS)
    return int(value)


def _scope_key(scope: str) -> str:
    return f"{GENERATION_KEY}:{scope}"


def generation(*scopes: str) -> float:
    """When public data last changed (as far as this cache knows): the reference data
    every page shows, and with ``scopes`` the latest change of any of them."""
    stamp = cache.get(GENERATION_KEY)
    if stamp is None:
        stamp = time.time()
        # add(): two processes starting at once agree on the first stamp.
        cache.add(GENERATION_KEY, stamp, None)
        stamp = cache.get(GENERATION_KEY, stamp)
    if scopes:
        stamp = max(stamp, *cache.get_many([_scope_key(scope) for scope in scopes]).values(), 0)
    return stamp


def bump(*scopes: str) -> None:
    """Public data changed: with no ``scopes`` every cached page and figure is stale from
    now on; else only what reads those scopes (``"lists"``, ``"stats"``,
    ``"proposal:<pk>"``)."""
    for key_name in [_scope_key(scope) for scope in scopes] or [GENERATION_KEY]:
        # Strictly later than the last stamp, by as little as the key's precision shows:
        # a burst of bumps (a seed, an import) must not run the stamp ahead of the clock.
        cache.set(key_name, max(time.time(), (cache.get(key_name) or 0) + 0.000001), None)


def stamps(*scopes: str) -> str:
    """Every stamp a cached value depends on, as one string: a change to any of them gives
    a new one (their maximum would not, when another stamp is ahead of the clock)."""
    names = [GENERATION_KEY, *(_scope_key(scope) for scope in scopes)]
    found = cache.get_many(names)  # one round trip on every public page
    if GENERATION_KEY not in found:
        found[GENERATION_KEY] = generation()  # the reference data's stamp, from the first read on
    return ":".join(f"{found.get(name, 0):.6f}" for name in names)


def enabled() -> bool:
    return cache_seconds() > 0 and not connection.in_atomic_block


def key(*parts, scope: str = "lists") -> str:
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:32]
    return f"portal:{stamps(scope)}:{get_language() or ''}:{digest}"


def cached(name: str, compute, *parts, scope: str = "lists"):
    """``compute()`` once per generation of ``scope``, language and ``parts``."""
    if not enabled():
        return compute()
    cache_key = key(name, *parts, scope=scope)
    value = cache.get(cache_key)
    if value is None:
        value = compute()
        cache.set(cache_key, value, cache_seconds())
    return value


# --- HTTP ------------------------------------------------------------------------------


def page_scopes(kwargs: dict) -> list[str]:
    """What a response may show: lists and figures, and the proposal its URL names."""
    return ["lists", "stats", *(f"proposal:{kwargs[name]}" for name in ("pk", "id") if name in kwargs)]


def etag_for(request, *, per_user: bool, scopes=()) -> str:
    parts = [
        stamps(*scopes),
        request.get_full_path(),
        get_language() or "",
        request.headers.get("HX-Request", ""),
        request.headers.get("Accept", ""),
    ]
    if per_user:
        user = getattr(request, "user", None)
        parts.append(str(user.pk) if user is not None and user.is_authenticated else "-")
        parts.append(request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""))
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


def last_modified(scopes=()) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(int(generation(*scopes)), tz=datetime.UTC)


def _conditional(view, *, public: bool):
    """Django's ``condition`` (304 when the client's ETag or Last-Modified still matches)
    plus the Cache-Control and Vary headers."""
    checked = condition(
        etag_func=lambda request, *args, **kwargs: etag_for(request, per_user=not public, scopes=page_scopes(kwargs)),
        last_modified_func=lambda request, *args, **kwargs: last_modified(page_scopes(kwargs)),
    )(view)

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        # Public pages are read-only: their queries may go to the read replica.
        with replica.reading_replica():
            response = checked(request, *args, **kwargs)
        if response.status_code in (200, 304):
            if public:
                patch_cache_control(response, public=True, max_age=MAX_AGE)
                patch_vary_headers(response, ("Accept-Language", "Accept", "Cookie"))
            else:
                patch_cache_control(response, private=True, max_age=0, must_revalidate=True)
                patch_vary_headers(response, ("Accept-Language", "Cookie", "HX-Request"))
        return response

    return wrapper


def public_http(view):
    """For responses that are the same for everyone: the API, feeds and downloads."""
    return _conditional(view, public=True)


def private_http(view):
    """For HTML pages (see the module docstring)."""
    return _conditional(view, public=False)
