"""Ids from request input (query strings, form posts, path pieces).

Only ASCII digits make an id, within a 64-bit signed column: anything else is "no id",
never an error deeper down (a NUL byte, "١٢" or 2**64 would otherwise reach the database).
"""

MAX_ID = 2**63 - 1


def parse_id(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 < value <= MAX_ID else None
    text = str(value or "").strip()
    if not text or not text.isascii() or not text.isdigit() or len(text) > 19:
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


def parse_ids(values) -> list[int]:
    """The valid ids among ``values``, in order, each once."""
    return list(dict.fromkeys(pk for pk in (parse_id(value) for value in values) if pk is not None))
