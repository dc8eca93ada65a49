"""Public data changed → every cached public page and figure is stale (``caching.bump``).

Connected to every save and delete of what public pages show: proposals (and their
strategy and department links), timeline events, and the reference rows whose names
appear (regions, departments, strategies, the bodies and council seats of the home page,
and memberships, which the header of a signed-in person's page shows). The bump happens
at once and again after the transaction commits: a page rendered between the two from the
old committed data is cached under the first stamp and dropped by the second.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from apps.accounts.models import Membership
from apps.core import replica
from apps.organisations.models import Body, CouncilSeat, Department, Region
from apps.proposals.models import Proposal, ProposalEvent, Strategy

from . import caching


def public_data_changed(sender=None, **kwargs):
    caching.bump()
    transaction.on_commit(caching.bump)
    # Until the read replica has the change, public pages read the primary.
    transaction.on_commit(replica.hold_primary)


def connect():
    for model in (Proposal, ProposalEvent, Region, Department, Strategy, Body, CouncilSeat, Membership):
        post_save.connect(public_data_changed, sender=model, dispatch_uid=f"portal-save-{model._meta.label}")
        post_delete.connect(public_data_changed, sender=model, dispatch_uid=f"portal-delete-{model._meta.label}")
    for through in (Proposal.strategies.through, Proposal.support_departments.through):
        m2m_changed.connect(public_data_changed, sender=through, dispatch_uid=f"portal-m2m-{through._meta.label}")
