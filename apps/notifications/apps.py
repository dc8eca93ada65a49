from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "apps.notifications"
    verbose_name = _("알림")

    def ready(self):
        # The outbox: notification rows are written inside the transaction that records
        # a proposal event, so they commit (or roll back) with it.
        from apps.proposals.models import ProposalEvent
        from apps.proposals.services import proposal_event_created

        from . import metrics, services  # noqa: F401 - metrics registers its gauges

        proposal_event_created.connect(
            services.notify_proposal_event, sender=ProposalEvent, dispatch_uid="notifications.proposal_event"
        )
        # Followers of a public proposal (issue 17).
        from . import follows

        proposal_event_created.connect(
            follows.notify_followers, sender=ProposalEvent, dispatch_uid="notifications.followers"
        )
