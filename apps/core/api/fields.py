"""Serializer fields shared by the APIs."""

from rest_framework import serializers

from apps.core.choices import choice_label


class ChoiceLabelField(serializers.CharField):
    """The label of a model field's choice in the request's language (``choice_label``):
    ``source="get_FOO_display"`` made DRF inspect the method's signature on every row."""

    def __init__(self, model_field, **kwargs):
        kwargs["read_only"] = True
        kwargs.setdefault("source", model_field.attname)
        super().__init__(**kwargs)
        self.model_field = model_field

    def to_representation(self, value):
        return choice_label(self.model_field, value)
