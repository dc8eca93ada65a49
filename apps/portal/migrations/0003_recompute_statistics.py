"""Stored statistics snapshots are dropped, so the next view recomputes them with what issue
15 added (English names of regions, units and strategies, the running month, how the
headline figures add up)."""

from django.db import migrations


def drop_snapshots(apps, schema_editor):
    apps.get_model("portal", "StatisticsSnapshot").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("portal", "0002_statistics_snapshot")]

    operations = [migrations.RunPython(drop_snapshots, migrations.RunPython.noop, elidable=True)]
