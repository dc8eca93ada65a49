"""Firing an action of the registry on a proposal (DESIGN.md §3).

One path for every action: lock the row, check the rule on the locked row, refuse a
stale page or a state the state machine does not allow, validate the action's typed
input, move the state, let the action set its fields, save, and write one immutable
event — in one transaction, so nothing is ever half-written.
"""

import functools

from django.core.exceptions import PermissionDenied
from django.db import OperationalError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_fsm import ConcurrentTransition, can_proceed
from rest_framework.exceptions import ValidationError as InputError

from apps.core.conflicts import is_lock_conflict
from apps.core.ids import parse_id

from ..inputs import as_django_error
from ..models import Proposal, ProposalEvent
from ..registry import FIREABLE, ActionSpec
from .events import TransitionConflict, record_event

# Lazy: worded in the language of the request that meets it, not the one at import.
STALE = gettext_lazy("다른 사용자가 먼저 이 건의과제를 처리했습니다. 화면을 새로 고쳐 주세요.")


def ensure_may(actor, permission: str, proposal: Proposal | None = None):
    """404 when the actor may not even see the proposal (never reveal it), else 403."""
    if proposal is not None and not actor.has_perm("proposals.view_proposal", proposal):
        raise Http404
    if not actor.has_perm(permission, proposal):
        raise PermissionDenied(_("이 작업을 할 권한이 없습니다."))


# A deadlock or serialization failure: the other person acted first, a conflict (409).
BUSY = gettext_lazy(
    "다른 사용자가 같은 건의과제를 동시에 처리하고 있습니다. 잠시 후 화면을 새로 고쳐 다시 시도해 주세요."
)


def lock(proposal: Proposal, *others: int) -> Proposal:
    """The proposal's row locked, with the rows of ``others`` (ids of proposals the
    action also changes or refers to) — all in one statement in id order, so that two
    actions on the same pair lock in the same order and cannot deadlock."""
    ids = sorted({proposal.pk, *others})
    rows = {row.pk: row for row in Proposal.objects.select_for_update().filter(pk__in=ids).order_by("pk")}
    if proposal.pk not in rows:
        raise Proposal.DoesNotExist
    return rows[proposal.pk]


def related_ids(spec: ActionSpec, fields: dict) -> list[int]:
    """Ids of the other proposals the action's input names (``locks_proposals``)."""
    names = getattr(spec.input, "locks_proposals", ()) if spec.input else ()
    ids = [fields.get(name) for name in names]
    ids = [getattr(value, "pk", value) for value in ids]
    return [number for number in map(parse_id, ids) if number is not None]


def state_allows(spec: ActionSpec, proposal: Proposal) -> bool:
    return spec.method is not None and can_proceed(getattr(proposal, spec.method))


def can_fire(user, proposal: Proposal, action: str) -> bool:
    """Whether the action's button should show: the state machine permits it now and the
    rule allows it (the state first: a few actions leave each state, and it reads no rule)."""
    spec = FIREABLE.get(action)
    return spec is not None and state_allows(spec, proposal) and user.has_perm(spec.permission, proposal)


@functools.cache
def actions_leaving(status: str) -> tuple[str, ...]:
    """The actions whose transition may start from ``status`` (read once from the state
    machine): a list of 50 rows then checks a few actions each, not all of them."""
    return tuple(
        name
        for name, spec in FIREABLE.items()
        if spec.method is not None and getattr(Proposal, spec.method)._django_fsm.has_transition(status)
    )


def available_actions(user, proposal: Proposal) -> list[str]:
    return [name for name in actions_leaving(proposal.status) if can_fire(user, proposal, name)]


def validated_input(spec: ActionSpec, fields: dict, *, proposal: Proposal, actor, now) -> dict:
    serializer = spec.input(data=fields, context={"spec": spec, "proposal": proposal, "actor": actor, "now": now})
    try:
        serializer.is_valid(raise_exception=True)
    except InputError as error:
        raise as_django_error(error) from error
    return dict(serializer.validated_data)


def fire(
    *, proposal: Proposal, actor, action: str, expected_status: str | None = None, **fields
) -> tuple[Proposal, ProposalEvent]:
    """``proposal_fire`` returning the event too (for services built on an action)."""
    try:
        # Inside a caller's transaction (a cluster action) this is a savepoint: rolled back
        # to, the caller's transaction stays usable after a deadlock too.
        with transaction.atomic():
            return _fire(proposal=proposal, actor=actor, action=action, expected_status=expected_status, **fields)
    except OperationalError as error:
        if is_lock_conflict(error):
            raise TransitionConflict(BUSY) from error
        raise


def _fire(*, proposal, actor, action, expected_status, **fields):
    spec = FIREABLE.get(action)
    if spec is None:
        raise Http404
    locked = lock(proposal, *related_ids(spec, fields))
    ensure_may(actor, spec.permission, locked)
    if locked.status != (expected_status or proposal.status):
        raise TransitionConflict(STALE)
    if not state_allows(spec, locked):
        if spec.unmet and locked.status in spec.sources:
            raise TransitionConflict(spec.unmet_for(locked))
        raise TransitionConflict(
            _("현재 상태(%(status)s)에서는 이 작업을 할 수 없습니다.") % {"status": locked.get_status_display()}
        )
    now = timezone.now()
    given = {name: value for name, value in fields.items() if value is not None}  # None: not given
    data = validated_input(spec, given, proposal=locked, actor=actor, now=now)
    from_status = locked.status
    getattr(locked, spec.method)()
    # After the transition: its conditions read the state the action is about to change.
    payload = spec.apply(locked, data, actor=actor, now=now) if spec.apply else {}
    try:
        locked.save()
    except ConcurrentTransition as error:
        raise TransitionConflict(STALE) from error
    support = getattr(locked, "pending_support_departments", None)
    if support is not None:
        locked.support_departments.set(support)
    event = record_event(
        proposal=locked,
        actor=actor,
        action=action,
        from_status=from_status,
        to_status=locked.status,
        note=data["note"],
        payload={key: value for key, value in payload.items() if value not in (None, "", [])},
    )
    return locked, event


def proposal_fire(
    *, proposal: Proposal, actor, action: str, note: str = "", expected_status: str | None = None, **fields
) -> Proposal:
    """Fire ``action`` on ``proposal`` as ``actor``. Raises Http404 (may not see it),
    PermissionDenied (may see, may not act), ValidationError (bad input, Korean field
    errors) or TransitionConflict (wrong state, or someone else acted first).

    ``fields`` are the action's input (``inputs.py``): codes or objects, dates or ISO
    strings. ``expected_status`` is the state the person saw when they chose the action;
    if the proposal has moved on since, that is a conflict."""
    fired, _event = fire(
        proposal=proposal, actor=actor, action=action, expected_status=expected_status, note=note or "", **fields
    )
    return fired
