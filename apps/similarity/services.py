"""Writes of clusters (공통건의): the TF groups proposals of several regions that ask for
the same thing, and then triages, assigns and decides them together.

Acting on a cluster fires the same action on every member through
``apps.proposals.services.proposal_fire`` — each member's own rules, state machine,
event, timeline and notifications (so a decision reaches every member's region) — in one
transaction: if any member cannot take the action (wrong state, no permission, changed
meanwhile), nothing happens to any of them (``ClusterConflict``, HTTP 409).

Each member's event names the cluster in its payload (``cluster``, ``cluster_title``):
``name_cluster_in_event`` adds them as the event row is first saved, while
``cluster_fire`` runs (a context variable says which cluster is acting).
"""

import contextvars

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from apps.core.hangul import with_particle
from apps.proposals.models import Proposal
from apps.proposals.services import TransitionConflict, proposal_fire

from .models import Cluster, ClusterMember
from .selectors import clusterable

MIN_MEMBERS = 2

_acting_cluster: contextvars.ContextVar[tuple[Cluster, frozenset[int]] | None] = contextvars.ContextVar(
    "similarity_acting_cluster", default=None
)


class ClusterConflict(TransitionConflict):
    """A member of the cluster cannot take the action; nothing was done (HTTP 409)."""


def _ensure_tf(actor):
    if not actor.has_perm("similarity.manage_cluster"):
        raise PermissionDenied(_("공통건의는 기획단 TF만 묶고 풀 수 있습니다."))


def _check_member(actor, proposal: Proposal, cluster: Cluster | None = None):
    if not actor.has_perm("proposals.view_proposal", proposal):
        raise ValidationError({"proposals": _("건의과제를 찾을 수 없습니다.")})
    if not clusterable(proposal):
        raise ValidationError(
            {
                "proposals": _("%(reference)s %(status)s 상태라 공통건의로 묶을 수 없습니다.")
                % {"reference": with_particle(proposal.reference, "은/는"), "status": proposal.get_status_display()}
            }
        )
    existing = ClusterMember.objects.filter(proposal=proposal).exclude(cluster=cluster).first()
    if existing is not None:
        raise ValidationError(
            {
                "proposals": _("%(reference)s 이미 공통건의 #%(cluster)s에 속해 있습니다.")
                % {"reference": with_particle(proposal.reference, "은/는"), "cluster": existing.cluster_id}
            }
        )


@transaction.atomic
def cluster_create(*, actor, title: str, proposals, note: str = "") -> Cluster:
    """Group ``proposals`` (at least two, each received and still open, none in another
    cluster) under ``title``."""
    _ensure_tf(actor)
    proposals = list({p.pk: p for p in proposals}.values())
    if len(proposals) < MIN_MEMBERS:
        raise ValidationError({"proposals": _("공통건의로 묶을 건의과제를 두 개 이상 골라 주세요.")})
    locked = list(Proposal.objects.select_for_update().filter(pk__in=[p.pk for p in proposals]).order_by("pk"))
    for proposal in locked:
        _check_member(actor, proposal)
    cluster = Cluster(title=(title or "").strip(), note=(note or "").strip(), created_by=actor)
    cluster.full_clean()
    cluster.save()
    ClusterMember.objects.bulk_create([ClusterMember(cluster=cluster, proposal=p, added_by=actor) for p in locked])
    return cluster


@transaction.atomic
def cluster_add(*, cluster: Cluster, actor, proposal: Proposal) -> ClusterMember:
    _ensure_tf(actor)
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    _check_member(actor, locked, cluster)
    member, _created = ClusterMember.objects.get_or_create(
        proposal=locked, defaults={"cluster": cluster, "added_by": actor}
    )
    return member


@transaction.atomic
def cluster_remove(*, cluster: Cluster, actor, proposal: Proposal) -> Cluster | None:
    """Take ``proposal`` out; a cluster left with fewer than two members is dissolved
    (returns None then)."""
    _ensure_tf(actor)
    ClusterMember.objects.filter(cluster=cluster, proposal=proposal).delete()
    if cluster.members.count() < MIN_MEMBERS:
        cluster.delete()
        return None
    return cluster


@transaction.atomic
def cluster_dissolve(*, cluster: Cluster, actor) -> None:
    """Ungroup: the members go on each on their own (their timelines keep what was done)."""
    _ensure_tf(actor)
    cluster.delete()


def cluster_actions(user, members) -> list[str]:
    """Actions ``user`` may fire on every member (the cluster page offers these)."""
    from apps.proposals.services import available_actions

    common = None
    for proposal in members:
        names = available_actions(user, proposal)
        common = names if common is None else [name for name in common if name in names]
    return common or []


def cluster_blockers(user, members) -> list[dict]:
    """The actions ``user`` may take on some members but not all, each with the members
    that block it and why: their state, or that the action is not the user's to take."""
    from apps.proposals.registry import ACTIONS
    from apps.proposals.services import available_actions

    allowed = {proposal.pk: available_actions(user, proposal) for proposal in members}
    somewhere = list(dict.fromkeys(name for names in allowed.values() for name in names))
    blockers = []
    for name in somewhere:
        spec = ACTIONS[name]
        blocked = [p for p in members if name not in allowed[p.pk]]
        if blocked:
            members_why = [{"proposal": p, "why": _why_blocked(user, spec, p)} for p in blocked]
            blockers.append({"action": spec.label, "members": members_why})
    return blockers


def _why_blocked(user, spec, proposal) -> str:
    if proposal.status not in spec.sources:
        return _("%(status)s 상태라서 %(action)s 할 수 없습니다.") % {
            "status": proposal.get_status_display(),
            "action": with_particle(str(spec.label), "을/를"),
        }
    if not user.has_perm(spec.permission, proposal):
        return _("이 과제에는 이 작업을 할 권한이 없습니다.")
    return str(spec.unmet or _("지금은 이 작업을 할 수 없습니다."))


@transaction.atomic
def cluster_fire(*, cluster: Cluster, actor, action: str, note: str = "", **fields) -> list[Proposal]:
    """Fire ``action`` on every member of ``cluster`` — all or none.

    Raises ``PermissionDenied`` if ``actor`` may not take the action on every member,
    ``ValidationError`` for bad fields (the same for every member) and ``ClusterConflict``
    naming the first member that cannot take it now (its state, or a concurrent change).
    """
    members = list(Proposal.objects.filter(cluster_membership__cluster=cluster).order_by("pk"))
    if not members:
        raise ClusterConflict(_("공통건의에 건의과제가 없습니다."))
    # Permission first, for every member: someone who may not act on all of them gets a
    # 403 before anything is tried.
    for proposal in members:
        if not actor.has_perm(f"proposals.{action}_proposal", proposal):
            raise PermissionDenied(
                _("공통건의의 %(reference)s에 이 작업을 할 권한이 없습니다.") % {"reference": proposal.reference}
            )
    token = _acting_cluster.set((cluster, frozenset(p.pk for p in members)))
    fired = []
    try:
        for proposal in members:
            try:
                fired.append(proposal_fire(proposal=proposal, actor=actor, action=action, note=note, **fields))
            except Http404 as error:
                raise ClusterConflict(
                    _("공통건의에 처리할 권한이 없는 건의과제가 있어 아무것도 처리하지 않았습니다.")
                ) from error
            except (TransitionConflict, PermissionDenied) as error:
                reason = str(error) or _("이 작업을 할 권한이 없습니다.")
                raise ClusterConflict(
                    _("%(reference)s: %(reason)s 공통건의의 어느 과제도 처리하지 않았습니다.")
                    % {"reference": proposal.reference, "reason": reason}
                ) from error
    finally:
        _acting_cluster.reset(token)
    return fired


def name_cluster_in_event(sender, instance, raw: bool = False, **kwargs):
    """``pre_save`` of ProposalEvent: while a cluster acts, its members' new events name it."""
    acting = _acting_cluster.get()
    if acting is None or raw or instance.pk is not None:
        return
    cluster, member_ids = acting
    if instance.proposal_id in member_ids:
        instance.payload = {**(instance.payload or {}), "cluster": cluster.pk, "cluster_title": cluster.title}
