"""The operators' synonym list (``SearchSynonym``), read by search at query time.

Every name of one thing forms a group: the canonical name and each term that points to
it ("그린벨트", "GB" and "개발제한구역"). A query word found in a group is searched under
every name of the group, so documents written either way are found. Names are compared
lower-cased and without spaces ("그린 벨트" = "그린벨트").

The list is small and read on every search, so it is cached (one query per cache miss,
never per word); saving or deleting an entry in the admin clears the cache.
"""

import hashlib
import json

from django.core.cache import cache

CACHE_KEY = "search-synonyms:2"  # {"names": …, "version": …}
CACHE_SECONDS = 60 * 60
MAX_PHRASE_WORDS = 3  # a name of up to three spaced words ("광역 급행 철도")


def key(name: str) -> str:
    return "".join(name.split()).lower()


def _load() -> dict:
    from .models import SearchSynonym

    groups: dict[str, list[str]] = {}
    for term, canonical in SearchSynonym.objects.values_list("term", "canonical"):
        group = groups.setdefault(key(canonical), [canonical])
        group.append(term)
    names: dict[str, list[str]] = {}
    for group in groups.values():
        for name in group:
            names[key(name)] = group
    content = json.dumps(names, sort_keys=True, ensure_ascii=False).encode()
    return {"names": names, "version": hashlib.sha256(content).hexdigest()[:16]}


def _entry() -> dict:
    entry = cache.get(CACHE_KEY)
    if entry is None:
        entry = _load()
        cache.set(CACHE_KEY, entry, CACHE_SECONDS)
    return entry


def synonym_map() -> dict[str, list[str]]:
    """Each name (normalised) → every name of its group, canonical first."""
    return _entry()["names"]


def version() -> str:
    """Changes whenever the list does: part of the key of a remembered query analysis."""
    return _entry()["version"]


def names_of(word: str) -> list[str]:
    """Every name of ``word``'s group, or [] when the list does not know it."""
    return synonym_map().get(key(word), [])


def join_phrases(words: list[str]) -> list[str]:
    """The query's words with spaced names of the list rejoined ("그린 벨트" → one word)."""
    names = synonym_map()
    joined: list[str] = []
    index = 0
    while index < len(words):
        for size in range(min(MAX_PHRASE_WORDS, len(words) - index), 1, -1):
            phrase = " ".join(words[index : index + size])
            if key(phrase) in names:
                joined.append(phrase.replace(" ", ""))
                index += size
                break
        else:
            joined.append(words[index])
            index += 1
    return joined


def forget(**kwargs):
    """``post_save`` / ``post_delete`` of SearchSynonym: the next search reloads the list."""
    cache.delete(CACHE_KEY)
