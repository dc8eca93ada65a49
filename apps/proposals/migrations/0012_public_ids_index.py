"""A search's capped count reads public proposals' ids from an index alone (issue 16)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("proposals", "0011_tally_outcome_category"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="proposal",
            index=models.Index(
                condition=models.Q(
                    ("is_public", True),
                    (
                        "status__in",
                        (
                            "submitted",
                            "info_requested",
                            "assigned",
                            "in_review",
                            "decided",
                            "in_progress",
                            "completed",
                            "referred",
                            "merged",
                            "reconsideration",
                        ),
                    ),
                ),
                fields=["id"],
                name="proposal_public_ids",
            ),
        ),
    ]
