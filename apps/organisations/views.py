"""Public pages about the governance bodies and the regions (DESIGN.md §1)."""

from django.shortcuts import get_object_or_404, render

from apps.accounts.selectors import members_of_body

from . import selectors
from .models import today


def body_list(request):
    return render(request, "organisations/body_list.html", {"bodies": selectors.body_tree()})


def body_detail(request, code: str):
    body = get_object_or_404(selectors.body_by_code(code))
    can_see_members = request.user.has_perm("organisations.view_body_members", body)
    context = {
        "body": body,
        "children": list(selectors.child_bodies(body)),
        "can_see_members": can_see_members,
        "members": list(members_of_body(body)) if can_see_members else [],
        "seats": selectors.seats_of_body(body),
        "organisations": list(selectors.partner_organisations_of(body)),
        "today": today(),
    }
    return render(request, "organisations/body_detail.html", context)


def region_list(request):
    return render(
        request,
        "organisations/region_list.html",
        {"regions": list(selectors.regions_overview()), "today": today()},
    )
