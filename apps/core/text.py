"""One text policy for every input and every output.

Text from people (forms, API bodies, imports, query strings, path pieces) may carry tab,
newline and carriage return (browsers send a textarea's newlines as CR LF), and nothing
else below U+0020: no NUL, no other C0 or C1 control character, no lone surrogate and no
U+FFFE/U+FFFF. Those break XML writers (XLSX, RSS/Atom), PostgreSQL (NUL) and mail
headers, and no person types them. Inputs refuse them with a Korean field error
(``validate_text``); writers pass stored text through ``clean_text`` so rows stored
before the policy still give a safe file.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# C0 except TAB (09), LF (0A), CR (0D); DEL and C1 (7F-9F); surrogates; non-characters.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
MESSAGE = _("제어 문자(보이지 않는 특수 문자)는 입력할 수 없습니다. 내용을 다시 입력해 주세요.")


def has_control_characters(value) -> bool:
    return isinstance(value, str) and CONTROL_CHARACTERS.search(value) is not None


def validate_text(value) -> None:
    """A validator for Django forms, models and DRF fields alike."""
    if has_control_characters(value):
        raise ValidationError(MESSAGE, code="control_characters")


def clean_text(value):
    """``value`` without the characters the policy refuses (anything not a str: as is)."""
    if isinstance(value, str):
        return CONTROL_CHARACTERS.sub("", value)
    return value


def find_control_characters(data, *, max_depth: int = 64):
    """Field errors shaped like ``data`` (a parsed JSON body or a form's fields) for every
    string in it — key or value — that the policy refuses; None when there is none."""
    if max_depth < 0:
        return None
    if isinstance(data, str):
        return [MESSAGE] if has_control_characters(data) else None
    if isinstance(data, dict):
        errors = {}
        for key, value in data.items():
            found = (
                [MESSAGE] if has_control_characters(key) else find_control_characters(value, max_depth=max_depth - 1)
            )
            if found:
                errors[clean_text(str(key))] = found
        return errors or None
    if isinstance(data, list | tuple):
        errors = [find_control_characters(item, max_depth=max_depth - 1) or {} for item in data]
        return errors if any(errors) else None
    return None


def clean_stored_text(apps, schema_editor, app_label: str) -> None:
    """For a data migration: remove the refused characters from every text column of the
    app's models (rows stored before the policy). Only rows that hold one are read."""
    from django.db import models

    # No database stores surrogates (they cannot be encoded), and PostgreSQL stores no NUL
    # and takes none in a pattern either.
    nul = "" if schema_editor.connection.vendor == "postgresql" else "\x00"
    pattern = f"[{nul}\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]"
    for model in apps.get_app_config(app_label).get_models():
        fields = [
            field.name
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField) and not field.choices
        ]
        if not fields:
            continue
        condition = models.Q()
        for name in fields:
            condition |= models.Q(**{f"{name}__regex": pattern})
        for row in model._base_manager.filter(condition).only("pk", *fields).iterator():
            changed = {name: clean_text(getattr(row, name)) for name in fields}
            model._base_manager.filter(pk=row.pk).update(**changed)
