from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "apps.proposals"
    verbose_name = _("건의과제")

    def ready(self):
        # Register the overdue gauge for /metrics and the restore drill's timeline check.
        # An ad-hoc holiday added by operators moves the deadlines it falls within.
        from django.db.models.signals import post_save

        from apps.core.models import Holiday

        from . import metrics, restore_checks  # noqa: F401

        post_save.connect(_holiday_added, sender=Holiday, dispatch_uid="proposals.holiday_added")


def _holiday_added(sender, instance, created, **kwargs):
    from .deadlines import move_deadlines_for_holiday

    if created:
        move_deadlines_for_holiday(instance.date)
