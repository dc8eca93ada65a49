from django.test import RequestFactory
from django_htmx.middleware import HtmxDetails

from apps.core.htmx import wants_partial


def _request(**headers):
    request = RequestFactory().get("/", headers=headers)
    request.htmx = HtmxDetails(request)
    return request


def test_an_htmx_request_wants_the_partial():
    assert wants_partial(_request(**{"HX-Request": "true"}))


def test_a_plain_request_wants_the_page():
    assert not wants_partial(_request())


def test_a_boosted_link_wants_the_page():
    assert not wants_partial(_request(**{"HX-Request": "true", "HX-Boosted": "true"}))


def test_a_history_restore_wants_the_page():
    assert not wants_partial(_request(**{"HX-Request": "true", "HX-History-Restore-Request": "true"}))


def test_a_request_without_the_middleware_wants_the_page():
    assert not wants_partial(RequestFactory().get("/"))
