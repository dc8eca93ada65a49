"""The demo world's meetings, forum topics, discussions and recommendations (the data is in
``apps.demo.meeting_data`` and ``apps.demo.forum_data``), played through the real services
(``apps.meetings.services``, ``apps.comments.services``) as the demo people, each step on
its day with the clock travelled there (``apps.demo.clock``).

A meeting is prepared (created, invitations, agenda) and announced about a week ahead,
answered by its invitees, held, and its outcomes and minutes recorded afterwards; played
in time order with the proposals, a council's agenda is what the platform proposed from
the region's open proposals of the day, and each outcome lands on the proposal's timeline
in the state the proposal was in then.

Idempotent: a meeting is identified by its body, title and the state it ends in (held,
announced or drafted), topics and recommendations by title, a discussion by its target
having comments, a tabling by the proposal having a forum topic.
"""

import dataclasses
import datetime
import functools

from apps.comments import services as comments
from apps.comments.models import Comment, Visibility
from apps.meetings import services
from apps.meetings.models import AgendaItem, ForumTopic, Invitation, Meeting, Recommendation, Rsvp
from apps.meetings.models import MeetingStatus as M
from apps.organisations.models import Body, Region
from apps.proposals.models import Proposal, Strategy

from . import forum_data, meeting_data
from .clock import History, People, at, workday
from .forum_data import Discussion, RecommendationPlan, TablingPlan, TopicPlan
from .meeting_data import OUTCOME_BY_STATUS, MeetingPlan

# A meeting is announced about a week ahead; its invitees answer a couple of days before.
PREPARED_BEFORE = datetime.timedelta(days=5)
ANSWERED_BEFORE = datetime.timedelta(days=2)


@dataclasses.dataclass
class MeetingSeedResult:
    meetings: int = 0
    topics: int = 0
    comments: int = 0

    @property
    def summary(self) -> str:
        return (
            f"시연 회의·포럼 준비 완료: 새 회의 {self.meetings}건, 새 의제 {self.topics}건, 새 의견 {self.comments}건"
        )


def _strategies(codes) -> list[Strategy]:
    return list(Strategy.objects.filter(code__in=codes))


class MeetingPlay:
    """One demo meeting, step by step: each method runs on the step's (travelled) day."""

    def __init__(self, plan: MeetingPlan, people: People):
        self.plan, self.people = plan, people
        self.meeting_id = None

    @property
    def meeting(self) -> Meeting:
        # Read afresh for each step: the rules remember a meeting object's invitees.
        return Meeting.objects.get(pk=self.meeting_id)

    def prepare(self) -> None:
        plan, tf = self.plan, self.people("tf1")
        meeting = services.meeting_create(
            actor=tf,
            body=Body.objects.get(code=plan.body),
            title=plan.title,
            starts_at=plan.starts_at,
            ends_at=plan.starts_at + datetime.timedelta(minutes=int(plan.hours * 60)),
            place=plan.place,
            address=plan.address,
            region=Region.objects.get(code=plan.region) if plan.region else None,
            chair=self.people(plan.chair) if plan.chair else None,
            chair_title=plan.chair_title,
            summary=plan.summary,
        )
        self.meeting_id = meeting.pk
        if plan.invite:
            services.invitation_add(meeting=meeting, actor=tf, people=[(self.people(u), c) for u, c in plan.invite])
        elif plan.status != M.DRAFTED:
            services.invite_members(meeting=meeting, actor=tf)
        if plan.proposed_items:
            services.agenda_propose(meeting=meeting, actor=tf, limit=plan.proposed_items)
        for item in plan.items:
            topic = ForumTopic.objects.get(title=item.topic) if item.topic else None
            services.agenda_add(meeting=meeting, actor=tf, topic=topic, title=item.title, description=item.description)
        if plan.status != M.DRAFTED:
            services.meeting_schedule(meeting=meeting, actor=tf)

    def answer_invitations(self) -> None:
        """The planned answers of a coming meeting; for one held, everyone answers (the
        absent decline)."""
        meeting, plan = self.meeting, self.plan
        answers = plan.rsvps or [
            (username, Rsvp.DECLINED if username in plan.absent else Rsvp.ACCEPTED, "")
            for username in Invitation.objects.filter(meeting=meeting).values_list("person__username", flat=True)
        ]
        for username, rsvp, note in answers:
            services.invitation_respond(meeting=meeting, actor=self.people(username), rsvp=rsvp, note=note)

    def hold(self) -> None:
        tf = self.people("tf1")
        meeting = services.meeting_hold(meeting=self.meeting, actor=tf)
        present = Invitation.objects.filter(meeting=meeting).exclude(person__username__in=self.plan.absent)
        services.attendance_record(meeting=meeting, actor=tf, attended_ids=list(present.values_list("pk", flat=True)))

    def record(self) -> None:
        """Each item's outcome (a proposal's by the state it is in that day), then the minutes."""
        meeting, lead = self.meeting, self.people("tf-lead")
        planned = {item.title: item.outcome for item in self.plan.items}
        lines = []
        for item in AgendaItem.objects.filter(meeting=meeting).select_related("proposal").order_by("position", "pk"):
            if item.proposal_id:
                outcome, note = OUTCOME_BY_STATUS.get(item.proposal.status, ("discussed", "논의함."))
            else:
                outcome, note = planned[item.title]
            services.agenda_record_outcome(item=item, actor=lead, outcome=outcome, note=note)
            lines.append(f"- {item.title}: {note}")
        minutes = self.plan.minutes.replace("{items}", "\n".join(lines))
        services.minutes_save(meeting=meeting, actor=self.people("tf1"), minutes=minutes)
        services.meeting_publish_minutes(meeting=meeting, actor=lead)


def plan_meeting(history: History, plan: MeetingPlan) -> None:
    play = MeetingPlay(plan, history.people)
    if plan.starts_at > history.now:  # coming: being prepared today
        history.at(history.now, play.prepare)
        if plan.rsvps:
            history.at(history.now, play.answer_invitations)
        return
    history.at(at(workday((plan.starts_at - PREPARED_BEFORE).date()), 10), play.prepare)
    history.at(plan.starts_at - ANSWERED_BEFORE, play.answer_invitations)
    ends = plan.starts_at + datetime.timedelta(minutes=int(plan.hours * 60))
    history.at(ends, play.hold)
    history.at(ends + plan.recorded_after, play.record)


# --- the forum ------------------------------------------------------------------------------


def open_topic(people: People, plan: TopicPlan) -> None:
    services.topic_open(
        actor=people(plan.opener),
        title=plan.title,
        body=plan.body,
        forum_only=plan.forum_only,
        strategies=_strategies(plan.strategies),
    )


def table(people: People, plan: TablingPlan) -> None:
    proposal = Proposal.objects.filter(title=plan.proposal).first()
    if proposal is not None:
        services.proposal_table(proposal=proposal, actor=people(plan.by), reason=plan.reason)


def tabled_topic(proposal_title: str) -> ForumTopic | None:
    return ForumTopic.objects.filter(proposals__title=proposal_title).first()


def recommend(people: People, plan: RecommendationPlan) -> None:
    topic = ForumTopic.objects.filter(title=plan.topic).first() if plan.topic else tabled_topic(plan.tabled)
    if topic is None:
        return
    services.recommendation_record(
        actor=people("minister"),
        title=plan.title,
        body=plan.body,
        adopted_on=plan.adopted_on,
        topic=topic,
        meeting=Meeting.objects.filter(title=plan.meeting).first() if plan.meeting else None,
        proposals=list(topic.proposals.all()) if plan.tabled else [],
        strategies=_strategies(plan.strategies),
    )


# Which comments a discussion's target already has (it is skipped then).
COMMENTS_ON = {"topic": "topic__title", "tabled": "topic__proposals__title", "proposal": "proposal__title"}


class Thread:
    """One discussion, comment by comment (replies answer the comments posted before)."""

    def __init__(self, discussion: Discussion, people: People):
        self.discussion, self.people = discussion, people
        self.posted: list[Comment] = []

    def target(self):
        kind, title = self.discussion.target, self.discussion.title
        if kind == "topic":
            return ForumTopic.objects.get(title=title)
        if kind == "tabled":
            return tabled_topic(title)
        return Proposal.objects.filter(title=title).first()

    def say(self, index: int) -> None:
        say, target = self.discussion.says[index], self.target()
        if target is None:
            return
        public = say.public and not (isinstance(target, Proposal) and not target.is_public)
        self.posted.append(
            comments.comment_post(
                target=target,
                actor=self.people(say.author),
                body=say.body,
                visibility=Visibility.PUBLIC if public else Visibility.INTERNAL,
                parent=self.posted[say.reply_to] if say.reply_to is not None else None,
            )
        )

    def report(self, index: int, reporter: str, reason: str) -> None:
        comments.comment_report(comment=self.posted[index], actor=self.people(reporter), reason=reason)

    def hide(self, index: int, moderator: str, reason: str) -> None:
        comments.comment_hide(comment=self.posted[index], actor=self.people(moderator), reason=reason)


def plan_discussion(history: History, discussion: Discussion) -> int:
    if Comment.objects.filter(**{COMMENTS_ON[discussion.target]: discussion.title}).exists():
        return 0
    thread = Thread(discussion, history.people)
    for index, say in enumerate(discussion.says):
        history.at(say.when, functools.partial(thread.say, index))
    if discussion.moderation:
        index, reporter, reason, reported, moderator, hide_reason, hidden = discussion.moderation
        history.at(reported, functools.partial(thread.report, index, reporter, reason))
        history.at(hidden, functools.partial(thread.hide, index, moderator, hide_reason))
    return len(discussion.says)


# --- entry point ------------------------------------------------------------------------------


def plan_meetings(history: History) -> MeetingSeedResult:
    """Plan, on ``history``, whatever of the demo meetings and forum does not exist yet."""
    result = MeetingSeedResult()
    today, people = history.today, history.people
    for topic in forum_data.topics(today):
        if not ForumTopic.objects.filter(title=topic.title).exists():
            history.at(topic.opened, functools.partial(open_topic, people, topic))
            result.topics += 1
    regions = {region.code: region for region in Region.objects.all()}
    for plan in meeting_data.meetings(today, regions):
        if not Meeting.objects.filter(body__code=plan.body, title=plan.title, status=plan.status).exists():
            plan_meeting(history, plan)
            result.meetings += 1
    tabling = forum_data.tabling(today)
    if tabled_topic(tabling.proposal) is None:
        history.at(tabling.when, functools.partial(table, people, tabling))
        result.topics += 1
    for discussion in forum_data.discussions(today):
        result.comments += plan_discussion(history, discussion)
    for plan in forum_data.recommendations(today):
        if not Recommendation.objects.filter(title=plan.title).exists():
            history.at(plan.recorded, functools.partial(recommend, people, plan))
    return result
