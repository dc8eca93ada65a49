import datetime
import re

import pytest
from django.core.management import CommandError, call_command

from apps.accounts.models import Membership, User
from apps.accounts.selectors import user_roles

pytestmark = pytest.mark.django_db


def add_member(*args):
    call_command("add_member", *args)


def test_add_member_creates_a_user_with_a_scoped_role_and_password():
    add_member("gw_vg", "--role", "vice_governor", "--region", "51", "--password", "s3cret-pass!", "--name", "김부지사")
    user = User.objects.get(username="gw_vg")
    assert user.check_password("s3cret-pass!")
    assert user.name == "김부지사"
    membership = user.memberships.get()
    assert membership.role == "vice_governor"
    assert membership.region.code == "51"
    assert membership.body.code == "regional_council"


def test_add_member_twice_changes_nothing():
    for _ in range(2):
        add_member("reviewer", "--role", "dept_reviewer", "--department", "도시재생과")
    assert User.objects.filter(username="reviewer").count() == 1
    assert Membership.objects.filter(user__username="reviewer").count() == 1


def test_add_member_adds_a_membership_to_an_existing_user():
    add_member("multi", "--role", "tf_staff")
    add_member("multi", "--role", "dept_reviewer", "--department", "국토정책과")
    assert user_roles(User.objects.get(username="multi")) == {"tf_staff", "dept_reviewer"}


def test_add_member_without_password_leaves_an_unusable_one():
    add_member("nopass", "--role", "tf_lead")
    assert not User.objects.get(username="nopass").has_usable_password()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--role", "governor"], "알 수 없는 역할"),
        (["--role", "vice_governor", "--region", "99"], "알 수 없는 지역 코드"),
        (["--role", "dept_reviewer", "--department", "없는과"], "알 수 없는 부서 코드"),
        (["--role", "advisor", "--organisation", "NOPE"], "알 수 없는 협력기관 코드"),
        (["--role", "regional_office", "--office", "없는청"], "알 수 없는 지방조직 코드"),
        (["--role", "vice_governor"], "지역을 지정해야"),
        (["--role", "dept_reviewer"], "부서를 지정해야"),
        (["--role", "tf_staff", "--region", "51"], "지정할 수 없습니다"),
        (["--role", "advisor", "--organisation", "LH"], "전문가 자문그룹에 속한 기관이 아닙니다"),
        (["--role", "vice_governor", "--region", "29"], "전남광주통합특별시(12)"),
        (["--role", "tf_staff", "--valid-from", "2026-13-01"], "날짜 형식"),
    ],
)
def test_add_member_refuses_bad_input_with_a_korean_error_and_writes_nothing(args, message):
    with pytest.raises(CommandError, match=re.escape(message)):
        add_member("someone", *args)
    assert not User.objects.filter(username="someone").exists()


def test_add_member_accepts_a_past_membership_of_an_abolished_region():
    add_member(
        "gj_vg",
        "--role",
        "vice_governor",
        "--region",
        "29",
        "--valid-from",
        "2023-01-04",
        "--valid-to",
        "2026-06-30",
    )
    membership = Membership.objects.get(user__username="gj_vg")
    assert membership.valid_to == datetime.date(2026, 6, 30)
    assert user_roles(membership.user) == frozenset()
