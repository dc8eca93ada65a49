from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext


def _error(request, template: str, status: int):
    return render(request, template, status=status)


def bad_request(request, exception=None):
    return _error(request, "errors/400.html", 400)


def permission_denied(request, exception=None):
    return _error(request, "errors/403.html", 403)


def page_not_found(request, exception=None):
    if request.path.startswith("/api/"):
        # API clients get JSON for an unknown address too, never an HTML page.
        return JsonResponse({"detail": gettext("찾을 수 없습니다.")}, status=404)
    return _error(request, "errors/404.html", 404)


def server_error(request):
    # Rendered without the request: no context processors, so no database and no
    # session are touched while the site is already failing.
    return HttpResponseServerError(loader.get_template("errors/500.html").render())
