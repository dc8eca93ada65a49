"""The maintained counts of proposals by region and state (``tallies.py`` keeps them)."""

from django.db import models

from apps.organisations.models import Region

from .models import ProposalStatus


class StatusTally(models.Model):
    """How many proposals each region has in each state (public or not), kept up to date
    on every save and delete (``tallies.py``), so that counts by state — the triage
    queue's — read a few hundred rows whatever the number of proposals."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=30, choices=ProposalStatus.choices)
    is_public = models.BooleanField()
    count = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["region", "status", "is_public"], name="unique_status_tally"),
        ]

    def __str__(self):
        return f"{self.region_id}:{self.status}:{self.is_public}={self.count}"
