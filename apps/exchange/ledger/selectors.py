"""The rows of a person's ledger: the general proposal list as they see it (the same
selector and filters as the list page and ``GET /api/v1/proposals/``), each row marked
with whether they may read its internal record."""

from django.db.models import BooleanField, Case, Prefetch, Value, When
from django.http import QueryDict
from django.utils import timezone

from apps.accounts.models import Role
from apps.accounts.selectors import user_roles
from apps.organisations.models import Region
from apps.proposals.models import Consultation, Milestone, Proposal
from apps.proposals.queues import queue_rows
from apps.proposals.selectors import internal_visibility_q

INTERNAL_READERS = {Role.TF_STAFF, Role.TF_LEAD, Role.ADMIN, Role.DEPT_REVIEWER}


def sees_internal(user) -> bool:
    """Whether the ledger has the internal columns at all (``proposals.view_internal_notes``
    holders: TF, admins, department reviewers); each row is still checked."""
    return bool(user_roles(user) & INTERNAL_READERS)


def ledger_rows(user, params: QueryDict | None = None):
    """The proposals ``user`` may see, with the general list's filters from ``params``,
    oldest reference first, annotated ``reads_internal``."""
    _filters, rows = queue_rows(user, "proposal-list", params or QueryDict())
    internal = Proposal.objects.filter(internal_visibility_q(user)).values("pk")
    rows = rows.annotate(
        reads_internal=Case(When(pk__in=internal, then=Value(True)), default=Value(False), output_field=BooleanField())
    )
    rows = rows.select_related("cluster_membership__cluster").prefetch_related(
        Prefetch("consultations", queryset=Consultation.objects.select_related("organisation").order_by("pk")),
        Prefetch("milestones", queryset=Milestone.objects.order_by("planned_for", "pk")),
    )
    return rows.order_by("reference", "pk")


def viewer_context(user) -> dict:
    """What the column getters read besides the proposal."""
    regions = {region.pk: region for region in Region.objects.all()}

    def current_region(region):
        today = regions.get(region.pk, region)
        while today.successor_id and not today.is_current:
            today = regions[today.successor_id]
        return today.short_name or today.name

    return {"today": timezone.localdate(), "current_region": current_region}
