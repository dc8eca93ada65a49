from django.db import migrations

from apps.proposals import reference


def load(apps, schema_editor):
    reference.load_all(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("proposals", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
