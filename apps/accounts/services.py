import datetime

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.organisations.models import Body, Department, PartnerOrganisation, Region, RegionalOffice

from .models import ROLE_BODY, Membership, Role, User


@transaction.atomic
def user_provision(
    *, username: str, password: str | None = None, name: str = "", email: str = "", **extra
) -> tuple[User, bool]:
    """Create the user or return the existing one. Only blank details are filled in and
    the password is set only when given, so provisioning twice changes nothing."""
    user = User.objects.select_for_update().filter(username=username).first()
    created = user is None
    if created:
        user = User(username=username)
    updates = {"name": name, "email": email, **extra}
    for field, value in updates.items():
        if value and (created or not getattr(user, field)):
            setattr(user, field, value)
    if password:
        # Django's validators (settings.AUTH_PASSWORD_VALIDATORS): length, common, numeric,
        # similarity to the person's details — as the admin and the password pages check.
        try:
            password_validation.validate_password(password, user)
        except ValidationError as error:
            raise ValidationError({"password": error.messages}) from error
        user.set_password(password)
    elif created:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    return user, created


def resolve_scope(
    *,
    role: str,
    region_code: str | None = None,
    department_code: str | None = None,
    organisation_code: str | None = None,
    office_code: str | None = None,
) -> dict:
    """Turn the codes an operator typed into scope objects, with Korean errors."""
    if role not in Role.values:
        raise ValidationError(
            {
                "role": _("알 수 없는 역할입니다: %(role)s. 가능한 역할: %(roles)s")
                % {"role": role, "roles": ", ".join(Role.values)}
            }
        )
    lookups = [
        ("region", Region, region_code, _("알 수 없는 지역 코드입니다: %(code)s")),
        ("department", Department, department_code, _("알 수 없는 부서 코드입니다: %(code)s")),
        ("organisation", PartnerOrganisation, organisation_code, _("알 수 없는 협력기관 코드입니다: %(code)s")),
        ("regional_office", RegionalOffice, office_code, _("알 수 없는 지방조직 코드입니다: %(code)s")),
    ]
    scope, errors = {}, {}
    for field, model, code, message in lookups:
        if code:
            found = model.objects.filter(code=code).first()
            if found is None:
                errors[field] = message % {"code": code}
            scope[field] = found
    if errors:
        raise ValidationError(errors)
    return scope


@transaction.atomic
def membership_add(
    *,
    user: User,
    role: str,
    region: Region | None = None,
    department: Department | None = None,
    organisation: PartnerOrganisation | None = None,
    regional_office: RegionalOffice | None = None,
    title: str = "",
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
) -> tuple[Membership, bool]:
    """Give ``user`` a role in a scope; idempotent for the same role, scope and start."""
    scope_fields = dict(
        region=region, department=department, organisation=organisation, regional_office=regional_office
    )
    body_code = ROLE_BODY.get(role)
    body = Body.objects.get(code=body_code) if body_code else None
    existing = Membership.objects.select_for_update().filter(user=user, role=role, **scope_fields)
    existing = existing.filter(valid_from=valid_from) if valid_from else existing.current()
    membership = existing.first()
    if membership is not None:
        return membership, False
    membership = Membership(user=user, role=role, body=body, title=title, valid_to=valid_to, **scope_fields)
    if valid_from:
        membership.valid_from = valid_from
    membership.full_clean()
    membership.save()
    return membership, True
