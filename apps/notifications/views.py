"""The in-app notification centre (``/notifications/``), the header badge and the
preferences page. One URL serves a page or, for htmx, a partial; writes answer htmx with
``HX-Trigger: notifications-changed`` so the header badge refreshes itself."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.accounts.selectors import user_roles
from apps.core.htmx import wants_partial

from . import messages as texts
from . import preferences, selectors, services
from .forms import PreferencesForm

PAGE_SIZE = 20
CHANGED = "notifications-changed"


def _list_context(request):
    filterset = selectors.NotificationFilter(request.GET, queryset=selectors.notifications_for(request.user))
    for field in filterset.form.fields.values():
        field.widget.attrs.setdefault("class", "krds-form-select")
    paginator = Paginator(filterset.qs, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return {
        "filter_form": filterset.form,
        "page_obj": page,
        # Rendered now, in the reader's language, with one query for the departments named.
        "notifications": texts.render_all(page.object_list),
        "page_range": paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "unread_count": selectors.unread_count(request.user),
        "results_url": request.path,
    }


@login_required
@require_GET
def notification_list(request):
    """The person's notifications, newest first, filterable by unread and kind."""
    template = "notifications/_list.html" if wants_partial(request) else "notifications/notification_list.html"
    response = render(request, template, _list_context(request))
    patch_vary_headers(response, ("HX-Request",))
    return response


def _own(request, pk):
    notification = selectors.notification_get(request.user, pk)
    if notification is None:
        raise Http404
    return notification


def _back(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect("notification-list")


@login_required
@require_POST
def notification_read(request, pk: int):
    notification = services.mark_read(user=request.user, notification=_own(request, pk))
    if wants_partial(request):
        response = render(request, "notifications/_item.html", {"notification": notification})
        response["HX-Trigger"] = CHANGED
        return response
    return _back(request)


@login_required
@require_POST
def notification_read_all(request):
    count = services.mark_all_read(user=request.user)
    if wants_partial(request):
        response = render(request, "notifications/_list.html", _list_context(request))
        response["HX-Trigger"] = CHANGED
        return response
    messages.success(request, _("알림 %(count)s건을 읽음으로 표시했습니다.") % {"count": count})
    return _back(request)


@login_required
@require_GET
def notification_open(request, pk: int):
    """Follow a notification to what it is about, marking it read on the way."""
    notification = services.mark_read(user=request.user, notification=_own(request, pk))
    url = notification.url
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return redirect(url)
    return redirect("notification-list")


@require_GET
def notification_badge(request):
    """The header's unread count, polled by htmx; empty (204, nothing swapped) when signed out."""
    if not request.user.is_authenticated:
        return HttpResponse(status=204)
    response = render(request, "notifications/_badge.html", {"unread_count": selectors.unread_count(request.user)})
    add_never_cache_headers(response)
    return response


@login_required
@require_http_methods(["GET", "POST"])
def notification_preferences(request):
    """Per kind: immediate e-mail, daily digest or none; in-app is always on."""
    roles = user_roles(request.user)
    form = PreferencesForm(
        request.POST or None,
        initial_channels=preferences.user_channels(request.user, roles),
        defaults=preferences.user_defaults(roles),
    )
    if request.method == "POST":
        if form.is_valid():
            services.set_preferences(user=request.user, channels=form.cleaned_data)
            messages.success(request, _("알림 설정을 저장했습니다."))
            return redirect("notification-preferences")
        return render(request, "notifications/preferences.html", {"form": form}, status=400)
    return render(request, "notifications/preferences.html", {"form": form})
