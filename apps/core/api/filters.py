"""Filter building blocks shared by every app's FilterSet."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

TRUE_VALUES = frozenset({"true", "1", "yes", "on"})
FALSE_VALUES = frozenset({"false", "0", "no", "off"})


class StrictBooleanField(forms.Field):
    """``true``/``false`` (also 1/0, yes/no); anything else is a 400, not silently ignored.

    django-filter's default boolean field turns an unknown value into "no filter",
    which makes a typo return the unfiltered list.
    """

    widget = forms.TextInput
    default_error_messages = {"invalid": _("true 또는 false를 입력하세요.")}

    def to_python(self, value):
        if value in (None, ""):
            return None
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in TRUE_VALUES:
            return True
        if text in FALSE_VALUES:
            return False
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid")


class StrictBooleanFilter(django_filters.BooleanFilter):
    # Not the rest_framework BooleanFilter: its widget maps unknown values to None first.
    field_class = StrictBooleanField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.TextInput)
        super().__init__(*args, **kwargs)


class YearFilter(django_filters.NumberFilter):
    """A four-digit year: a decimal or out-of-range value is a 400, never a lookup error."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1000)
        kwargs.setdefault("max_value", 9999)
        super().__init__(*args, **kwargs)
