import datetime

from apps.organisations.models import Region, today

from .models import Membership, Role, Scope


def active_memberships(user, on: datetime.date | None = None) -> list[Membership]:
    """The user's memberships valid on ``on`` (today by default).

    Today's list is cached on the user object: permission checks call this many times
    in one request and must not query each time.
    """
    if user is None or not user.is_authenticated:
        return []
    if on is None:
        cached = getattr(user, "_active_memberships_cache", None)
        if cached is not None:
            return cached
    memberships = list(Membership.objects.filter(user=user).valid_on(on or today()).with_scope().order_by("role", "pk"))
    if on is None:
        user._active_memberships_cache = memberships
    return memberships


def user_roles(user) -> frozenset[str]:
    return frozenset(m.role for m in active_memberships(user))


def user_region_ids(user, *roles: str) -> frozenset[int]:
    """Regions the user acts for (through region-scoped roles, optionally only ``roles``)."""
    return frozenset(
        m.region_id for m in active_memberships(user) if m.scope == Scope.REGION and (not roles or m.role in roles)
    )


def user_department_ids(user) -> frozenset[int]:
    return frozenset(m.department_id for m in active_memberships(user) if m.role == Role.DEPT_REVIEWER)


def user_organisation_ids(user) -> frozenset[int]:
    return frozenset(m.organisation_id for m in active_memberships(user) if m.scope == Scope.ORGANISATION)


def user_covered_region_ids(user) -> frozenset[int]:
    """Regions covered by the regional offices the user works in."""
    cached = user.__dict__.get("_covered_region_cache")
    if cached is None:
        office_ids = [m.regional_office_id for m in active_memberships(user) if m.role == Role.REGIONAL_OFFICE]
        cached = (
            frozenset(Region.objects.filter(regional_offices__in=office_ids).values_list("pk", flat=True))
            if office_ids
            else frozenset()
        )
        user.__dict__["_covered_region_cache"] = cached
    return cached


def members_of_body(body, on: datetime.date | None = None):
    """People sitting on ``body`` on a date, with their scope, for the bodies pages."""
    return (
        Membership.objects.filter(body=body)
        .valid_on(on or today())
        .with_scope()
        .select_related("user")
        .order_by("role", "region__code", "department__name", "organisation__name", "user__name")
    )


def with_predecessors(region_ids) -> frozenset[int]:
    """``region_ids`` plus every region that became one of them (42→51, 29/46→12).

    Who acts for a region today also answers for what was filed under its predecessors.
    """
    result, frontier = set(region_ids), set(region_ids)
    while frontier:
        frontier = set(Region.objects.filter(successor__in=frontier).values_list("pk", flat=True)) - result
        result |= frontier
    return frozenset(result)


def user_region_scope_ids(user, *roles: str) -> frozenset[int]:
    """Regions (with their predecessors) whose proposals the user answers for via ``roles``."""
    cache = user.__dict__.setdefault("_region_scope_cache", {})
    key = tuple(sorted(roles))
    if key not in cache:
        cache[key] = with_predecessors(user_region_ids(user, *roles))
    return cache[key]
