"""The maintained counts of proposals by region, state, outcome and field (``tallies.py``
keeps them)."""

from django.db import models

from apps.organisations.models import Region

from .models import ProposalStatus


class StatusTally(models.Model):
    """How many proposals each region has in each state (public or not) with each outcome
    in each field, kept up to date on every save and delete (``tallies.py``), so that counts
    by state — the triage queue's — and the public list filtered by region, state, outcome
    or field read a few thousand rows at most whatever the number of proposals."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=30, choices=ProposalStatus.choices)
    is_public = models.BooleanField()
    outcome = models.CharField(max_length=30, blank=True, default="")
    category = models.CharField(max_length=20, blank=True, default="")
    count = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["region", "status", "is_public", "outcome", "category"], name="unique_status_tally"
            ),
        ]

    def __str__(self):
        return f"{self.region_id}:{self.status}:{self.is_public}:{self.outcome}:{self.category}={self.count}"
