"""Serializer fields shared by the APIs."""

from django.utils.encoding import force_str
from rest_framework import serializers


class ChoiceLabelField(serializers.CharField):
    """The label of a model field's choice, in the request's language: what
    ``get_FOO_display`` returns, from one dict built once. (``get_FOO_display`` rebuilds
    a dict of every choice, translating each label, on every call: three of them made
    most of a 50-row list's serialisation.)"""

    def __init__(self, choices, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)
        self.labels = dict(choices)

    def to_representation(self, value):
        return force_str(self.labels.get(value, value))
