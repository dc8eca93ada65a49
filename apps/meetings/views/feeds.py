"""Calendar feeds: per body, and a private per-person feed behind a secret URL.

- ``feeds/bodies/<code>.ics``: the meetings of one body the requester may see. A public
  body's feed is public (its public meetings); an internal body's (TF, 기획단) only for
  the ministry's staff — signed in, or with their personal token (``?token=``), since
  calendar programs cannot sign in. Anyone else gets 404.
- ``feeds/people/<token>.ics``: the meetings the token's owner is invited to. A wrong
  token is 404. The owner can reset the token, which kills the old URL.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.organisations.models import Body

from .. import ical, selectors, services

HISTORY = datetime.timedelta(days=3 * 365)


def _requester(request):
    token = request.GET.get("token", "")
    if token:
        user = selectors.user_for_token(token)
        if user is None:
            raise Http404
        return user
    return request.user


def _with_agenda(queryset):
    return queryset.prefetch_related("agenda_items")


def body_feed(request, code: str):
    body = get_object_or_404(Body, code=code)
    viewer = _requester(request)
    if not viewer.has_perm("meetings.view_body_feed", body):
        raise Http404
    since = timezone.now() - HISTORY
    meetings = _with_agenda(
        selectors.meeting_list(viewer).filter(body=body, starts_at__gte=since).order_by("starts_at", "pk")
    )
    content = ical.calendar_for(
        meetings, name=f"{body.name} 회의", viewer=viewer, base_url=request.build_absolute_uri("/")
    )
    return ical.response(content, filename=f"{body.code}.ics", private=not body.members_public or bool(request.GET))


def person_feed(request, token: str):
    owner = selectors.user_for_token(token)
    if owner is None:
        raise Http404
    meetings = _with_agenda(selectors.invited_meetings(owner).filter(starts_at__gte=timezone.now() - HISTORY))
    content = ical.calendar_for(
        meetings,
        name=_("%(name)s님의 회의 일정") % {"name": owner.get_full_name()},
        viewer=owner,
        base_url=request.build_absolute_uri("/"),
    )
    return ical.response(content, filename="my-meetings.ics", private=True)


@login_required
def feed_page(request):
    """The feeds the person may subscribe to, and their private feed's URL."""
    bodies = [
        body
        for body in Body.objects.order_by("order", "code")
        if request.user.has_perm("meetings.view_body_feed", body)
    ]
    token = services.feed_token_for(user=request.user)
    return render(request, "meetings/feeds.html", {"bodies": bodies, "token": token})


@login_required
@require_POST
def feed_reset(request):
    services.feed_token_reset(user=request.user)
    messages.success(request, _("개인 일정 구독 주소를 새로 만들었습니다. 이전 주소는 더 이상 쓸 수 없습니다."))
    return redirect("meeting-feeds")
