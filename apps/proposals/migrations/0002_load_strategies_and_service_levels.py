from django.db import migrations

from apps.proposals import reference


def load(apps, schema_editor):
    reference.load_strategies(apps.get_model("proposals", "Strategy"))
    reference.load_service_levels(apps.get_model("proposals", "ServiceLevel"))


class Migration(migrations.Migration):
    dependencies = [("proposals", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
