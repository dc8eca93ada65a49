"""The project's WSGI application, plus two floors for benchmarks, both answering ``n``
bytes of HTML through the same gunicorn worker and socket:

- ``/__floor__/<n>`` without Django (the server alone);
- ``/__view_floor__/<n>``: a trivial Django view behind the project's whole middleware
  (sessions, sign-in, CSP, 2FA, …), requested with the page's own cookies — the floor
  issue 16 measures pages against ("a trivial view returning the same bytes through the
  same server").

``bench/pages.py`` reports each page against both floors of its size. Only for
benchmarks: never deploy this module."""

import re

from django.http import HttpResponse
from django.urls import path

from config.wsgi import application as django_application

FLOOR = re.compile(r"^/__floor__/(\d{1,9})$")


def trivial_view(request, size):
    return HttpResponse(b"x" * size, content_type="text/html; charset=utf-8")


def _add_view_floor():
    import config.urls  # after config.wsgi has set Django up

    # Before the first request resolves a URL: the resolver reads the list lazily.
    config.urls.urlpatterns.append(path("__view_floor__/<int:size>", trivial_view))


_add_view_floor()


def application(environ, start_response):
    match = FLOOR.match(environ.get("PATH_INFO", ""))
    if match is None:
        return django_application(environ, start_response)
    body = b"x" * int(match.group(1))
    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))])
    return [body]
