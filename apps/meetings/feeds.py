"""Calendar feeds: per body, and a private per-person feed behind a secret URL.

- ``feeds/bodies/<code>.ics``: the meetings of one body the requester may see. A public
  body's feed is public (its public meetings); an internal body's (TF, 기획단) only for
  the ministry's staff — signed in, or with their personal token (``?token=``), since
  calendar programs cannot sign in. Anyone else gets 404.
- ``feeds/people/<token>.ics``: the meetings the token's owner is invited to. A wrong
  token is 404. The owner can reset the token, which kills the old URL.
"""

import datetime
import re
import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.accounts.predicates import is_ministry_staff
from apps.organisations.models import Body

from . import ical, selectors
from .models import CalendarFeedToken, new_feed_token

HISTORY = datetime.timedelta(days=3 * 365)
TOKEN_LENGTH = 43  # secrets.token_urlsafe(32)
VALID_TOKEN = re.compile(r"[A-Za-z0-9_-]+")


def user_for_token(token: str):
    """The owner of a feed token, or None. Compared in constant time after the lookup."""
    # Tokens are URL-safe base64; anything else (a NUL byte would reach PostgreSQL as an
    # error) cannot be one, so it is simply not found.
    if not token or len(token) > 64 or not VALID_TOKEN.fullmatch(token):
        return None
    row = CalendarFeedToken.objects.select_related("user").filter(token=token).first()
    if row is None or not secrets.compare_digest(row.token, token) or not row.user.is_active:
        return None
    return row.user


def feed_token_for(user) -> CalendarFeedToken:
    token, _created = CalendarFeedToken.objects.get_or_create(user=user)
    return token


def _requester(request):
    token = request.GET.get("token", "")
    if token:
        user = user_for_token(token)
        if user is None:
            raise Http404
        return user
    return request.user


def _with_agenda(queryset):
    return queryset.prefetch_related("agenda_items")


def body_feed(request, code: str):
    body = get_object_or_404(Body, code=code)
    viewer = _requester(request)
    if not body.members_public and not (viewer.is_authenticated and is_ministry_staff(viewer)):
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
    owner = user_for_token(token)
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
        if body.members_public or is_ministry_staff(request.user)
    ]
    token = feed_token_for(request.user)
    return render(request, "meetings/feeds.html", {"bodies": bodies, "token": token})


@login_required
@require_POST
def feed_reset(request):
    CalendarFeedToken.objects.update_or_create(user=request.user, defaults={"token": new_feed_token()})
    messages.success(request, _("개인 일정 구독 주소를 새로 만들었습니다. 이전 주소는 더 이상 쓸 수 없습니다."))
    return redirect("meeting-feeds")
