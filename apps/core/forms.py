"""Form rendering shared by every app: KRDS classes on widgets and service errors
attached to the fields they name. Templates render fields with
``partials/form_field.html`` and the error summary with ``partials/form_errors.html``."""

from django import forms
from django.core.exceptions import ValidationError

from .actions import add_service_error


class KrdsFormMixin:
    """KRDS classes on widgets. Django itself marks fields with errors ``aria-invalid``
    and points ``aria-describedby`` at ``<id>_helptext``/``<id>_error``, the ids
    ``partials/form_field.html`` gives the hint and the message (WCAG 3.3.1)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.HiddenInput | forms.CheckboxSelectMultiple | forms.RadioSelect):
                continue
            if isinstance(widget, forms.CheckboxInput):
                continue
            if isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "krds-form-select")
            else:
                widget.attrs.setdefault("class", "krds-input")

    def add_service_error(self, error: ValidationError):
        """Attach a service's ValidationError to the fields it names (others: the form)."""
        add_service_error(self, error)
