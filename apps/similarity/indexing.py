"""Keeping ``ProposalTerm``, search's ``ProposalDocument`` (and the stored matches) in step with the proposals' texts.

New proposals are indexed when first saved (``post_save``, so rows written by the ORM —
the demo's historical proposals, fixtures — are indexed too), edits through
``proposal_update`` when its ``update`` event names a text field. Both hand the work to a
Celery worker after the writing transaction commits (``tasks.index_after_commit``): the
analyser never loads in a web process. Rows that existed before this app, were edited in
the admin or written in bulk are (re)indexed by ``manage.py index_similarity``.
"""

from django.db import transaction

from apps.proposals.models import Proposal

from . import documents
from .models import ProposalTerm
from .tasks import index_after_commit
from .tokenizer import key_terms

TEXT_FIELDS = ("title", "summary", "requested_action")
BATCH = 500


def terms_for(proposal: Proposal) -> dict[str, float]:
    return key_terms(
        title=proposal.title or "", summary=proposal.summary or "", requested_action=proposal.requested_action or ""
    )


@transaction.atomic
def index_proposal(proposal: Proposal, *, new: bool = False) -> int:
    """Replace the proposal's key terms (``new``: it has none yet); returns how many it has."""
    weights = terms_for(proposal)
    if not new:
        ProposalTerm.objects.filter(proposal_id=proposal.pk).delete()
    ProposalTerm.objects.bulk_create(
        [ProposalTerm(proposal_id=proposal.pk, term=term, weight=weight) for term, weight in weights.items()],
        batch_size=BATCH,
    )
    documents.refresh([proposal.pk])
    return len(weights)


def index_proposals(queryset=None, *, only_missing: bool = False, progress=None) -> int:
    """(Re)index many proposals, a batch per transaction; returns how many were indexed."""
    queryset = Proposal.objects.all() if queryset is None else queryset
    if only_missing:
        queryset = queryset.exclude(pk__in=ProposalTerm.objects.values("proposal_id"))
    ids = list(queryset.order_by("pk").values_list("pk", flat=True))
    done = 0
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        rows = []
        for proposal in Proposal.objects.filter(pk__in=chunk).only("pk", *TEXT_FIELDS):
            rows += [ProposalTerm(proposal_id=proposal.pk, term=t, weight=w) for t, w in terms_for(proposal).items()]
        with transaction.atomic():
            ProposalTerm.objects.filter(proposal_id__in=chunk).delete()
            ProposalTerm.objects.bulk_create(rows, batch_size=BATCH)
            documents.refresh(chunk)
        done += len(chunk)
        if progress is not None:
            progress(done, len(ids))
    return done


# --- signal receivers (connected in apps.py) ---------------------------------------------


def index_new_proposal(sender, instance: Proposal, created: bool, raw: bool = False, **kwargs):
    """``post_save`` of Proposal: a new row gets its terms (fixtures loaded raw do not)."""
    if created and not raw:
        index_after_commit(instance.pk)


def reindex_edited_proposal(sender, event, **kwargs):
    """``proposal_event_created``: an ``update`` that changed a text field re-indexes."""
    if event.action == "update" and set((event.payload or {}).get("fields") or ()) & set(TEXT_FIELDS):
        index_after_commit(event.proposal_id)
