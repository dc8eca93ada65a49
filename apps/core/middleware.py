"""The text policy (``apps.core.text``) at the edge, for what no form or serializer reads:
the path and the query string.

A path with a control character names no page (404, like any unknown address; ids and
slugs in paths never carry one). A query string with one is refused with 400 and the
Korean message — JSON under ``/api/``, the error page elsewhere — before any filter or
database sees it (PostgreSQL refuses NUL in a string and would answer 500).
"""

from django.http import JsonResponse
from django.shortcuts import render

from apps.core.text import MESSAGE, clean_text, has_control_characters
from apps.core.views import page_not_found


def _refused_keys(query) -> list[str]:
    return [key for key in query if has_control_characters(key) or any(map(has_control_characters, query.getlist(key)))]


class TextPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_control_characters(request.path):
            return page_not_found(request)
        refused = _refused_keys(request.GET)
        if refused:
            if request.path.startswith("/api/"):
                # Field errors like any invalid filter's: {"q": ["…"]}.
                errors = {clean_text(key): [str(MESSAGE)] for key in refused}
                return JsonResponse(errors, status=400, json_dumps_params={"ensure_ascii": False})
            return render(request, "errors/400.html", {"reason": MESSAGE}, status=400)
        return self.get_response(request)
