"""One shape for a page's POST action, for every app: validate the form, call the
service, then either say what was done and redirect (post/redirect/get), or show the
page again with why not — its input (400) or the row's state (409).

Services raise ``ValidationError`` for bad input; each app names its own conflict
exceptions (a state that no longer allows the action, or a concurrent change), so this
module imports no feature app.
"""

from collections.abc import Callable, Iterable

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect


def add_service_error(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form's fields (or above them)."""
    if hasattr(error, "error_dict"):
        for field, field_messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, field_messages)
    else:
        form.add_error(None, error.messages)


def _resolve(value, result):
    return value(result) if callable(value) else value


def run_action(
    request,
    perform: Callable,
    *,
    invalid: Callable[[forms.Form | None], HttpResponse],
    next_url: str | Callable = "",
    respond: Callable[[object], HttpResponse] | None = None,
    done: str | Callable = "",
    form: forms.Form | None = None,
    conflicts: Iterable[type[Exception]] = (),
    conflict: Callable[[Exception], HttpResponse] | None = None,
) -> HttpResponse:
    """Run ``perform(cleaned_data)`` (``None`` without a form) for a POST.

    - the form or the service refuses the input: ``invalid(form)`` renders the page again
      (status 400) with the errors on the form's fields — or, without a form, the service's
      messages above the page;
    - one of ``conflicts`` is raised: ``conflict(error)`` renders the 409 answer;
    - otherwise ``done`` (text, or a function of the service's result; empty: no message)
      becomes a success message and the answer redirects to ``next_url`` (text, or a
      function of the result) — or is ``respond(result)`` (e.g. an htmx partial).
    """
    if form is not None and not form.is_valid():
        return invalid(form)
    try:
        result = perform(form.cleaned_data if form is not None else None)
    except ValidationError as error:
        if form is None:
            messages.error(request, " ".join(error.messages))
        else:
            add_service_error(form, error)
        return invalid(form)
    except tuple(conflicts) as error:
        if conflict is None:
            raise
        return conflict(error)
    text = _resolve(done, result)
    if text:
        messages.success(request, text)
    if respond is not None:
        return respond(result)
    return redirect(_resolve(next_url, result))
