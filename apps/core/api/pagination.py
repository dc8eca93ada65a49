import functools

from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.pagination import PageNumberPagination

from apps.core.paging import KnownCountPaginator


class StandardPagination(PageNumberPagination):
    """``{"count", "next", "previous", "results"}`` with ``?page=`` and ``?page_size=``.

    ``page_size`` is what the schema says — one whole number from 1 to ``max_page_size``
    — or a 400 field error; a page past the end is a 404 (``페이지가 유효하지 않습니다.``)."""

    page_size_query_param = "page_size"
    max_page_size = 500

    def paginate_queryset(self, queryset, request, view=None):
        # A view that knows its total without counting (``known_count(request)``, e.g. from
        # maintained counters) spares the COUNT over every row the caller may see.
        known_count = getattr(view, "known_count", None)
        count = known_count(request) if known_count else None
        self.django_paginator_class = (
            Paginator if count is None else functools.partial(KnownCountPaginator, count=count)
        )
        return super().paginate_queryset(queryset, request, view)

    def get_page_size(self, request):
        values = request.query_params.getlist(self.page_size_query_param)
        if not values:
            return self.page_size
        value = values[-1]
        if len(values) > 1 or not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= self.max_page_size:
            raise exceptions.ValidationError(
                {
                    self.page_size_query_param: [
                        _("1부터 %(max)s 사이의 정수를 한 번만 입력하세요.") % {"max": self.max_page_size}
                    ]
                }
            )
        return int(value)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update({"minimum": 1, "maximum": self.max_page_size})
            elif parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
        return parameters
