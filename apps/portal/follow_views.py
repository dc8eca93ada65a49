"""Following a public proposal from its page (issue 17): signed in, one button; anonymous,
an e-mail address confirmed by the link sent to it (double opt-in); every e-mail carries
a one-click unsubscribe link (a POST, as RFC 8058 mail clients send it)."""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from apps.core.forms import KrdsFormMixin
from apps.notifications import follows

from . import caching, selectors


class FollowByEmailForm(KrdsFormMixin, forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("이메일"),
        max_length=254,
        error_messages={
            "required": gettext_lazy("이메일 주소를 입력해 주세요."),
            "invalid": gettext_lazy("올바른 이메일 주소를 입력해 주세요."),
        },
    )


def follow_context(request, proposal_id: int) -> dict:
    """What the follow box on a public proposal page needs (rendered per request)."""
    return {
        "following": follows.is_following(request.user, proposal_id),
        "follow_form": None if request.user.is_authenticated else FollowByEmailForm(auto_id="follow-%s"),
    }


@require_POST
def follow(request, pk: int):
    proposal = selectors.public_proposal_get(pk)
    if proposal is None:
        raise Http404
    back = redirect("portal-proposal-detail", pk=proposal.pk)
    if request.user.is_authenticated:
        if request.POST.get("follow") == "off":
            follows.unfollow(user=request.user, proposal=proposal)
            messages.success(request, _("이 과제의 소식을 더 받지 않습니다."))
        else:
            follows.follow(user=request.user, proposal=proposal)
            messages.success(request, _("이 과제의 소식을 알림함과 이메일로 보내 드립니다."))
        caching.bump()  # the page shows the button's new state (its ETag is per person)
        return back
    form = FollowByEmailForm(request.POST, auto_id="follow-%s")
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["email"]))
        return back
    follows.follow_by_email(proposal=proposal, email=form.cleaned_data["email"])
    messages.success(request, _("확인 메일을 보냈습니다. 메일의 주소를 열어 확인하면 소식을 보내 드립니다."))
    return back


@require_http_methods(["GET", "POST"])
def confirm(request, token: str):
    """GET shows a button (mail scanners open links); POST confirms the address."""
    if request.method == "POST":
        row = follows.confirm(token[:100])
        return render(request, "portal/follow.html", {"step": "confirmed" if row else "unknown", "row": row})
    return render(request, "portal/follow.html", {"step": "confirm", "token": token[:100]})


@csrf_exempt  # one-click unsubscribe (RFC 8058) comes from mail clients: the token is the key
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    if request.method == "POST":
        follows.unsubscribe(token[:100])
        return render(request, "portal/follow.html", {"step": "unsubscribed"})
    return render(request, "portal/follow.html", {"step": "unsubscribe", "token": token[:100]})
