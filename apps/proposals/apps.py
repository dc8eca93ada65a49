from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "apps.proposals"
    verbose_name = _("건의과제")

    def ready(self):
        # Register the overdue gauge for /metrics and the restore drill's timeline check.
        from django.db.models.signals import post_delete, post_save, pre_save

        from apps.core.models import Holiday

        from . import metrics, restore_checks, tallies  # noqa: F401
        from .models import Proposal

        # Counts by state are kept as proposals are written (tallies.py).
        pre_save.connect(tallies.remember, sender=Proposal, dispatch_uid="proposals.tally_before")
        post_save.connect(tallies.saved, sender=Proposal, dispatch_uid="proposals.tally_after")
        post_delete.connect(tallies.deleted, sender=Proposal, dispatch_uid="proposals.tally_delete")
        # An ad-hoc holiday added by operators moves the deadlines it falls within.
        post_save.connect(_holiday_added, sender=Holiday, dispatch_uid="proposals.holiday_added")


def _holiday_added(sender, instance, created, **kwargs):
    from .deadlines import move_deadlines_for_holiday

    if created:
        move_deadlines_for_holiday(instance.date)
