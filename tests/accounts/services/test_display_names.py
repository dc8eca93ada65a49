"""People are named by their name everywhere — pages, feeds, the public portal — never by
their login ID, even when the operator left the name blank."""

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_person_is_named_by_their_name():
    assert UserFactory(username="vg-51", name="김부지사").get_full_name() == "김부지사"


def test_a_nameless_person_is_not_named_by_their_login_id():
    person = UserFactory(username="vg-51", name="")
    assert person.get_full_name() == "이름 미등록 사용자"
    assert "vg-51" not in person.get_full_name()
