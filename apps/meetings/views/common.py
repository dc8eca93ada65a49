"""What the meeting views share: finding the meeting the viewer may see, checking a rule
on it, and the one POST shape of every action on the meeting page."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext as _

from apps.core.actions import run_action

from ..services import MeetingConflict
from .page import render_conflict, render_detail, visible_meeting


def visible_object_required(find, permission: str | None = None):
    """The view gets the object ``find(request, pk)`` returns in place of ``pk`` (``find``
    answers 404 when the viewer may not see it), and 403 when the viewer lacks
    ``permission`` (a rule in ``rules.py``) on it."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, pk, **kwargs):
            found = find(request, pk)
            if permission and not request.user.has_perm(permission, found):
                raise PermissionDenied(_("이 작업을 할 권한이 없습니다."))
            return view(request, found, **kwargs)

        return wrapped

    return decorator


def meeting_permission_required(permission: str | None = None):
    return visible_object_required(visible_meeting, permission)


def detail_url(meeting, anchor: str = "") -> str:
    return reverse("meeting-detail", args=[meeting.pk]) + anchor


def meeting_action(request, meeting, perform, *, done="", anchor="", form=None, form_name="", panel="", **answers):
    """An action posted from the meeting page (``apps.core.actions.run_action``): bad
    input shows the page again with ``form`` as ``form_name`` and its panel open (400);
    a state conflict, the page with why (409); success, ``done`` and the page at ``anchor``.
    ``answers`` (``invalid``, ``respond``) replace those answers, e.g. for an htmx panel."""

    def invalid(bound):
        forms = {form_name: bound} if form_name and bound is not None else {}
        return render_detail(request, meeting, status=400, open_panel=panel if bound is not None else "", **forms)

    return run_action(
        request,
        perform,
        form=form,
        done=done,
        next_url=detail_url(meeting, anchor),
        conflicts=(MeetingConflict,),
        conflict=lambda error: render_conflict(request, meeting.pk, error),
        **{"invalid": invalid, **answers},
    )
