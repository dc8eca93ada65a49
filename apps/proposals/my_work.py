"""The proposal sections of a person's "내 할 일" page: what waits for them, by role.

Each section is a narrowing of a queue's rows (``queues.queue_rows``), so its count is
the count the queue page shows; a section costs two queries (count and first rows)
whatever the number of proposals (no shortcut when few rows: the cost stays the same)."""

import dataclasses
import datetime

from django.db.models import Exists, OuterRef, QuerySet
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import Role
from apps.accounts.selectors import user_department_ids, user_organisation_ids, user_roles
from apps.core.templatetags.site_tags import localized_name

from .models import Consultation, Outcome, ProposalEvent, ProposalStatus
from .queues import queue_rows
from .selectors import consultations_for

ITEMS_SHOWN = 8
RECENT_DAYS = 30
FOLLOWUP_HORIZON_DAYS = 30
REGION_ROLES = {Role.REGIONAL_OFFICIAL, Role.VICE_GOVERNOR}
TF_ROLES = {Role.TF_STAFF, Role.TF_LEAD}


@dataclasses.dataclass(frozen=True)
class WorkItem:
    url: str
    title: str
    reference: str = ""
    detail: str = ""  # region, organisation or place: what tells two items apart
    due: datetime.date | None = None  # the D-day is counted to this date
    since: datetime.date | None = None  # without a due date: waiting since


@dataclasses.dataclass(frozen=True)
class WorkSection:
    key: str
    title: str
    count: int
    items: list[WorkItem]
    more_url: str = ""
    empty: str = ""


def _queue(user, name: str, **params) -> QuerySet:
    query = QueryDict(mutable=True)
    for key, value in params.items():
        query[key] = value
    return queue_rows(user, name, query)[1]


def _proposal_item(proposal, *, due=None, since=None) -> WorkItem:
    return WorkItem(
        url=reverse("proposal-detail", args=[proposal.pk]),
        title=proposal.title,
        reference=proposal.reference,
        detail=localized_name(proposal.region, "short"),
        due=due,
        since=since,
    )


def _local(value):
    return timezone.localdate(value) if value else None


def proposal_section(key, title, rows, *, more_url="", due=None, since=None, empty="") -> WorkSection:
    """A section of ``rows`` (one count and one list query, prefetches dropped)."""
    rows = rows.prefetch_related(None)
    items = [
        _proposal_item(
            proposal,
            due=due(proposal) if due else proposal.due_at,
            since=since(proposal) if since else None,
        )
        for proposal in rows[:ITEMS_SHOWN]
    ]
    count = rows.count()
    return WorkSection(key, title, count, items, more_url, empty or _("지금은 없습니다."))


def _was_returned():
    # A draft is either new or sent back by the vice-governor: ``return`` is the only way
    # back to draft, so a draft with a return event is a returned one.
    return Exists(ProposalEvent.objects.filter(proposal=OuterRef("pk"), action="return"))


def _was_declined():
    return Exists(ProposalEvent.objects.filter(proposal=OuterRef("pk"), action="decline"))


def consultation_section(key, title, rows, *, more_url, empty="") -> WorkSection:
    listed = list(rows.select_related("proposal", "organisation")[:ITEMS_SHOWN])
    items = [
        WorkItem(
            url=reverse("proposal-detail", args=[c.proposal_id]) + f"#consultation-{c.pk}",
            title=c.proposal.title,
            reference=c.proposal.reference,
            detail=localized_name(c.organisation),
            due=c.due_at if c.state == Consultation.State.OPEN else None,
            since=_local(c.answered_at) if c.state == Consultation.State.ANSWERED else None,
        )
        for c in listed
    ]
    count = rows.count()
    return WorkSection(key, title, count, items, more_url, empty or _("지금은 없습니다."))


def _region_sections(user, today) -> list[WorkSection]:
    mine = _queue(user, "proposal-mine")
    more = reverse("proposal-mine")
    recent = timezone.now() - datetime.timedelta(days=RECENT_DAYS)
    return [
        proposal_section(
            "returned",
            _("반려되어 다시 제출할 과제"),
            mine.filter(status=ProposalStatus.DRAFT).filter(_was_returned()),
            more_url=more,
            since=lambda p: _local(p.updated_at),
        ),
        proposal_section(
            "info-requested",
            _("보완을 요청받은 과제"),
            mine.filter(status=ProposalStatus.INFO_REQUESTED),
            more_url=reverse("proposal-mine") + "?status=info_requested",
            since=lambda p: _local(p.info_requested_at),
        ),
        proposal_section(
            "drafts",
            _("작성중인 과제"),
            mine.filter(status=ProposalStatus.DRAFT).exclude(_was_returned()),
            more_url=reverse("proposal-mine") + "?status=draft",
            since=lambda p: _local(p.updated_at),
        ),
        proposal_section(
            "decided",
            _("최근 결정된 과제"),
            mine.filter(status=ProposalStatus.DECIDED, decided_at__gte=recent).order_by("-decided_at", "pk"),
            more_url=reverse("proposal-mine") + "?status=decided",
            due=lambda p: None,
            since=lambda p: _local(p.decided_at),
        ),
    ]


def _tf_sections(user, today) -> list[WorkSection]:
    triage = _queue(user, "proposal-triage").order_by("due_at", "pk")
    return [
        proposal_section(
            "triage", _("분류·배정할 과제"), triage.exclude(_was_declined()), more_url=reverse("proposal-triage")
        ),
        proposal_section(
            "overdue",
            _("처리기한이 지난 과제"),
            _queue(user, "proposal-list", overdue="true").order_by("due_at", "pk"),
            more_url=reverse("proposal-list") + "?overdue=true",
        ),
        proposal_section(
            "reassign",
            _("부서가 반송해 다시 배정할 과제"),
            triage.filter(_was_declined()),
            more_url=reverse("proposal-triage"),
        ),
        consultation_section(
            "consultations-overdue",
            _("회신 기한이 지난 자문"),
            consultations_for(user).filter(state=Consultation.State.OPEN, due_at__lt=today).order_by("due_at", "pk"),
            more_url=reverse("consultation-list"),
        ),
    ]


def _reviewer_sections(user, today) -> list[WorkSection]:
    inbox = _queue(user, "proposal-inbox")
    horizon = today + datetime.timedelta(days=FOLLOWUP_HORIZON_DAYS)
    recent = timezone.now() - datetime.timedelta(days=RECENT_DAYS)
    departments = user_department_ids(user)
    return [
        proposal_section(
            "overdue", _("처리기한이 지난 과제"), inbox.filter(is_overdue=True), more_url=reverse("proposal-inbox")
        ),
        proposal_section(
            "due-soon", _("처리기한이 다가온 과제"), inbox.filter(is_due_soon=True), more_url=reverse("proposal-inbox")
        ),
        consultation_section(
            "answers",
            _("회신이 도착한 자문"),
            consultations_for(user)
            .filter(state=Consultation.State.ANSWERED, answered_at__gte=recent)
            .filter(proposal__lead_department_id__in=departments)
            .order_by("-answered_at", "pk"),
            more_url=reverse("consultation-list"),
        ),
        proposal_section(
            "followups",
            _("추진 예정일이 다가온 과제"),
            inbox.filter(
                status__in=[ProposalStatus.DECIDED, ProposalStatus.IN_PROGRESS],
                outcome__in=[Outcome.ACCEPTED, Outcome.PARTIALLY_ACCEPTED],
                planned_for__lte=horizon,
            ).order_by("planned_for", "pk"),
            more_url=reverse("proposal-inbox"),
            due=lambda p: p.planned_for,
        ),
    ]


def _consulted_sections(user, today) -> list[WorkSection]:
    rows = consultations_for(user).filter(
        organisation_id__in=user_organisation_ids(user), state=Consultation.State.OPEN
    )
    return [
        consultation_section(
            "consultations", _("회신할 자문"), rows.order_by("due_at", "pk"), more_url=reverse("consultation-list")
        )
    ]


def proposal_work(user, today: datetime.date | None = None) -> list[WorkSection]:
    """The proposal sections for ``user``'s roles, most pressing role first."""
    today = today or timezone.localdate()
    roles = user_roles(user)
    sections = []
    if Role.VICE_GOVERNOR in roles:
        sections.append(
            proposal_section(
                "endorse",
                _("부지사 확인을 기다리는 과제"),
                _queue(user, "proposal-endorsements"),
                more_url=reverse("proposal-endorsements"),
                since=lambda p: _local(p.updated_at),
            )
        )
    if roles & REGION_ROLES:
        sections += _region_sections(user, today)
    if roles & TF_ROLES:
        sections += _tf_sections(user, today)
    if Role.DEPT_REVIEWER in roles:
        sections += _reviewer_sections(user, today)
    if roles & {Role.ADVISOR, Role.INSTITUTION}:
        sections += _consulted_sections(user, today)
    return sections
