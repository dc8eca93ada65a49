"""Form rendering shared by every app: KRDS classes on widgets and service errors
attached to the fields they name. Templates render fields with
``partials/form_field.html`` and the error summary with ``partials/form_errors.html``."""

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from apps.core.text import MESSAGE, clean_text, has_control_characters

from .actions import add_service_error


class TextPolicyFormMixin:
    """The text policy (``apps.core.text``) for every field of a form, whatever its type:
    a field sent with a control character gets the Korean field error, and the form is
    cleaned — and shown again — with the text minus those characters, so no choice or
    lookup ever reaches the database with one (PostgreSQL refuses NUL with a 500)."""

    def get_initial_for_field(self, field, field_name):
        # A row stored before the policy shows (and so saves back) its text without them:
        # the person can edit it without being refused for a character they never typed.
        return clean_text(super().get_initial_for_field(field, field_name))

    def full_clean(self):
        refused = self._strip_control_characters() if self.is_bound else set()
        super().full_clean()
        if refused and hasattr(self, "cleaned_data"):
            for name in refused:
                self.add_error(name, MESSAGE)

    def _strip_control_characters(self) -> set[str]:
        bad_keys = set()
        data = self.data.copy() if hasattr(self.data, "copy") else dict(self.data)
        items = data.lists() if isinstance(data, QueryDict) else ((key, [value]) for key, value in data.items())
        for key, values in list(items):
            if any(has_control_characters(value) for value in values):
                bad_keys.add(key)
                if isinstance(data, QueryDict):
                    data.setlist(key, [clean_text(value) for value in values])
                else:
                    data[key] = clean_text(data[key])
        for key, uploads in self.files.lists() if hasattr(self.files, "lists") else []:
            for upload in uploads:
                if has_control_characters(upload.name):
                    bad_keys.add(key)
                    upload.name = clean_text(upload.name)
        if not bad_keys:
            return set()
        self.data = data
        return {
            name
            for name in self.fields
            if any(key == self.add_prefix(name) or key.startswith(self.add_prefix(name) + "_") for key in bad_keys)
        }


DJANGO_DASHES = "---------"


def _name_the_empty_choice(field):
    """Django's "---------" as the empty choice says nothing: "선택하세요" says what to do."""
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label == DJANGO_DASHES:
            field.empty_label = _("선택하세요")
    elif isinstance(field, forms.ChoiceField):
        choices = list(field.choices)
        if choices and choices[0] == ("", DJANGO_DASHES):
            field.choices = [("", _("선택하세요")), *choices[1:]]


class KrdsFormMixin(TextPolicyFormMixin):
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
                _name_the_empty_choice(field)
            else:
                widget.attrs.setdefault("class", "krds-input")

    def add_service_error(self, error: ValidationError):
        """Attach a service's ValidationError to the fields it names (others: the form)."""
        add_service_error(self, error)
