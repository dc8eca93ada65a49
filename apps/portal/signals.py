"""Public data changed → the cached pages and figures that show it are stale
(``caching.bump``), and the statistics snapshot is recomputed (``snapshots``).

- a proposal that the public may see, or could see before this save: its own page, the
  lists and the figures (``proposal:<pk>``, ``lists``, ``stats``); other proposals' pages
  stay cached, and a draft or non-public proposal changes nothing public;
- a public timeline event: its proposal's page and the lists;
- a proposal's strategy or department links: as the proposal;
- a council or forum item naming a proposal (an agenda item and its outcome, a forum
  topic or recommendation, the meeting they belong to): those proposals' pages;
- the reference rows whose names every page may show (regions, departments, strategies,
  the bodies and council seats of the home page, memberships in the header of a
  signed-in person's page): everything.

The bump happens at once and again after the transaction commits: a page rendered
between the two from the old committed data is cached under the first stamp and dropped
by the second.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from apps.accounts.models import Membership
from apps.core import replica
from apps.meetings.models import AgendaItem, ForumTopic, Meeting, Recommendation
from apps.organisations.models import Body, CouncilSeat, Department, Region
from apps.proposals.models import Proposal, ProposalEvent, Strategy
from apps.proposals.selectors import public_q

from . import caching, snapshots

PROPOSAL_SCOPES = ("lists", "stats")


def changed(*scopes: str) -> None:
    caching.bump(*scopes)
    transaction.on_commit(lambda: caching.bump(*scopes))
    # Until the read replica has the change, public pages read the primary.
    transaction.on_commit(replica.hold_primary)
    if not scopes or "stats" in scopes:
        snapshots.refresh_soon()


def public_data_changed(sender=None, **kwargs):
    changed()


def remember_public_state(sender, instance, raw: bool = False, **kwargs):
    """``pre_save`` of a proposal: was it public before this save?"""
    instance._portal_was_public = (
        not raw and instance.pk is not None and Proposal.objects.filter(public_q(), pk=instance.pk).exists()
    )


def proposal_changed(sender, instance, **kwargs):
    if instance.is_open_to_public or getattr(instance, "_portal_was_public", False):
        changed(f"proposal:{instance.pk}", *PROPOSAL_SCOPES)


def proposal_deleted(sender, instance, **kwargs):
    changed(f"proposal:{instance.pk}", *PROPOSAL_SCOPES)


def event_changed(sender, instance, **kwargs):
    if instance.is_public:
        changed(f"proposal:{instance.proposal_id}", "lists")


def links_changed(sender, instance, **kwargs):
    if isinstance(instance, Proposal):
        proposal_changed(sender, instance)
    else:  # from the strategy's or department's side: which proposals is not at hand
        changed()


def proposals_changed(proposal_ids) -> None:
    """Their pages show a council or forum item that changed; nothing else does."""
    scopes = sorted({f"proposal:{pk}" for pk in proposal_ids if pk})
    if scopes:
        changed(*scopes)


def agenda_item_changed(sender, instance, **kwargs):
    proposals_changed([instance.proposal_id])


def meeting_changed(sender, instance, raw: bool = False, **kwargs):
    if not raw and instance.pk:
        proposals_changed(AgendaItem.objects.filter(meeting=instance).values_list("proposal_id", flat=True))


def linked_changed(sender, instance, raw: bool = False, **kwargs):
    """A forum topic or recommendation saved or deleted: the proposals it names."""
    if not raw and instance.pk:
        proposals_changed(instance.proposals.values_list("pk", flat=True))


def links_of_discussion_changed(sender, instance, action, pk_set=None, reverse=False, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear", "pre_clear"):
        return
    if reverse:  # from the proposal's side
        proposals_changed([instance.pk])
    elif action == "pre_clear":
        proposals_changed(instance.proposals.values_list("pk", flat=True))
    else:
        proposals_changed(pk_set or ())


def connect():
    pre_save.connect(remember_public_state, sender=Proposal, dispatch_uid="portal-presave-proposal")
    post_save.connect(proposal_changed, sender=Proposal, dispatch_uid="portal-save-proposal")
    post_delete.connect(proposal_deleted, sender=Proposal, dispatch_uid="portal-delete-proposal")
    post_save.connect(event_changed, sender=ProposalEvent, dispatch_uid="portal-save-event")
    post_delete.connect(event_changed, sender=ProposalEvent, dispatch_uid="portal-delete-event")
    for model in (Region, Department, Strategy, Body, CouncilSeat, Membership):
        post_save.connect(public_data_changed, sender=model, dispatch_uid=f"portal-save-{model._meta.label}")
        post_delete.connect(public_data_changed, sender=model, dispatch_uid=f"portal-delete-{model._meta.label}")
    for through in (Proposal.strategies.through, Proposal.support_departments.through):
        m2m_changed.connect(links_changed, sender=through, dispatch_uid=f"portal-m2m-{through._meta.label}")
    post_save.connect(agenda_item_changed, sender=AgendaItem, dispatch_uid="portal-save-agenda-item")
    post_delete.connect(agenda_item_changed, sender=AgendaItem, dispatch_uid="portal-delete-agenda-item")
    post_save.connect(meeting_changed, sender=Meeting, dispatch_uid="portal-save-meeting")
    pre_delete.connect(meeting_changed, sender=Meeting, dispatch_uid="portal-delete-meeting")
    for model in (ForumTopic, Recommendation):
        label = model._meta.label
        post_save.connect(linked_changed, sender=model, dispatch_uid=f"portal-save-{label}")
        pre_delete.connect(linked_changed, sender=model, dispatch_uid=f"portal-delete-{label}")
        m2m_changed.connect(
            links_of_discussion_changed, sender=model.proposals.through, dispatch_uid=f"portal-links-{label}"
        )
