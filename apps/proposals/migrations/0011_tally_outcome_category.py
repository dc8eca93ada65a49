"""The maintained counts gain outcome and field, so that the public list filtered by
them is counted from the tallies; the rows are counted again here."""

from django.db import migrations, models
from django.db.models import Count

KEY = ("region_id", "status", "is_public", "outcome", "category")


def count_again(apps, schema_editor):
    Proposal = apps.get_model("proposals", "Proposal")
    StatusTally = apps.get_model("proposals", "StatusTally")
    StatusTally.objects.all().delete()
    rows = Proposal.objects.values_list(*KEY).annotate(n=Count("pk")).order_by()
    StatusTally.objects.bulk_create(
        [
            StatusTally(
                region_id=region_id,
                status=status,
                is_public=bool(is_public),
                outcome=outcome or "",
                category=category or "",
                count=n,
            )
            for region_id, status, is_public, outcome, category, n in rows
        ]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0004_english_names"),
        ("proposals", "0010_rendered_body"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="statustally",
            name="unique_status_tally",
        ),
        migrations.AddField(
            model_name="statustally",
            name="category",
            field=models.CharField(blank=True, default="", max_length=20),
        ),
        migrations.AddField(
            model_name="statustally",
            name="outcome",
            field=models.CharField(blank=True, default="", max_length=30),
        ),
        migrations.AddConstraint(
            model_name="statustally",
            constraint=models.UniqueConstraint(
                fields=("region", "status", "is_public", "outcome", "category"), name="unique_status_tally"
            ),
        ),
        migrations.RunPython(count_again, migrations.RunPython.noop, elidable=True),
    ]
