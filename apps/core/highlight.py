"""Marking the words a search found in a result (``<mark>``), with everything else escaped."""

import re

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe


def mark(text, terms) -> SafeString:
    """``text`` escaped, each occurrence of a term (case-insensitive, longest first) in ``<mark>``."""
    text = "" if text is None else str(text)
    terms = sorted({str(term) for term in terms or () if term}, key=len, reverse=True)
    if not terms or not text:
        return escape(text)
    pattern = re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE)
    parts, last = [], 0
    for found in pattern.finditer(text):
        parts += [escape(text[last : found.start()]), format_html("<mark>{}</mark>", found.group())]
        last = found.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 — every part above is escaped
