"""Filter building blocks shared by every app's FilterSet."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ValidationError

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


# The schema says what it takes, so a client (and schemathesis) knows 0 is refused.
@extend_schema_field({"type": "integer", "minimum": 1000, "maximum": 9999})
class YearFilter(django_filters.NumberFilter):
    """A four-digit year: a decimal or out-of-range value is a 400, never a lookup error."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1000)
        kwargs.setdefault("max_value", 9999)
        super().__init__(*args, **kwargs)


class StrictFilterBackend(DjangoFilterBackend):
    """The API's filter backend: the query string is what the schema says, or a 400 field
    error. Beyond django-filter's own checks: a filter that takes one value is refused when
    sent twice (django-filter would read the last one), and an empty value is refused for
    any filter but free text (django-filter reads it as "no filter", so ``?start=`` or
    ``?unread=`` would answer the unfiltered list as if it were filtered)."""

    def get_filterset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None:
            errors = _strict_errors(filterset_class.base_filters, request.query_params)
            if errors:
                raise ValidationError(errors)
        return super().get_filterset(request, queryset, view)


def _strict_errors(filters: dict, params) -> dict:
    errors = {}
    for name, filter_ in filters.items():
        values = params.getlist(name)
        if not values:
            continue
        multiple = isinstance(filter_, django_filters.MultipleChoiceFilter | django_filters.BaseInFilter)
        if len(values) > 1 and not multiple:
            errors[name] = [_("이 조건은 한 번만 보낼 수 있습니다.")]
        elif any(value == "" for value in values) and not isinstance(filter_, django_filters.CharFilter):
            errors[name] = [_("값을 입력하거나 이 조건을 빼 주세요.")]
    return errors
