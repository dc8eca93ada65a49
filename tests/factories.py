"""factory_boy factories; registered as pytest fixtures in tests/conftest.py."""

import factory

from apps.accounts.models import Membership, Role, User
from apps.organisations.models import Department, PartnerOrganisation, Region, RegionalOffice


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    name = factory.Sequence(lambda n: f"사용자{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.go.kr")
    password = factory.django.Password("pass-1234!")


class MembershipFactory(factory.django.DjangoModelFactory):
    """Defaults to a 강원(51) regional official; pass ``role`` and the scope you need."""

    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.REGIONAL_OFFICIAL
    region = factory.LazyAttribute(
        lambda m: Region.objects.get(code="51")
        if m.role in (Role.REGIONAL_OFFICIAL, Role.VICE_GOVERNOR, Role.LIAISON)
        else None
    )
    department = factory.LazyAttribute(
        lambda m: Department.objects.get(code="국토정책과") if m.role == Role.DEPT_REVIEWER else None
    )
    organisation = factory.LazyAttribute(
        lambda m: PartnerOrganisation.objects.get(code={"advisor": "KRIHS", "institution": "LH"}[m.role])
        if m.role in (Role.ADVISOR, Role.INSTITUTION)
        else None
    )
    regional_office = factory.LazyAttribute(
        lambda m: RegionalOffice.objects.get(code="원주지방국토관리청") if m.role == Role.REGIONAL_OFFICE else None
    )
    body = factory.LazyAttribute(lambda m: _role_body(m.role))


def _role_body(role):
    from apps.accounts.models import ROLE_BODY
    from apps.organisations.models import Body

    code = ROLE_BODY.get(role)
    return Body.objects.get(code=code) if code else None


def member(role: str, **kwargs) -> User:
    """A user holding one active membership of ``role`` (scope defaults as above)."""
    return MembershipFactory(role=role, **kwargs).user
