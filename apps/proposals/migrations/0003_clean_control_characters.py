"""Rows stored before the text policy (apps/core/text.py) lose their control characters."""

from functools import partial

from django.db import migrations

from apps.core.text import clean_stored_text


class Migration(migrations.Migration):
    dependencies = [("proposals", "0002_load_strategies_and_service_levels")]

    operations = [
        migrations.RunPython(
            partial(clean_stored_text, app_label="proposals"), migrations.RunPython.noop, elidable=True
        ),
    ]
