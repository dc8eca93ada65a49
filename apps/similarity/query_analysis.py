"""A search query's words as the Korean analyser reads them, for a web process that never
loads the analyser (Kiwi, ~250 MB and over a second to load).

A worker analyses each distinct query once (``tasks.query_words``: particles cut,
compounds and other names resolved, ``search.analyse_here``); the answer is remembered in
the shared cache and in the process, under a key naming the query, the analyser's
version and the synonym list's, so a change to either asks again. A first search costs
one round trip to a worker; the same words again cost nothing. If no worker answers in
``QUERY_TIMEOUT`` seconds the query is searched as typed (each word its own term, not
shared, and tried again after ``RETRY_SECONDS``) rather than failing or waiting again
for each use of the same query.
"""

import hashlib
import logging
import math
import time
from importlib import metadata
from pathlib import Path

from django.core.cache import cache

from . import synonyms

logger = logging.getLogger(__name__)
QUERY_TIMEOUT = 5  # seconds a search waits for a worker's analysis
CACHE_SECONDS = 24 * 60 * 60
MEMO_SIZE = 512  # queries remembered per process
RETRY_SECONDS = 30  # how long a process searches a query as typed before asking a worker again


def _analyser_version() -> str:
    """The analyser's package and the project's word lists and rules: what an answer depends on."""
    here = Path(__file__).resolve().parent
    content = metadata.version("kiwipiepy").encode()
    for module in ("lexicon.py", "tokenizer.py", "search.py"):
        content += (here / module).read_bytes()
    return hashlib.sha256(content).hexdigest()[:16]


ANALYSER_VERSION = _analyser_version()
_memo: dict[str, tuple[list, float]] = {}  # key → (words, remembered until)


def cache_key(query: str) -> str:
    digest = hashlib.sha256(query.encode()).hexdigest()
    return f"similarity:query:{ANALYSER_VERSION}:{synonyms.version()}:{digest}"


def words_of(query: str) -> list:
    """``query``'s words, each ``[[name, [head terms]], …]``."""
    key = cache_key(query)
    now = time.monotonic()
    words, until = _memo.get(key, (None, 0.0))
    if words is not None and now < until:
        return words
    words, until = cache.get(key), math.inf
    if words is None:
        words = _ask_worker(query)
        if words is None:
            words, until = [[[word, [word]]] for word in query.split()], now + RETRY_SECONDS
        else:
            cache.set(key, words, CACHE_SECONDS)
    if len(_memo) >= MEMO_SIZE:
        _memo.clear()
    _memo[key] = (words, until)
    return words


def _ask_worker(query: str) -> list | None:
    from celery.exceptions import TimeoutError as CeleryTimeout

    from .tasks import query_words

    try:
        return query_words.apply_async(kwargs={"query": query}).get(timeout=QUERY_TIMEOUT)
    except CeleryTimeout:
        logger.warning("similarity.query_words: no worker answered in %ss; searching the words as typed", QUERY_TIMEOUT)
        return None
