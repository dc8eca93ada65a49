"""``StatusTally``: proposals per region, state and publicity, maintained on every save
and delete of a proposal (signals connected in ``apps.py``), inside the writing
transaction. Rows written around the ORM's save (``bulk_create``, ``update()``: the
benchmarks' generators, fixtures) are counted again by ``rebuild()``; the migration that
creates the table counts the rows that exist."""

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q, Sum

from .models import Proposal, StatusTally


def _add(key: tuple, delta: int) -> None:
    region_id, status, is_public = key
    rows = StatusTally.objects.filter(region_id=region_id, status=status, is_public=is_public)
    if rows.update(count=F("count") + delta):
        return
    try:
        with transaction.atomic():
            StatusTally.objects.create(region_id=region_id, status=status, is_public=is_public, count=delta)
    except IntegrityError:  # created meanwhile by another transaction
        rows.update(count=F("count") + delta)


def _key(proposal) -> tuple:
    return (proposal.region_id, proposal.status, bool(proposal.is_public))


def remember(sender, instance, raw: bool = False, **kwargs):
    """``pre_save``: the counted state before this save."""
    instance._tally_key = None
    if not raw and instance.pk is not None:
        row = Proposal.objects.filter(pk=instance.pk).values_list("region_id", "status", "is_public").first()
        instance._tally_key = (row[0], row[1], bool(row[2])) if row else None


def saved(sender, instance, created: bool, raw: bool = False, **kwargs):
    if raw:
        return
    before, after = getattr(instance, "_tally_key", None), _key(instance)
    if before == after:
        return
    if before is not None:
        _add(before, -1)
    _add(after, 1)


def deleted(sender, instance, **kwargs):
    _add(_key(instance), -1)


@transaction.atomic
def rebuild() -> int:
    """Count every proposal again; returns how many tally rows there are."""
    StatusTally.objects.all().delete()
    rows = Proposal.objects.values("region_id", "status", "is_public").annotate(n=Count("pk")).order_by()
    StatusTally.objects.bulk_create(
        [
            StatusTally(region_id=row["region_id"], status=row["status"], is_public=row["is_public"], count=row["n"])
            for row in rows
        ]
    )
    return len(rows)


def status_counts(visible: Q) -> dict[str, int]:
    """Proposals per state among those ``visible`` selects — a condition on region,
    status and is_public only."""
    rows = StatusTally.objects.filter(visible).values("status").annotate(n=Sum("count")).order_by()
    return {row["status"]: row["n"] for row in rows if row["n"]}


def total(visible: Q) -> int:
    """How many proposals ``visible`` (a condition on region, status, is_public) selects."""
    return StatusTally.objects.filter(visible).aggregate(n=Sum("count"))["n"] or 0
