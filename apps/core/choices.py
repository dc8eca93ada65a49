"""Choice labels without Django's per-call cost: ``get_FOO_display`` rebuilds a dict of
every choice on each call, translating every label to hash it — three labels per row cost
more than the rest of a 20-row list. Here each field's labels are translated once per
language."""

from django.utils.encoding import force_str
from django.utils.translation import get_language


def choice_label(field, value) -> str:
    """``field``'s label for ``value`` in the active language, or the value itself: what
    ``get_FOO_display`` returns."""
    by_language = field.__dict__.get("_choice_labels")
    if by_language is None:
        by_language = field._choice_labels = {}
    language = get_language()
    labels = by_language.get(language)
    if labels is None:
        labels = by_language[language] = {
            key: force_str(label, strings_only=True) for key, label in dict(field.flatchoices).items()
        }
    try:
        return labels.get(value, value)
    except TypeError:  # an unhashable value (never one of ours): no label
        return value


class ChoiceLabelsMixin:
    """Put before ``models.Model``: ``get_FOO_display`` reads ``choice_label``."""

    def _get_FIELD_display(self, field):
        return choice_label(field, getattr(self, field.attname))
