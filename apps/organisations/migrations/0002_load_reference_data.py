from django.db import migrations

from apps.organisations import reference


def load(apps, schema_editor):
    reference.load_all(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
