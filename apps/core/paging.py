"""Pages of a list whose total is already known (e.g. from maintained counters), so the
paginator does not count the rows again."""

from django.core.paginator import Paginator


class KnownCountPaginator(Paginator):
    """Django's paginator; with ``count`` given, that is the total (no COUNT query)."""

    def __init__(self, object_list, per_page, *, count: int | None = None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        if count is not None:
            self.__dict__["count"] = count  # Paginator.count is a cached_property
