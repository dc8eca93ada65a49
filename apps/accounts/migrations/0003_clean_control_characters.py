"""Rows stored before the text policy (apps/core/text.py) lose their control characters."""

from functools import partial

from django.db import migrations

from apps.core.text import clean_stored_text


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_user_session_epoch")]

    operations = [
        migrations.RunPython(
            partial(clean_stored_text, app_label="accounts"), migrations.RunPython.noop, elidable=True
        ),
    ]
