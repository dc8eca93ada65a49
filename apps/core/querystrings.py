"""Reading a list page's query string the way every list reads it."""

from django.http import QueryDict


def list_filters(params: QueryDict, *, defaults: dict | None = None, ignore=("page",)) -> QueryDict:
    """The query string without empty values and the keys in ``ignore`` (paging), plus
    ``defaults`` for keys the person did not send at all (a sent empty value means "all")."""
    cleaned = QueryDict(mutable=True)
    for key in params:
        if key in ignore:
            continue
        values = [value for value in params.getlist(key) if value.strip()]
        if values:
            cleaned.setlist(key, values)
    for key, value in (defaults or {}).items():
        if key not in params:
            cleaned.setlist(key, value if isinstance(value, list) else [value])
    return cleaned
