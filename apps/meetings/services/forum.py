"""The forum (지역균형발전포럼): topics opened, changed and closed, a proposal tabled
for the forum (``forum_tabled`` on its timeline), and recommendations recorded
(``forum_recommendation`` on each linked proposal's timeline)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from apps.core.hangul import with_particle
from apps.proposals.models import PRE_SUBMISSION, Proposal, Strategy
from apps.proposals.services import record_event

from ..models import ForumTopic, Meeting, Recommendation, TopicStatus
from .common import proposal_for

TOPIC_FIELDS = ("title", "body", "forum_only")


def _strategies(values) -> list[Strategy]:
    return [value for value in values or [] if isinstance(value, Strategy)]


@transaction.atomic
def topic_open(*, actor, title: str, body: str, forum_only: bool = False, proposals=(), strategies=()) -> ForumTopic:
    if not actor.has_perm("meetings.add_forumtopic"):
        raise PermissionDenied(_("포럼 의제를 등록할 권한이 없습니다."))
    topic = ForumTopic(title=(title or "").strip(), body=(body or "").strip(), forum_only=bool(forum_only))
    topic.opened_by = actor
    topic.full_clean()
    topic.save()
    for proposal in proposals:
        proposal_for(actor, proposal)
    topic.proposals.set(proposals)
    topic.strategies.set(_strategies(strategies))
    return topic


def _ensure_topic(actor, permission: str, topic: ForumTopic):
    if not actor.has_perm("meetings.view_forumtopic", topic):
        raise Http404
    if not actor.has_perm(permission, topic):
        raise PermissionDenied(_("이 작업을 할 권한이 없습니다."))


@transaction.atomic
def topic_update(*, topic: ForumTopic, actor, strategies=None, **fields) -> ForumTopic:
    _ensure_topic(actor, "meetings.change_forumtopic", topic)
    locked = ForumTopic.objects.select_for_update().get(pk=topic.pk)
    for name, value in fields.items():
        if name in TOPIC_FIELDS:
            setattr(locked, name, value.strip() if isinstance(value, str) else value)
    locked.full_clean()
    locked.save()
    if strategies is not None:
        locked.strategies.set(_strategies(strategies))
    return locked


@transaction.atomic
def topic_set_status(*, topic: ForumTopic, actor, status: str) -> ForumTopic:
    _ensure_topic(actor, "meetings.change_forumtopic", topic)
    if status not in TopicStatus.values:
        raise ValidationError({"status": _("알 수 없는 상태입니다.")})
    locked = ForumTopic.objects.select_for_update().get(pk=topic.pk)
    locked.status = status
    locked.closed_at = timezone.now() if status == TopicStatus.CLOSED else None
    locked.save(update_fields=["status", "closed_at", "updated_at"])
    return locked


@transaction.atomic
def proposal_table(*, proposal: Proposal, actor, reason: str, forum_only: bool = False) -> ForumTopic:
    """Table a proposal for the forum (e.g. one that needs other ministries): a forum topic
    about it, and a ``forum_tabled`` event on its timeline."""
    if not actor.has_perm("proposals.view_proposal", proposal):
        raise Http404
    if not actor.has_perm("meetings.table_proposal", proposal):
        raise PermissionDenied(_("건의과제를 포럼에 부의할 권한이 없습니다."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("부의 사유를 입력해 주세요.")})
    if proposal.status in PRE_SUBMISSION:
        raise ValidationError({"proposal": _("접수된 건의과제만 포럼에 부의할 수 있습니다.")})
    if ForumTopic.objects.filter(proposals=proposal, status=TopicStatus.OPEN).exists():
        raise ValidationError({"proposal": _("이미 포럼에서 논의 중인 건의과제입니다.")})
    topic = ForumTopic(
        title=Truncator(_("[부의] %(title)s") % {"title": proposal.title}).chars(200),
        body=_("건의과제 %(reference)s 포럼에 부의합니다.\n\n%(reason)s")
        % {"reference": with_particle(proposal.reference, "을/를"), "reason": reason},
        forum_only=bool(forum_only),
        opened_by=actor,
    )
    topic.full_clean()
    topic.save()
    topic.proposals.add(proposal)
    topic.strategies.set(list(proposal.strategies.all()))
    record_event(
        proposal=proposal,
        actor=actor,
        action="forum_tabled",
        note=reason,
        payload={"topic": topic.pk},
    )
    return topic


@transaction.atomic
def recommendation_record(
    *,
    actor,
    title: str,
    body: str,
    adopted_on: datetime.date,
    topic: ForumTopic | None = None,
    meeting: Meeting | None = None,
    proposals=(),
    strategies=(),
) -> Recommendation:
    """Record a forum recommendation; each linked proposal's timeline gets a
    ``forum_recommendation`` event. A proposal may be linked when the actor may see it or
    when it is one of the topic's own proposals (the chair does not browse proposals)."""
    if not actor.has_perm("meetings.add_recommendation"):
        raise PermissionDenied(_("포럼 권고를 기록할 권한이 없습니다."))
    if topic is not None and not actor.has_perm("meetings.view_forumtopic", topic):
        raise ValidationError({"topic": _("포럼 의제를 찾을 수 없습니다.")})
    if meeting is not None and not actor.has_perm("meetings.view_meeting", meeting):
        raise ValidationError({"meeting": _("회의를 찾을 수 없습니다.")})
    topic_proposals = set(topic.proposals.values_list("pk", flat=True)) if topic is not None else set()
    for proposal in proposals:
        if proposal.pk not in topic_proposals:
            proposal_for(actor, proposal)
    recommendation = Recommendation(
        title=(title or "").strip(),
        body=(body or "").strip(),
        adopted_on=adopted_on,
        topic=topic,
        meeting=meeting,
        recorded_by=actor,
    )
    recommendation.full_clean()
    recommendation.save()
    recommendation.proposals.set(proposals)
    recommendation.strategies.set(_strategies(strategies))
    for proposal in proposals:
        record_event(
            proposal=proposal,
            actor=actor,
            action="forum_recommendation",
            note=_("지역균형발전포럼 권고(%(date)s): %(title)s")
            % {"date": adopted_on.isoformat(), "title": recommendation.title},
            payload={"recommendation": recommendation.pk, "topic": topic.pk if topic else None},
        )
    return recommendation
