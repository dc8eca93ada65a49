"""Meeting services: the state machine, notifications to invitees, agenda proposals and
outcomes landing on proposal timelines, the forum's tabling and recommendations."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from apps.meetings import selectors, services
from apps.meetings.models import AgendaOutcome, ForumTopic, Invitation, Meeting, Rsvp
from apps.meetings.models import MeetingStatus as M
from apps.meetings.services import MeetingConflict
from apps.notifications.models import Kind, Notification
from apps.organisations.models import Body, Region
from apps.proposals.models import ProposalEvent, Strategy
from apps.proposals.models import ProposalStatus as S
from tests.meetings.support import at, make_meeting, make_topic
from tests.proposals.support import proposal_in

pytestmark = pytest.mark.django_db


def notified(kind, meeting=None):
    rows = Notification.objects.filter(kind=kind)
    if meeting is not None:
        rows = rows.filter(occasion_key__startswith=f"meeting:{meeting.pk}:")
    return sorted(rows.values_list("recipient__username", flat=True))


def usernames(cast, *names):
    return sorted(cast.people[name].username for name in names)


# --- the state machine and its notifications -------------------------------------------


def test_scheduling_invites_every_invitee_once_and_never_the_actor(cast):
    meeting = make_meeting(cast, status=M.DRAFTED, invite=["vice_governor", "official", "tf_staff"])
    assert notified(Kind.MEETING_INVITED) == []

    services.meeting_schedule(meeting=meeting, actor=cast["tf_staff"])

    assert notified(Kind.MEETING_INVITED, meeting) == usernames(cast, "official", "vice_governor")
    assert Meeting.objects.get(pk=meeting.pk).status == M.SCHEDULED
    with pytest.raises(MeetingConflict):
        services.meeting_schedule(meeting=meeting, actor=cast["tf_staff"])


def test_changing_time_or_place_of_an_announced_meeting_notifies_and_bumps_the_sequence(cast):
    meeting = make_meeting(cast, invite=["vice_governor"])
    new_start = meeting.starts_at + datetime.timedelta(days=1)

    updated = services.meeting_update(
        meeting=meeting, actor=cast["tf_staff"], starts_at=new_start, ends_at=new_start + datetime.timedelta(hours=1)
    )

    assert updated.sequence == 1
    assert notified(Kind.MEETING_CHANGED, meeting) == usernames(cast, "vice_governor")
    change = Notification.objects.get(kind=Kind.MEETING_CHANGED)
    assert "시작 일시" in change.body and change.url == f"/meetings/{meeting.pk}/"


def test_changing_only_the_summary_tells_nobody(cast):
    meeting = make_meeting(cast, invite=["vice_governor"])
    services.meeting_update(meeting=meeting, actor=cast["tf_staff"], summary="개요만 바꿈")
    assert notified(Kind.MEETING_CHANGED) == []


def test_changes_to_a_drafted_meeting_tell_nobody(cast):
    meeting = make_meeting(cast, status=M.DRAFTED, invite=["vice_governor"])
    services.meeting_update(meeting=meeting, actor=cast["tf_staff"], place="다른 장소")
    assert notified(Kind.MEETING_CHANGED) == []


def test_cancelling_needs_a_reason_and_tells_the_invitees(cast):
    meeting = make_meeting(cast, invite=["vice_governor"])
    with pytest.raises(ValidationError):
        services.meeting_cancel(meeting=meeting, actor=cast["tf_staff"], reason="  ")

    cancelled = services.meeting_cancel(meeting=meeting, actor=cast["tf_staff"], reason="태풍 예보")

    assert cancelled.status == M.CANCELLED
    assert notified(Kind.MEETING_CHANGED, meeting) == usernames(cast, "vice_governor")
    with pytest.raises(MeetingConflict):
        services.meeting_update(meeting=cancelled, actor=cast["tf_staff"], place="x")


def test_a_meeting_is_held_only_once_it_has_started(cast):
    meeting = make_meeting(cast, starts_at=at(days=3))
    with pytest.raises(MeetingConflict):
        services.meeting_hold(meeting=meeting, actor=cast["tf_staff"])


def test_minutes_are_written_while_held_and_published_once(cast):
    meeting = make_meeting(cast, status=M.HELD, invite=["vice_governor", "official"])
    with pytest.raises(ValidationError):
        services.meeting_publish_minutes(meeting=meeting, actor=cast["tf_staff"])

    services.minutes_save(meeting=meeting, actor=cast["tf_staff"], minutes="## 결과")
    published = services.meeting_publish_minutes(meeting=meeting, actor=cast["tf_lead"])

    assert published.status == M.MINUTES_PUBLISHED and published.minutes_published_at
    assert notified(Kind.MINUTES_PUBLISHED, meeting) == usernames(cast, "official", "vice_governor")
    with pytest.raises(MeetingConflict):
        services.minutes_save(meeting=published, actor=cast["tf_staff"], minutes="고침")


@pytest.mark.parametrize("person", ["official", "vice_governor", "forum_member", "lead_reviewer"])
def test_others_may_not_edit_minutes(cast, person):
    meeting = make_meeting(cast, status=M.HELD)
    with pytest.raises((PermissionDenied, Http404)):
        services.minutes_save(meeting=meeting, actor=cast[person], minutes="위조")
    assert Meeting.objects.get(pk=meeting.pk).minutes == ""


def test_a_drafted_meeting_is_404_to_those_who_may_not_see_it(cast):
    meeting = make_meeting(cast, status=M.DRAFTED)
    with pytest.raises(Http404):
        services.meeting_schedule(meeting=meeting, actor=cast["official"])


# --- invitations --------------------------------------------------------------------------


def test_people_invited_to_an_announced_meeting_are_told_at_once(cast):
    meeting = make_meeting(cast, invite=["vice_governor"])
    Notification.objects.all().delete()

    services.invitation_add(meeting=meeting, actor=cast["tf_staff"], people=[cast["official"], cast["vice_governor"]])

    assert notified(Kind.MEETING_INVITED, meeting) == usernames(cast, "official")
    assert Invitation.objects.filter(meeting=meeting).count() == 2


def test_suggested_invitees_of_a_council_meeting_are_its_region_and_the_tf(cast):
    meeting = make_meeting(cast, status=M.DRAFTED)
    people = {user.username for user, _capacity in selectors.suggested_invitees(meeting)}
    assert usernames(cast, "official", "vice_governor", "liaison", "tf_staff", "tf_lead") == sorted(
        people & set(usernames(cast, *cast.people))
    )


def test_suggested_invitees_of_a_forum_session_are_the_forum(cast):
    meeting = make_meeting(cast, "forum", region=None, status=M.DRAFTED, title="포럼")
    people = {user.username for user, _capacity in selectors.suggested_invitees(meeting)}
    assert people == set(usernames(cast, "forum_member", "forum_member2", "minister"))


def test_invitees_answer_while_the_meeting_is_scheduled(cast):
    meeting = make_meeting(cast, invite=["vice_governor"])
    invitation = services.invitation_respond(
        meeting=meeting, actor=cast["vice_governor"], rsvp=Rsvp.DECLINED, note="출장"
    )
    assert (invitation.rsvp, invitation.rsvp_note) == (Rsvp.DECLINED, "출장")

    with pytest.raises(ValidationError):
        services.invitation_respond(meeting=meeting, actor=cast["vice_governor"], rsvp="maybe")
    with pytest.raises(PermissionDenied):
        services.invitation_respond(meeting=meeting, actor=cast["official"], rsvp=Rsvp.ACCEPTED)


def test_answers_close_when_the_meeting_is_held(cast):
    meeting = make_meeting(cast, status=M.HELD, invite=["vice_governor"])
    with pytest.raises(MeetingConflict):
        services.invitation_respond(meeting=meeting, actor=cast["vice_governor"], rsvp=Rsvp.ACCEPTED)


def test_attendance_marks_listed_invitees_present_and_the_rest_absent(cast):
    meeting = make_meeting(cast, status=M.HELD, invite=["vice_governor", "official"])
    present = Invitation.objects.get(meeting=meeting, person=cast["official"])

    services.attendance_record(meeting=meeting, actor=cast["tf_staff"], attended_ids=[present.pk])

    states = dict(Invitation.objects.filter(meeting=meeting).values_list("person__username", "attended"))
    assert states == {cast.people["official"].username: True, cast.people["vice_governor"].username: False}
    with pytest.raises(ValidationError):
        services.attendance_record(meeting=meeting, actor=cast["tf_staff"], attended_ids=[999999])


# --- agenda -------------------------------------------------------------------------------


def _submitted_at(proposal, days_ago):
    proposal.__class__.objects.filter(pk=proposal.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(days=days_ago)
    )


def test_council_agenda_is_proposed_from_the_regions_open_proposals_overdue_then_oldest(cast):
    newer = proposal_in(cast, S.SUBMITTED, title="최근 과제")
    older = proposal_in(cast, S.ASSIGNED, title="오래된 과제")
    overdue = proposal_in(cast, S.IN_REVIEW, title="기한 넘긴 과제")
    proposal_in(cast, S.DRAFT, title="작성중 과제")
    proposal_in(cast, S.COMPLETED, title="완료 과제")
    _submitted_at(newer, 5)
    _submitted_at(older, 40)
    _submitted_at(overdue, 10)
    overdue.__class__.objects.filter(pk=overdue.pk).update(due_at=timezone.localdate() - datetime.timedelta(days=2))
    meeting = make_meeting(cast, status=M.DRAFTED)

    items = services.agenda_propose(meeting=meeting, actor=cast["tf_staff"])

    assert [item.proposal.title for item in items] == ["기한 넘긴 과제", "오래된 과제", "최근 과제"]
    assert all(item.suggested for item in items)
    assert services.agenda_propose(meeting=meeting, actor=cast["tf_staff"]) == []


def test_agenda_proposals_keep_to_the_meetings_region(cast):
    proposal_in(cast, S.SUBMITTED)
    meeting = make_meeting(cast, status=M.DRAFTED, region="26", title="부산 지역협의회")
    assert services.agenda_propose(meeting=meeting, actor=cast["tf_staff"]) == []


def test_only_council_meetings_propose_their_agenda(cast):
    meeting = make_meeting(cast, "tf", region=None, status=M.DRAFTED)
    with pytest.raises(ValidationError):
        services.agenda_propose(meeting=meeting, actor=cast["tf_staff"])


def test_a_council_meeting_needs_a_region_seated_on_the_council(cast):
    body = Body.objects.get(code="regional_council")
    start = at(days=5)
    fields = dict(body=body, title="협의회", starts_at=start, ends_at=start + datetime.timedelta(hours=1), place="x")
    with pytest.raises(ValidationError) as missing:
        services.meeting_create(actor=cast["tf_staff"], **fields)
    assert "region" in missing.value.message_dict
    with pytest.raises(ValidationError) as seoul:
        services.meeting_create(actor=cast["tf_staff"], region=Region.objects.get(code="11"), **fields)
    assert "지역협의회 참여 지역이 아닙니다" in seoul.value.message_dict["region"][0]


def test_the_tf_edits_the_proposed_agenda(cast):
    first = proposal_in(cast, S.SUBMITTED, title="첫째")
    second = proposal_in(cast, S.SUBMITTED, title="둘째")
    meeting = make_meeting(cast, status=M.DRAFTED)
    one = services.agenda_add(meeting=meeting, actor=cast["tf_staff"], proposal=first)
    two = services.agenda_add(meeting=meeting, actor=cast["tf_staff"], proposal=second)
    free = services.agenda_add(meeting=meeting, actor=cast["tf_staff"], title="지역 현안 자유 토의")

    services.agenda_move(item=free, actor=cast["tf_staff"], direction="up")
    services.agenda_remove(item=one, actor=cast["tf_staff"])

    titles = list(meeting.agenda_items.order_by("position").values_list("title", flat=True))
    assert titles == ["지역 현안 자유 토의", "둘째"]
    with pytest.raises(ValidationError):
        services.agenda_add(meeting=meeting, actor=cast["tf_staff"], proposal=second)
    assert two.pk in meeting.agenda_items.values_list("pk", flat=True)


def test_a_draft_proposal_cannot_be_put_on_an_agenda(cast):
    draft = proposal_in(cast, S.DRAFT)
    meeting = make_meeting(cast, status=M.DRAFTED)
    with pytest.raises(ValidationError):
        services.agenda_add(meeting=meeting, actor=cast["tf_staff"], proposal=draft)


def test_agenda_changes_to_an_announced_meeting_notify_invitees(cast):
    meeting = make_meeting(cast, invite=["vice_governor"])
    services.agenda_add(meeting=meeting, actor=cast["tf_staff"], title="추가 안건")
    assert notified(Kind.MEETING_CHANGED, meeting) == usernames(cast, "vice_governor")


def test_an_agenda_items_outcome_appears_on_the_proposals_timeline(cast, client):
    proposal = proposal_in(cast, S.IN_REVIEW)
    meeting = make_meeting(cast, status=M.DRAFTED)
    item = services.agenda_add(meeting=meeting, actor=cast["tf_staff"], proposal=proposal)
    services.meeting_schedule(meeting=meeting, actor=cast["tf_staff"])
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=at(days=-1), ends_at=at(days=-1, hours=2))
    services.meeting_hold(meeting=meeting, actor=cast["tf_staff"])

    services.agenda_record_outcome(
        item=item, actor=cast["tf_lead"], outcome=AgendaOutcome.AGREED, note="내년 예산에 반영 추진"
    )

    event = ProposalEvent.objects.filter(proposal=proposal).latest("pk")
    assert event.action == "meeting_outcome"
    assert "합의(추진)" in event.note and "내년 예산에 반영 추진" in event.note
    assert event.payload["meeting_id"] == meeting.pk and event.payload["meeting_outcome"] == "agreed"
    assert event.from_status == event.to_status == S.IN_REVIEW
    client.force_login(cast.people["official"])
    page = client.get(f"/proposals/{proposal.pk}/").content.decode()
    assert "내년 예산에 반영 추진" in page
    client.force_login(cast.people["tf_staff"])
    api = client.get(f"/api/v1/proposals/{proposal.pk}/events/").json()["results"]
    assert any(row["action"] == "meeting_outcome" and "내년 예산" in row["note"] for row in api)


def test_a_corrected_outcome_adds_a_second_timeline_event(cast):
    proposal = proposal_in(cast, S.SUBMITTED)
    meeting = make_meeting(cast, status=M.DRAFTED)
    item = services.agenda_add(meeting=meeting, actor=cast["tf_staff"], proposal=proposal)
    services.meeting_schedule(meeting=meeting, actor=cast["tf_staff"])
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=at(days=-1), ends_at=at(days=-1, hours=2))
    services.meeting_hold(meeting=meeting, actor=cast["tf_staff"])
    services.agenda_record_outcome(item=item, actor=cast["tf_staff"], outcome="discussed", note="논의")
    services.agenda_record_outcome(item=item, actor=cast["tf_staff"], outcome="follow_up", note="후속 검토")

    events = ProposalEvent.objects.filter(proposal=proposal, action="meeting_outcome").order_by("pk")
    assert [e.payload["corrected"] for e in events] == [False, True]


def test_outcomes_wait_for_the_meeting_to_be_held(cast):
    meeting = make_meeting(cast)
    item = services.agenda_add(meeting=meeting, actor=cast["tf_staff"], title="안건")
    with pytest.raises(MeetingConflict):
        services.agenda_record_outcome(item=item, actor=cast["tf_staff"], outcome="agreed", note="x")


@pytest.mark.parametrize("person", ["vice_governor", "official", "forum_member"])
def test_only_managers_record_outcomes(cast, person):
    meeting = make_meeting(cast, status=M.HELD)
    item = meeting.agenda_items.create(position=1, title="안건")
    with pytest.raises(PermissionDenied):
        services.agenda_record_outcome(item=item, actor=cast[person], outcome="agreed", note="x")


def test_an_outcome_needs_a_known_kind_and_a_note(cast):
    meeting = make_meeting(cast, status=M.HELD)
    item = meeting.agenda_items.create(position=1, title="안건")
    with pytest.raises(ValidationError):
        services.agenda_record_outcome(item=item, actor=cast["tf_staff"], outcome="approved", note="x")
    with pytest.raises(ValidationError):
        services.agenda_record_outcome(item=item, actor=cast["tf_staff"], outcome="agreed", note=" ")


# --- the forum ------------------------------------------------------------------------------


def test_tabling_a_proposal_opens_a_topic_and_writes_the_timeline(cast):
    proposal = proposal_in(cast, S.ASSIGNED)

    topic = services.proposal_table(proposal=proposal, actor=cast["tf_staff"], reason="관계부처 협의 필요")

    assert list(topic.proposals.all()) == [proposal]
    assert topic.title.startswith("[부의]")
    event = ProposalEvent.objects.filter(proposal=proposal).latest("pk")
    assert (event.action, event.note, event.payload["topic"]) == ("forum_tabled", "관계부처 협의 필요", topic.pk)
    with pytest.raises(ValidationError):
        services.proposal_table(proposal=proposal, actor=cast["tf_staff"], reason="또")


def test_tabling_needs_the_tf(cast):
    proposal = proposal_in(cast, S.ASSIGNED)
    with pytest.raises(PermissionDenied):
        services.proposal_table(proposal=proposal, actor=cast["lead_reviewer"], reason="x")
    with pytest.raises(Http404):
        services.proposal_table(proposal=proposal, actor=cast["other_official"], reason="x")


def test_the_chair_records_a_recommendation_linked_to_the_topics_proposals(cast):
    proposal = proposal_in(cast, S.ASSIGNED)
    topic = services.proposal_table(proposal=proposal, actor=cast["tf_staff"], reason="관계부처 협의 필요")
    strategy = Strategy.objects.get(code="smart_mega_region")

    recommendation = services.recommendation_record(
        actor=cast["minister"],
        title="초광역 협력 권고",
        body="관계부처와 협의해 추진할 것",
        adopted_on=datetime.date(2026, 9, 26),
        topic=topic,
        proposals=[proposal],
        strategies=[strategy],
    )

    assert list(recommendation.proposals.all()) == [proposal]
    assert list(recommendation.strategies.all()) == [strategy]
    event = ProposalEvent.objects.filter(proposal=proposal).latest("pk")
    assert event.action == "forum_recommendation" and "초광역 협력 권고" in event.note


def test_the_chair_cannot_link_proposals_outside_the_topic(cast):
    proposal = proposal_in(cast, S.ASSIGNED)
    with pytest.raises(ValidationError):
        services.recommendation_record(
            actor=cast["minister"],
            title="권고",
            body="내용",
            adopted_on=datetime.date(2026, 9, 26),
            proposals=[proposal],
        )


def test_forum_members_do_not_open_topics(cast):
    with pytest.raises(PermissionDenied):
        services.topic_open(actor=cast["forum_member"], title="의제", body="내용")
    assert not ForumTopic.objects.exists()


def test_closing_a_topic(cast):
    topic = make_topic(cast)
    closed = services.topic_set_status(topic=topic, actor=cast["minister"], status="closed")
    assert closed.status == "closed" and closed.closed_at
    with pytest.raises(PermissionDenied):
        services.topic_set_status(topic=topic, actor=cast["forum_member"], status="open")
