"""Whether a request wants a page fragment (htmx) or the whole page."""


def wants_partial(request) -> bool:
    """An htmx request for a fragment: not a boosted navigation, not a history restore
    (both need the whole page)."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.boosted and not htmx.history_restore_request
