"""Notifications keep their kind's parameters and are rendered in the reader's language
(issue 15). Rows written from an event before this get the parameters the event still
holds: whether the note was quoted is read from the stored text; the rest come from the
event and the proposal. Reminders written before keep showing their stored Korean text."""

from django.db import migrations, models

NOTE_LABELS = ("\n내용: ", "\nDetails: ")


def add_params(apps, schema_editor):
    Notification = apps.get_model("notifications", "Notification")
    # Followers' updates carry their event too, but are written from the public timeline:
    # they keep their stored text.
    rows = (
        Notification.objects.filter(event__isnull=False, proposal__isnull=False)
        .exclude(kind="followed_update")
        .only("pk", "body")
    )
    batch = []
    for row in rows.iterator(chunk_size=1000):
        row.params = {"renderer": "event", "quote_note": any(label in row.body for label in NOTE_LABELS)}
        batch.append(row)
        if len(batch) >= 1000:
            Notification.objects.bulk_update(batch, ["params"])
            batch = []
    if batch:
        Notification.objects.bulk_update(batch, ["params"])


class Migration(migrations.Migration):
    dependencies = [("notifications", "0004_accountability_kinds")]

    operations = [
        migrations.AddField(
            model_name="notification",
            name="params",
            field=models.JSONField(blank=True, default=dict, verbose_name="표시 변수"),
        ),
        migrations.RunPython(add_params, migrations.RunPython.noop, elidable=True),
    ]
