"""A region's drafts: creating and editing them (DESIGN.md §3)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from apps.organisations.models import Region

from ..deadlines import local_today
from ..models import Proposal, ReferenceCounter
from .events import TransitionConflict, record_event
from .firing import ensure_may, lock

EDITABLE_FIELDS = (
    "title", "summary", "body", "category", "requested_action", "related_laws", "budget_estimate", "location",
    "is_public",
)  # fmt: skip


def next_reference(region: Region, year: int) -> str:
    counter, _created = ReferenceCounter.objects.select_for_update().get_or_create(year=year, region=region)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{year}-{region.code}-{counter.last:04d}"


def validate(proposal: Proposal, exclude=()):
    # The protected FSM field refuses the assignment full_clean makes; only transitions set it.
    proposal.full_clean(exclude=["status", *exclude])


@transaction.atomic
def proposal_create(*, actor, region: Region, strategies=(), **fields) -> Proposal:
    """A new draft of ``region``, numbered year-region-serial."""
    if not actor.has_perm("proposals.add_proposal") or not actor.has_perm(
        "proposals.change_proposal", Proposal(region=region)
    ):
        raise PermissionDenied(_("이 지역의 건의과제를 작성할 권한이 없습니다."))
    proposal = Proposal(region=region, created_by=actor, **{k: v for k, v in fields.items() if k in EDITABLE_FIELDS})
    proposal.reference = "pending"
    validate(proposal, exclude=["reference"])
    proposal.reference = next_reference(region, local_today().year)
    proposal.save()
    proposal.strategies.set(strategies)
    record_event(proposal=proposal, actor=actor, action="create", from_status="")
    return proposal


@transaction.atomic
def proposal_update(*, proposal: Proposal, actor, strategies=None, **fields) -> Proposal:
    """Edit a draft (or a proposal returned for more information) of one's own region."""
    locked = lock(proposal)
    ensure_may(actor, "proposals.change_proposal", locked)
    if not locked.is_editable:
        raise TransitionConflict(_("작성중이거나 보완요청 상태인 건의과제만 수정할 수 있습니다."))
    changed = []
    for name, value in fields.items():
        if name in EDITABLE_FIELDS and getattr(locked, name) != value:
            setattr(locked, name, value)
            changed.append(name)
    validate(locked)
    locked.save()
    if strategies is not None:
        locked.strategies.set(strategies)
        changed.append("strategies")
    if changed:
        record_event(proposal=locked, actor=actor, action="update", payload={"fields": changed})
    return locked
