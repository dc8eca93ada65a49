"""Reminders of follow-up milestones and consultation deadlines (issue 17), sent with the
other deadline reminders (``services.send_deadline_reminders``) through the same
``notify``: once per occasion — a milestone's or consultation's date — so a rerun, or
the next day, adds nothing for an occasion already notified.

- a milestone due within 3 business days, and one past its date and not done: the
  reviewers of its owner department and the TF staff;
- a consultation due within 3 business days: the consulted organisation's members; past
  its due date and not closed: them and the reviewer who asked.
"""

import datetime
from collections import Counter

from django.conf import settings
from django.db.models import Q
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext_noop

from apps.accounts.models import Role
from apps.core.business_days import add_business_days, business_days_between
from apps.proposals.models import Consultation, Milestone
from apps.proposals.models import ProposalStatus as S

from . import messages, recipients
from .models import Kind

DUE_SOON_BUSINESS_DAYS = 3
FOLLOWED_UP = (S.DECIDED, S.IN_PROGRESS)


def milestone_people(milestone: Milestone) -> Q:
    owner = milestone.department_id or milestone.proposal.lead_department_id
    return recipients.reviewers_of([owner]) | recipients.tf(Role.TF_STAFF)


def consultation_people(consultation: Consultation, *, overdue: bool) -> Q:
    people = recipients.organisation_members(consultation.organisation_id)
    if overdue:
        people |= Q(user_id=consultation.requested_by_id, role=Role.DEPT_REVIEWER)
    return people


def _send(kind, proposal, query, occasion_key, body, url, target) -> int:
    from .services import notify  # services calls this module

    # Deferred texts, read in each recipient's language; the stored fallback is Korean.
    params = messages.text_params(messages.kind_title(kind, proposal), body)
    with translation.override(settings.LANGUAGE_CODE):
        title, text = messages.render_text(params["title"]), messages.render_text(body)
    return notify(
        kind=kind,
        people=recipients.resolve(query),
        occasion_key=occasion_key,
        title=Truncator(title).chars(messages.TITLE_CHARS),
        body=text,
        url=url,
        proposal=proposal,
        target=target,
        params=params,
    )


def milestone_reminders(on: datetime.date) -> Counter:
    counts: Counter = Counter()
    soon = add_business_days(on, DUE_SOON_BUSINESS_DAYS)
    open_milestones = (
        Milestone.objects.filter(done_on__isnull=True, planned_for__lte=soon, proposal__status__in=FOLLOWED_UP)
        .select_related("proposal", "proposal__region")
        .order_by("planned_for", "pk")
    )
    for milestone in open_milestones:
        proposal, date = milestone.proposal, milestone.planned_for.isoformat()
        title = Truncator(milestone.title).chars(200)
        if milestone.planned_for < on:
            kind = Kind.MILESTONE_LATE
            days = business_days_between(milestone.planned_for, on)
            body = messages.joined(
                [
                    messages.deferred(
                        gettext_noop("추진 단계 '%(title)s'의 예정일(%(date)s)이 %(days)s영업일 지났습니다."),
                        title=title,
                        date=date,
                        days=str(days),
                    ),
                    messages.deferred(gettext_noop("완료일이나 진행 상황을 입력해 주세요.")),
                ],
                separator=" ",
            )
        else:
            kind = Kind.MILESTONE_DUE_SOON
            body = messages.deferred(
                gettext_noop("추진 단계 '%(title)s'의 예정일은 %(date)s입니다."), title=title, date=date
            )
        key = f"{kind}:{milestone.pk}:{date}"
        url = messages.proposal_url(proposal) + "#milestones"
        counts[kind] += _send(kind, proposal, milestone_people(milestone), key, body, url, milestone)
    return counts


def consultation_reminders(on: datetime.date) -> Counter:
    counts: Counter = Counter()
    soon = add_business_days(on, DUE_SOON_BUSINESS_DAYS)
    waiting = (
        Consultation.objects.exclude(state=Consultation.State.CLOSED)
        .filter(due_at__lte=soon)
        .select_related("proposal", "proposal__region", "organisation")
        .order_by("due_at", "pk")
    )
    for consultation in waiting:
        overdue = consultation.due_at < on
        if not overdue and consultation.state != Consultation.State.OPEN:
            continue  # answered and not yet due: nothing to remind of
        kind = Kind.CONSULTATION_OVERDUE if overdue else Kind.CONSULTATION_DUE_SOON
        due = consultation.due_at.isoformat()
        if overdue:
            body = messages.deferred(
                gettext_noop("%(organisation)s에 요청한 자문의 회신 기한(%(due)s)이 지났습니다."),
                organisation=messages.named(consultation.organisation),
                due=due,
            )
        else:
            body = messages.deferred(gettext_noop("자문 회신 기한은 %(due)s입니다."), due=due)
        key = f"{kind}:{consultation.pk}:{due}"
        query = consultation_people(consultation, overdue=overdue)
        url = messages.consultation_url(consultation.pk)
        counts[kind] += _send(kind, consultation.proposal, query, key, body, url, consultation)
    return counts
