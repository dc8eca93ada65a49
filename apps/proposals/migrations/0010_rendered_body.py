"""Store each proposal's body rendered (``apps.core.markdown.RenderedBodyMixin``) so that
lists stop parsing Markdown per row; existing rows are rendered here, in batches."""

from django.db import migrations, models

BATCH = 1000


def render_existing(apps, schema_editor):
    from apps.core.markdown import rendered_body

    Proposal = apps.get_model("proposals", "Proposal")
    last = 0
    while True:
        batch = list(Proposal.objects.filter(pk__gt=last).order_by("pk").only("pk", "body")[:BATCH])
        if not batch:
            return
        for proposal in batch:
            for name, value in rendered_body(proposal.body).items():
                setattr(proposal, name, value)
        Proposal.objects.bulk_update(batch, ["body_html", "body_rendering"])
        last = batch[-1].pk


class Migration(migrations.Migration):
    dependencies = [
        ("proposals", "0009_received_newest_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="proposal",
            name="body_html",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="proposal",
            name="body_rendering",
            field=models.CharField(blank=True, default="", editable=False, max_length=100),
        ),
        migrations.RunPython(render_existing, migrations.RunPython.noop, elidable=True),
    ]
