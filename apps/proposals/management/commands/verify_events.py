"""``manage.py verify_events``: check every proposal's event chain and the anchors.

Exits non-zero and names the first broken link when a row was changed or removed behind
the application's back (a raw SQL ``UPDATE``/``DELETE``, a restore of a tampered dump).
"""

from django.core.management.base import BaseCommand, CommandError

from apps.core.models import AdminChange
from apps.proposals.chain import BrokenLink, verify_anchors, verify_chains
from apps.proposals.models import EventAnchor, ProposalEvent


class Command(BaseCommand):
    help = "처리 이력의 해시 체인과 앵커를 검증합니다 (변경·삭제된 첫 고리를 알려 줍니다)."

    def handle(self, *args, **options):
        events = ProposalEvent.objects.select_related("proposal").order_by("proposal_id", "pk")
        broken = (
            verify_chains(events.iterator(chunk_size=2000))
            or verify_anchors(EventAnchor, ProposalEvent)
            or verify_admin_changes()
        )
        if broken is not None:
            raise CommandError(f"broken link: {broken}")
        counts = (ProposalEvent.objects.count(), EventAnchor.objects.count(), AdminChange.objects.count())
        self.stdout.write(self.style.SUCCESS("ok: {} events, {} anchors, {} admin changes".format(*counts)))


def verify_admin_changes() -> BrokenLink | None:
    previous = ""
    for change in AdminChange.objects.order_by("pk").iterator(chunk_size=2000):
        where = f"admin change {change.pk} ({change.model} {change.object_repr})"
        if change.prev_hash != previous:
            return BrokenLink(where, "the change before it was changed or removed")
        if change.digest(previous) != change.chain_hash:
            return BrokenLink(where, "its content was changed after it was recorded")
        previous = change.chain_hash
    return None
