"""Choice labels without Django's per-call cost."""

from django.utils.encoding import force_str


class ChoiceLabelsMixin:
    """Put before ``models.Model``: ``get_FOO_display`` looks the value up in a dict built
    once per field. Django's own rebuilds a dict of every choice on each call, translating
    every label to hash it: three labels per row cost more than the rest of a 20-row list.
    Same result: the label in the active language, or the value itself."""

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        labels = field.__dict__.get("_choice_labels")
        if labels is None:
            labels = field._choice_labels = dict(field.flatchoices)
        try:
            label = labels.get(value, value)
        except TypeError:  # an unhashable value (never one of ours): no label
            label = value
        return force_str(label, strings_only=True)
