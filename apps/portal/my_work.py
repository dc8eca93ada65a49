""" "내 할 일" (my work): where a signed-in person lands, with what waits for them in
each of their roles (``apps/proposals/my_work.py``, ``apps/meetings/my_work.py``)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from apps.meetings.my_work import meeting_work
from apps.proposals.my_work import proposal_work


@login_required
def my_work(request):
    today = timezone.localdate()
    sections = proposal_work(request.user, today) + meeting_work(request.user)
    context = {
        "sections": sections,
        "today": today,
        "can_create": request.user.has_perm("proposals.add_proposal"),
    }
    return render(request, "portal/my_work.html", context)
