"""The project's WSGI application, plus a floor for benchmarks: ``/__floor__/<n>`` answers
``n`` bytes of HTML at once, without Django, through the same gunicorn worker and socket.
``bench/pages.py`` reports each page against the floor of its size ("× floor"). Only for
benchmarks: never deploy this module."""

import re

from config.wsgi import application as django_application

FLOOR = re.compile(r"^/__floor__/(\d{1,9})$")


def application(environ, start_response):
    match = FLOOR.match(environ.get("PATH_INFO", ""))
    if match is None:
        return django_application(environ, start_response)
    body = b"x" * int(match.group(1))
    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))])
    return [body]
