"""A proposal's page tells where the council and the forum took it up: the outcome each
meeting recorded, the forum's recommendations and topics. The public page shows what the
public may see of them (public meetings, topics not reserved to the forum); the staff page
what the reader may see; a change reaches the cached public page at once."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.meetings import services
from apps.meetings.models import MeetingStatus as M
from tests.meetings.support import MeetingCast, make_meeting, make_topic
from tests.portal.support import S, proposal_in

committed = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def discussed(cast, *, is_public=True, title="강원 지역협의회 3차"):
    """A public proposal on a meeting's agenda; the meeting held; its outcome recorded."""
    proposal = proposal_in(cast, S.IN_REVIEW, title="동서고속화철도 조기 착공")
    meeting = make_meeting(cast, status=M.SCHEDULED, title=title, is_public=is_public)
    item = services.agenda_add(meeting=meeting, actor=cast["tf_staff"], proposal=proposal)
    meeting.starts_at = meeting.starts_at - datetime.timedelta(days=14)
    meeting.ends_at = meeting.ends_at - datetime.timedelta(days=14)
    meeting.save()
    services.meeting_hold(meeting=meeting, actor=cast["tf_staff"])
    services.agenda_record_outcome(item=item, actor=cast["tf_staff"], outcome="agreed", note="연내 기본계획 반영 합의")
    return proposal, meeting


def recommend(cast, proposal, **fields):
    return services.recommendation_record(
        actor=cast["tf_staff"],
        title="철도 접근성 개선 권고",
        body="접경지역 **철도 접근성**을 우선 검토할 것",
        adopted_on=datetime.date(2026, 11, 20),
        proposals=[proposal],
        **fields,
    )


def public_page(client, proposal) -> str:
    response = client.get(reverse("portal-proposal-detail", args=[proposal.pk]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def cast(db):
    return MeetingCast()


def test_the_public_page_shows_the_councils_outcome_and_the_forums_recommendation(client, cast):
    proposal, meeting = discussed(cast)
    recommend(cast, proposal)
    html = public_page(client, proposal)
    assert 'id="discussions"' in html
    assert "강원 지역협의회 3차" in html and "합의(추진)" in html and "연내 기본계획 반영 합의" in html
    assert reverse("meeting-detail", args=[meeting.pk]) in html
    assert "철도 접근성 개선 권고" in html and "<strong>철도 접근성</strong>" in html


def test_the_public_page_leaves_out_closed_meetings_and_forum_only_topics(client, cast):
    proposal, _meeting = discussed(cast, is_public=False, title="비공개 협의회")
    topic = make_topic(cast, forum_only=True, title="포럼 내부 의제")
    topic.proposals.add(proposal)
    html = public_page(client, proposal)
    assert "비공개 협의회" not in html and "연내 기본계획 반영 합의" not in html
    assert "포럼 내부 의제" not in html and 'id="discussions"' not in html

    # The TF, who may see both, finds them on the staff page.
    client.force_login(cast["tf_staff"])
    staff = client.get(reverse("proposal-detail", args=[proposal.pk])).content.decode()
    assert 'id="discussions"' in staff and "비공개 협의회" in staff and "포럼 내부 의제" in staff


def test_a_public_topic_is_listed_for_everyone(client, cast):
    proposal = proposal_in(cast, S.IN_REVIEW, title="공개 의제 과제")
    topic = make_topic(cast, title="초광역 교통망 논의")
    topic.proposals.add(proposal)
    html = public_page(client, proposal)
    assert "초광역 교통망 논의" in html and reverse("forum-topic-detail", args=[topic.pk]) in html


@committed
def test_a_recorded_outcome_reaches_the_cached_public_page_at_once(client, cast):
    proposal = proposal_in(cast, S.IN_REVIEW, title="캐시된 과제")
    meeting = make_meeting(cast, status=M.SCHEDULED, title="강원 지역협의회 4차")
    item = services.agenda_add(meeting=meeting, actor=cast["tf_staff"], proposal=proposal)
    with CaptureQueriesContext(connection) as cold:
        before = public_page(client, proposal)
    assert "강원 지역협의회 4차" in before and "논의 결과가 아직 기록되지 않았습니다" in before
    with CaptureQueriesContext(connection) as warm:
        public_page(client, proposal)
    assert len(warm) < len(cold)  # the body is served from the cache from now on

    meeting.starts_at = meeting.starts_at - datetime.timedelta(days=14)
    meeting.ends_at = meeting.ends_at - datetime.timedelta(days=14)
    meeting.save()
    services.meeting_hold(meeting=meeting, actor=cast["tf_staff"])
    services.agenda_record_outcome(item=item, actor=cast["tf_staff"], outcome="follow_up", note="재원 방안 재검토")
    html = public_page(client, proposal)
    assert "재원 방안 재검토" in html, html[html.find('id="discussions"') :][:1200]

    recommend(cast, proposal)
    assert "철도 접근성 개선 권고" in public_page(client, proposal)
