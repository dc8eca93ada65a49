"""Choice labels without Django's per-call cost: ``get_FOO_display`` rebuilds a dict of
every choice on each call, translating every label to hash it — three labels per row cost
more than the rest of a 20-row list. Here each field's dict is built once."""

from django.utils.encoding import force_str


def choice_label(field, value) -> str:
    """``field``'s label for ``value`` in the active language, or the value itself: what
    ``get_FOO_display`` returns."""
    labels = field.__dict__.get("_choice_labels")
    if labels is None:
        labels = field._choice_labels = dict(field.flatchoices)
    try:
        label = labels.get(value, value)
    except TypeError:  # an unhashable value (never one of ours): no label
        label = value
    return force_str(label, strings_only=True)


class ChoiceLabelsMixin:
    """Put before ``models.Model``: ``get_FOO_display`` reads ``choice_label``."""

    def _get_FIELD_display(self, field):
        return choice_label(field, getattr(self, field.attname))
