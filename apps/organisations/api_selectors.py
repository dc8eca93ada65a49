"""Reads of the reference data for the API, as QuerySets whose query count does not grow with rows.

(The public pages' selectors are in ``selectors.py``.)
"""

import datetime

from django.db.models import BooleanField, Case, Exists, OuterRef, QuerySet, Value, When

from .models import Body, CouncilSeat, Department, PartnerOrganisation, Region, RegionalOffice, today, valid_on_q

COUNCIL_BODY_CODE = "regional_council"


def council_seat_exists(on: datetime.date | None = None) -> Exists:
    """``Exists`` subquery: the outer region holds a seat on the regional council on ``on``."""
    seats = CouncilSeat.objects.filter(body__code=COUNCIL_BODY_CODE, region=OuterRef("pk")).valid_on(on or today())
    return Exists(seats)


def region_list(*, on: datetime.date | None = None) -> QuerySet[Region]:
    """Every region, abolished ones too, annotated with ``council_member`` and ``is_current_on``.

    ``is_current_on`` is annotated (rather than read from the model property) so that the
    ``current`` filter and the output share one definition.
    """
    on = on or today()
    valid_today = Case(When(valid_on_q(on), then=Value(True)), default=Value(False), output_field=BooleanField())
    return (
        Region.objects.select_related("successor")
        .annotate(council_member=council_seat_exists(on), is_current_on=valid_today)
        .order_by("code")
    )


def department_list() -> QuerySet[Department]:
    return Department.objects.all()


def body_list() -> QuerySet[Body]:
    return Body.objects.select_related("parent")


def organisation_list() -> QuerySet[PartnerOrganisation]:
    return PartnerOrganisation.objects.select_related("group")


def regional_office_list() -> QuerySet[RegionalOffice]:
    return RegionalOffice.objects.select_related("parent").prefetch_related("regions")
