"""``StatusTally``: proposals per region, state, publicity, outcome and field, maintained
on every save and delete of a proposal (signals connected in ``apps.py``), inside the
writing transaction. Rows written around the ORM's save (``bulk_create``, ``update()``: the
benchmarks' generators, fixtures) are counted again by ``rebuild()``; the migration that
creates the table counts the rows that exist."""

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q, Sum

from .models import Proposal, StatusTally

# What a tally row is counted by: Proposal fields of the same names (``region_id`` is the
# row's ``region``).
KEY = ("region_id", "status", "is_public", "outcome", "category")


def _add(key: tuple, delta: int) -> None:
    fields = dict(zip(KEY, key, strict=True))
    rows = StatusTally.objects.filter(**fields)
    if rows.update(count=F("count") + delta):
        return
    try:
        with transaction.atomic():
            StatusTally.objects.create(**fields, count=delta)
    except IntegrityError:  # created meanwhile by another transaction
        rows.update(count=F("count") + delta)


def _normalised(values) -> tuple:
    region_id, status, is_public, outcome, category = values
    return (region_id, status, bool(is_public), outcome or "", category or "")


def _key(proposal) -> tuple:
    return _normalised(getattr(proposal, name) for name in KEY)


def remember(sender, instance, raw: bool = False, **kwargs):
    """``pre_save``: the counted state before this save."""
    instance._tally_key = None
    if not raw and instance.pk is not None:
        row = Proposal.objects.filter(pk=instance.pk).values_list(*KEY).first()
        instance._tally_key = _normalised(row) if row else None


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
    rows = Proposal.objects.values_list(*KEY).annotate(n=Count("pk")).order_by()
    StatusTally.objects.bulk_create(
        [StatusTally(**dict(zip(KEY, _normalised(row[:-1]), strict=True)), count=row[-1]) for row in rows]
    )
    return len(rows)


def status_counts(visible: Q) -> dict[str, int]:
    """Proposals per state among those ``visible`` selects — a condition on the fields of
    ``KEY`` only."""
    rows = StatusTally.objects.filter(visible).values("status").annotate(n=Sum("count")).order_by()
    return {row["status"]: row["n"] for row in rows if row["n"]}


def total(visible: Q) -> int:
    """How many proposals ``visible`` (a condition on the fields of ``KEY``) selects."""
    return StatusTally.objects.filter(visible).aggregate(n=Sum("count"))["n"] or 0
