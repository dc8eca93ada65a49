"""Which answer an htmx request wants (django-htmx sets ``request.htmx``)."""


def wants_partial(request) -> bool:
    """True when htmx asks for a fragment to swap in: not a boosted link or form (that
    swaps the whole body, so it wants the page) and not a history restore (htmx missed
    its cache and needs the full page to put back)."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.boosted and not htmx.history_restore_request
