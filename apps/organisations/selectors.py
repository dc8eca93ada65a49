"""Reads of the reference data for the public pages (bodies, regions).

Every function here fetches its rows with the joins it needs, so that a page's query
count does not grow with the number of bodies, seats, regions or organisations.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef

from .models import Body, CouncilSeat, PartnerOrganisation, Region, today, valid_on_q

COUNCIL_CODE = "regional_council"


def body_tree() -> list[Body]:
    """All bodies in tree order (each parent before its children).

    Each body gets ``depth`` (0 for a root) and ``tree_children`` (its child bodies), so
    templates can draw the hierarchy as a table or as nested lists. One query: the tree
    is built in Python from the ordered rows.
    """
    bodies = list(Body.objects.select_related("parent").order_by("order", "code"))
    children: dict[int | None, list[Body]] = {}
    for body in bodies:
        children.setdefault(body.parent_id, []).append(body)
    for body in bodies:
        body.tree_children = children.get(body.pk, [])
    ordered: list[Body] = []

    def walk(parent_id, depth):
        for body in children.get(parent_id, []):
            body.depth = depth
            ordered.append(body)
            walk(body.pk, depth + 1)

    for body in bodies:
        if body.parent_id is None:
            body.depth = 0
            ordered.append(body)
            walk(body.pk, 1)
    # A parent loop (only possible through bad admin edits) has no root: list it flat.
    shown = {body.pk for body in ordered}
    for body in bodies:
        if body.pk not in shown:
            body.depth = 0
            ordered.append(body)
    return ordered


def body_by_code(code: str):
    """The queryset a detail page looks its body up in (``get_object_or_404``)."""
    return Body.objects.select_related("parent").filter(code=code)


def child_bodies(body: Body):
    return Body.objects.filter(parent=body).order_by("order", "code")


@dataclass
class Seats:
    current: list[CouncilSeat] = field(default_factory=list)
    past: list[CouncilSeat] = field(default_factory=list)
    upcoming: list[CouncilSeat] = field(default_factory=list)


def seats_of_body(body: Body, on: datetime.date | None = None) -> Seats:
    """The body's dated region seats split into today's, past and upcoming ones."""
    on = on or today()
    seats = Seats()
    rows = CouncilSeat.objects.filter(body=body).select_related("region", "region__successor")
    for seat in rows.order_by("region__code", "valid_from"):
        if seat.valid_to is not None and seat.valid_to < on:
            seats.past.append(seat)
        elif seat.valid_from > on:
            seats.upcoming.append(seat)
        else:
            seats.current.append(seat)
    seats.past.sort(key=lambda s: (s.valid_to, s.region.code), reverse=True)
    return seats


def partner_organisations_of(body: Body):
    return PartnerOrganisation.objects.filter(group=body).order_by("name")


def council_region_count(on: datetime.date | None = None) -> int:
    """How many regions sit on the regional council on ``on`` (today by default)."""
    return (
        CouncilSeat.objects.filter(body__code=COUNCIL_CODE).valid_on(on or today()).values("region").distinct().count()
    )


def regions_overview(on: datetime.date | None = None):
    """Every region, abolished ones included, with ``on_council`` for ``on``."""
    on = on or today()
    seat_today = CouncilSeat.objects.filter(region=OuterRef("pk"), body__code=COUNCIL_CODE).filter(valid_on_q(on))
    return Region.objects.select_related("successor").annotate(on_council=Exists(seat_today)).order_by("code")
