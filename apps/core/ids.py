"""Ids from request input (query strings, form fields, path pieces).

One reading everywhere: ASCII digits only, 1 … 2**63-1 (a PostgreSQL bigint). Anything
else — blank, signed, spaced, non-ASCII digits, too large — is no id, and the caller
answers as for a row that does not exist (404, or a form error), never a 500.
"""

from collections.abc import Iterable

MAX_ID = 2**63 - 1


def parse_id(value) -> int | None:
    """The id ``value`` names, or None when it names none."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and value.isascii() and value.isdigit():
        number = int(value)
    else:
        return None
    return number if 1 <= number <= MAX_ID else None


def parse_ids(values: Iterable) -> list[int] | None:
    """The ids ``values`` name, in order without repeats; None when any of them is no id."""
    ids = [parse_id(value) for value in values]
    if None in ids:
        return None
    return list(dict.fromkeys(ids))
