from django.db import migrations

from apps.organisations import reference


def load(apps, schema_editor):
    Body = apps.get_model("organisations", "Body")
    Region = apps.get_model("organisations", "Region")
    reference.load_bodies(Body)
    reference.load_regions(Region)
    reference.load_council_seats(Body, Region, apps.get_model("organisations", "CouncilSeat"))
    reference.load_departments(apps.get_model("organisations", "Department"))
    reference.load_regional_offices(Region, apps.get_model("organisations", "RegionalOffice"))
    reference.load_partner_organisations(Body, apps.get_model("organisations", "PartnerOrganisation"))


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
