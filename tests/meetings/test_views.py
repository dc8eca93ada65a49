"""The meeting and forum pages: who gets what, the managers' forms, Korean 400s, htmx."""

import datetime

import pytest
from django.utils import timezone

from apps.meetings.models import AgendaItem, ForumTopic, Invitation, Meeting, Recommendation
from apps.meetings.models import MeetingStatus as M
from apps.notifications.models import Kind, Notification
from apps.proposals.models import ProposalEvent
from apps.proposals.models import ProposalStatus as S
from tests.meetings.support import at, make_meeting, make_topic
from tests.proposals.support import proposal_in

pytestmark = pytest.mark.django_db


def html(response) -> str:
    return response.content.decode()


# --- list, calendar, detail -----------------------------------------------------------------


def test_anonymous_visitors_see_public_meetings_only(client, cast):
    public = make_meeting(cast, title="공개 협의회")
    make_meeting(cast, is_public=False, title="비공개 협의회")
    make_meeting(cast, "tf", region=None, title="TF 정례 점검")

    page = html(client.get("/meetings/"))

    assert "공개 협의회" in page and "비공개 협의회" not in page and "TF 정례 점검" not in page
    assert client.get(f"/meetings/{public.pk}/").status_code == 200


def test_list_filters_and_htmx_partial(client, cast):
    make_meeting(cast, title="강원 지역협의회")
    make_meeting(cast, "forum", region=None, title="포럼 정례회의")

    response = client.get("/meetings/", {"body": "forum"}, headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert "포럼 정례회의" in html(response) and "강원 지역협의회" not in html(response)
    assert "<html" not in html(response)


@pytest.mark.parametrize("query", [{"status": "bogus"}, {"body": "x" * 500}, {"period": "someday"}, {"region": "99"}])
def test_bad_list_filters_are_400_in_korean(client, cast, query):
    response = client.get("/meetings/", query)
    assert response.status_code == 400
    assert "검색 조건을 확인해 주세요" in html(response)


def test_calendar_shows_the_months_meetings_in_a_table(client, cast):
    start = timezone.localtime(at(days=3)).replace(hour=14, minute=0)
    make_meeting(cast, starts_at=start, title="달력에 나올 회의")

    response = client.get("/meetings/calendar/", {"month": start.strftime("%Y-%m")})

    page = html(response)
    assert response.status_code == 200
    assert '<table class="meetings-calendar">' in page and "달력에 나올 회의" in page
    assert 'scope="col"' in page and "14:00" in page


@pytest.mark.parametrize("month", ["2026-13", "26-01", "2026-1", "abcd-ef", "0001-01", "9999-12"])
def test_calendar_refuses_a_malformed_month_in_korean(client, cast, month):
    response = client.get("/meetings/calendar/", {"month": month})
    assert response.status_code == 400
    assert "월" in html(response)


def test_drafted_meeting_page_is_404_to_others_and_200_to_the_tf(client, cast):
    meeting = make_meeting(cast, status=M.DRAFTED)
    client.force_login(cast.people["official"])
    assert client.get(f"/meetings/{meeting.pk}/").status_code == 404
    client.force_login(cast.people["tf_staff"])
    assert client.get(f"/meetings/{meeting.pk}/").status_code == 200


@pytest.mark.parametrize("path", ["/meetings/99999999999999999999/", "/meetings/0/", "/meetings/123456/agenda/1/"])
def test_unknown_meetings_are_404(client, cast, path):
    assert client.get(path).status_code == 404


def test_attendance_is_shown_to_participants_not_the_public(client, cast):
    meeting = make_meeting(cast, invite=["vice_governor"])
    name = cast.people["vice_governor"].get_full_name()
    assert name not in html(client.get(f"/meetings/{meeting.pk}/"))
    client.force_login(cast.people["official"])
    assert name in html(client.get(f"/meetings/{meeting.pk}/"))


def test_draft_minutes_are_the_managers_until_published(client, cast):
    meeting = make_meeting(cast, status=M.HELD)
    Meeting.objects.filter(pk=meeting.pk).update(minutes="초안 회의록 내용")
    client.force_login(cast.people["official"])
    assert "초안 회의록 내용" not in html(client.get(f"/meetings/{meeting.pk}/"))
    client.force_login(cast.people["tf_staff"])
    assert "초안 회의록 내용" in html(client.get(f"/meetings/{meeting.pk}/"))


def test_an_agenda_item_whose_proposal_the_viewer_may_not_see_is_masked(client, cast):
    proposal = proposal_in(cast, S.SUBMITTED, title="비공개 과제 제목")
    proposal.__class__.objects.filter(pk=proposal.pk).update(is_public=False)
    meeting = make_meeting(cast, status=M.DRAFTED)
    AgendaItem.objects.create(meeting=meeting, position=1, title=proposal.title, proposal=proposal)
    cast_tf = cast["tf_staff"]
    from apps.meetings.services import meeting_schedule

    meeting_schedule(meeting=meeting, actor=cast_tf)
    assert "비공개 과제 제목" not in html(client.get(f"/meetings/{meeting.pk}/"))
    client.force_login(cast.people["official"])
    assert "비공개 과제 제목" in html(client.get(f"/meetings/{meeting.pk}/"))


# --- managers' forms -------------------------------------------------------------------------


def meeting_post(**overrides):
    start = timezone.localtime(at(days=10))
    return {
        "body": "regional_council",
        "title": "강원 지역협의회",
        "region": "51",
        "starts_at": start.strftime("%Y-%m-%dT14:00"),
        "ends_at": start.strftime("%Y-%m-%dT16:00"),
        "place": "강원특별자치도청",
        "is_public": "on",
        **overrides,
    }


def test_the_tf_creates_a_meeting(login, cast):
    response = login("tf_staff").post("/meetings/new/", meeting_post())
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/meetings/{meeting.pk}/"
    assert meeting.status == M.DRAFTED and meeting.region.code == "51" and meeting.chair_title


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"starts_at": "내일 오후"}, "올바른 날짜"),
        ({"ends_at": "2000-01-01T00:00"}, "종료 일시는 시작 일시보다 늦어야 합니다"),
        ({"region": ""}, "개최 지역을 지정해야 합니다"),
        ({"region": "11"}, "지역협의회 참여 지역이 아닙니다"),
        ({"body": "nothing"}, "올바르게 선택해 주세요"),
        ({"title": ""}, "필수 항목"),
    ],
)
def test_bad_meeting_input_is_400_with_korean_errors(login, cast, overrides, message):
    response = login("tf_staff").post("/meetings/new/", meeting_post(**overrides))
    assert response.status_code == 400
    assert message in html(response)
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("person", ["official", "forum_member", "minister"])
def test_others_may_not_create_meetings(login, cast, person):
    assert login(person).post("/meetings/new/", meeting_post()).status_code == 403
    assert login(person).get("/meetings/new/").status_code == 403


def test_the_tf_prepares_announces_holds_and_publishes_a_meeting(login, cast):
    proposal = proposal_in(cast, S.SUBMITTED)
    meeting = make_meeting(cast, status=M.DRAFTED)
    client = login("tf_staff")

    assert client.post(f"/meetings/{meeting.pk}/agenda/propose/").status_code == 302
    assert client.post(f"/meetings/{meeting.pk}/agenda/", {"title": "지역 현안 토의"}).status_code == 302
    assert client.post(f"/meetings/{meeting.pk}/invitations/members/").status_code == 302
    assert client.post(f"/meetings/{meeting.pk}/status/schedule/").status_code == 302
    assert client.post(f"/meetings/{meeting.pk}/status/hold/").status_code == 409  # not started yet
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=at(days=-1), ends_at=at(days=-1, hours=2))
    assert client.post(f"/meetings/{meeting.pk}/status/hold/").status_code == 302
    item = AgendaItem.objects.get(meeting=meeting, proposal=proposal)
    response = client.post(
        f"/meetings/{meeting.pk}/agenda/{item.pk}/outcome/",
        {f"item{item.pk}-outcome": "agreed", f"item{item.pk}-note": "국토부 검토 후 추진"},
    )
    assert response.status_code == 302
    assert client.post(f"/meetings/{meeting.pk}/minutes/", {"minutes": "## 회의록\n\n- 합의"}).status_code == 302
    assert client.post(f"/meetings/{meeting.pk}/status/publish/").status_code == 302

    meeting.refresh_from_db()
    assert meeting.status == M.MINUTES_PUBLISHED
    assert ProposalEvent.objects.filter(proposal=proposal, action="meeting_outcome").count() == 1
    assert Notification.objects.filter(kind=Kind.MINUTES_PUBLISHED, recipient=cast.people["vice_governor"]).exists()
    page = html(client.get(f"/meetings/{meeting.pk}/"))
    assert "국토부 검토 후 추진" in page and "<h2>회의록</h2>" in page.replace(' id="minutes-title"', "")


def test_an_action_the_state_no_longer_allows_is_409(login, cast):
    meeting = make_meeting(cast, status=M.MINUTES_PUBLISHED)
    client = login("tf_staff")
    response = client.post(f"/meetings/{meeting.pk}/minutes/", {"minutes": "고침"})
    assert response.status_code == 409
    assert "회의록만 수정할 수 있습니다" in html(response)
    assert client.post(f"/meetings/{meeting.pk}/status/schedule/").status_code == 409


@pytest.mark.parametrize("person", ["official", "vice_governor"])
def test_participants_may_not_edit_minutes_or_outcomes(login, cast, person):
    meeting = make_meeting(cast, status=M.HELD, invite=["vice_governor"])
    item = meeting.agenda_items.create(position=1, title="안건")
    client = login(person)
    assert client.post(f"/meetings/{meeting.pk}/minutes/", {"minutes": "위조"}).status_code == 403
    assert client.post(f"/meetings/{meeting.pk}/agenda/{item.pk}/outcome/", {}).status_code == 403
    assert client.post(f"/meetings/{meeting.pk}/status/publish/").status_code == 403


def test_unknown_transition_is_404(login, cast):
    meeting = make_meeting(cast)
    assert login("tf_staff").post(f"/meetings/{meeting.pk}/status/explode/").status_code == 404


def test_cancel_without_reason_is_400(login, cast):
    meeting = make_meeting(cast)
    response = login("tf_staff").post(f"/meetings/{meeting.pk}/status/cancel/", {"reason": ""})
    assert response.status_code == 400 and "필수 항목" in html(response)


@pytest.mark.parametrize(
    "data",
    [
        {"proposal": "2026-99-9999"},
        {"proposal": "nonsense"},
        {"proposal": "9" * 40},
        {},
        {"title": "x" * 300},
    ],
)
def test_bad_agenda_input_is_400(login, cast, data):
    meeting = make_meeting(cast, status=M.DRAFTED)
    response = login("tf_staff").post(f"/meetings/{meeting.pk}/agenda/", data)
    assert response.status_code == 400
    assert "입력 내용을 확인해 주세요" in html(response)


def test_agenda_by_reference_and_invite_by_username(login, cast):
    proposal = proposal_in(cast, S.ASSIGNED)
    meeting = make_meeting(cast, status=M.DRAFTED)
    client = login("tf_staff")
    assert client.post(f"/meetings/{meeting.pk}/agenda/", {"proposal": proposal.reference}).status_code == 302
    assert meeting.agenda_items.get().proposal == proposal
    username = cast.people["vice_governor"].username
    assert client.post(f"/meetings/{meeting.pk}/invitations/", {"usernames": f"@{username}"}).status_code == 302
    response = client.post(f"/meetings/{meeting.pk}/invitations/", {"usernames": "nobody-here"})
    assert response.status_code == 400 and "없는 아이디" in html(response)


def test_rsvp_with_htmx_returns_the_panel(login, cast):
    meeting = make_meeting(cast, invite=["vice_governor"])
    client = login("vice_governor")

    response = client.post(
        f"/meetings/{meeting.pk}/rsvp/", {"rsvp": "accepted", "note": "참석합니다"}, headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    assert 'id="rsvp"' in html(response) and "<html" not in html(response)
    assert Invitation.objects.get(meeting=meeting).rsvp == "accepted"
    bad = client.post(f"/meetings/{meeting.pk}/rsvp/", {"rsvp": "maybe"})
    assert bad.status_code == 400


def test_rsvp_is_for_invitees(login, cast):
    meeting = make_meeting(cast, invite=["vice_governor"])
    assert login("official").post(f"/meetings/{meeting.pk}/rsvp/", {"rsvp": "accepted"}).status_code == 403


def test_attendance_form(login, cast):
    meeting = make_meeting(cast, status=M.HELD, invite=["vice_governor", "official"])
    present = Invitation.objects.get(meeting=meeting, person=cast.people["official"])
    client = login("tf_staff")
    assert client.post(f"/meetings/{meeting.pk}/attendance/", {"attended": [present.pk]}).status_code == 302
    assert client.post(f"/meetings/{meeting.pk}/attendance/", {"attended": ["abc"]}).status_code == 400
    assert Invitation.objects.get(pk=present.pk).attended is True


def test_editing_an_announced_meeting_notifies(login, cast):
    meeting = make_meeting(cast, invite=["vice_governor"])
    start = timezone.localtime(meeting.starts_at) + datetime.timedelta(days=1)
    data = meeting_post(
        starts_at=start.strftime("%Y-%m-%dT%H:%M"),
        ends_at=(start + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
    )
    assert login("tf_staff").post(f"/meetings/{meeting.pk}/edit/", data).status_code == 302
    assert Notification.objects.filter(kind=Kind.MEETING_CHANGED).count() == 1


# --- the forum --------------------------------------------------------------------------------


def test_forum_pages_for_the_public_hide_forum_only_topics(client, cast):
    public = make_topic(cast, title="공개 의제")
    closed = make_topic(cast, forum_only=True, title="포럼 전용 의제")

    page = html(client.get("/meetings/forum/"))

    assert "공개 의제" in page and "포럼 전용 의제" not in page
    assert client.get(f"/meetings/forum/topics/{public.pk}/").status_code == 200
    assert client.get(f"/meetings/forum/topics/{closed.pk}/").status_code == 404
    client.force_login(cast.people["forum_member"])
    assert client.get(f"/meetings/forum/topics/{closed.pk}/").status_code == 200
    client.force_login(cast.people["official"])
    assert client.get(f"/meetings/forum/topics/{closed.pk}/").status_code == 404


def test_the_chair_opens_a_topic_and_records_a_recommendation(login, cast):
    client = login("minister")
    response = client.post(
        "/meetings/forum/topics/new/",
        {"title": "청년 정착 거점", "body": "지역 청년 정착을 논의", "strategies": ["smart_compact_network"]},
    )
    topic = ForumTopic.objects.get()
    assert response.status_code == 302 and topic.strategies.count() == 1
    response = client.post(
        "/meetings/forum/recommendations/new/",
        {"title": "권고 1", "body": "거점 육성", "adopted_on": "2026-09-26", "topic": topic.pk},
    )
    assert response.status_code == 302
    assert Recommendation.objects.get().topic == topic


@pytest.mark.parametrize(
    "data",
    [
        {"title": "", "body": "x", "adopted_on": "2026-09-26"},
        {"title": "권고", "body": "x", "adopted_on": "2026-02-30"},
        {"title": "권고", "body": "x", "adopted_on": "2026-09-26", "proposals": "2026-51-0001"},
        {"title": "권고", "body": "x", "adopted_on": "2026-09-26", "proposals": "not-a-reference"},
        {"title": "권고", "body": "x", "adopted_on": "2026-09-26", "topic": "abc"},
    ],
)
def test_bad_recommendations_are_400(login, cast, data):
    response = login("minister").post("/meetings/forum/recommendations/new/", data)
    assert response.status_code == 400
    assert not Recommendation.objects.exists()


def test_forum_members_may_not_open_topics(login, cast):
    assert login("forum_member").post("/meetings/forum/topics/new/", {"title": "x", "body": "y"}).status_code == 403


def test_the_tf_tables_a_proposal_from_the_forum_page(login, cast):
    proposal = proposal_in(cast, S.ASSIGNED)
    client = login("tf_staff")
    response = client.post("/meetings/forum/table/", {"proposal": proposal.reference, "reason": "관계부처 협의 필요"})
    topic = ForumTopic.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/meetings/forum/topics/{topic.pk}/"
    again = client.post("/meetings/forum/table/", {"proposal": proposal.reference, "reason": "또"})
    assert again.status_code == 400 and "이미 포럼에서 논의 중인" in html(again)
    assert login("lead_reviewer").post("/meetings/forum/table/", {"proposal": proposal.reference}).status_code == 403


# --- query counts --------------------------------------------------------------------------------


def count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def add_meetings(cast, number, offset=0):
    for n in range(number):
        meeting = make_meeting(cast, title=f"회의 {offset + n}", invite=["vice_governor", "official"])
        AgendaItem.objects.create(meeting=meeting, position=1, title="안건")


@pytest.mark.parametrize("person", [None, "tf_staff", "official"])
@pytest.mark.parametrize("url", ["/meetings/", "/meetings/calendar/"])
def test_list_pages_have_constant_query_counts(client, cast, person, url):
    if person:
        client.force_login(cast.people[person])
    add_meetings(cast, 2)
    small = count_queries(client, url)
    add_meetings(cast, 6, offset=2)
    assert count_queries(client, url) == small


def test_meeting_page_query_count_is_constant_in_agenda_and_invitees(login, cast):
    client = login("tf_staff")
    meeting = make_meeting(cast, status=M.HELD, invite=["vice_governor"])
    proposal = proposal_in(cast, S.SUBMITTED, title="과제 0")
    AgendaItem.objects.create(meeting=meeting, position=1, title="안건", proposal=proposal)
    small = count_queries(client, f"/meetings/{meeting.pk}/")
    for n in range(1, 6):
        other = proposal_in(cast, S.SUBMITTED, title=f"과제 {n}")
        AgendaItem.objects.create(meeting=meeting, position=n + 1, title="안건", proposal=other)
    for name in ("official", "liaison", "tf_lead", "forum_member"):
        Invitation.objects.create(meeting=meeting, person=cast.people[name])
    assert count_queries(client, f"/meetings/{meeting.pk}/") == small


def test_forum_home_query_count_is_constant(client, cast):
    make_topic(cast, title="의제 0")
    small = count_queries(client, "/meetings/forum/")
    for n in range(1, 6):
        make_topic(cast, title=f"의제 {n}")
    assert count_queries(client, "/meetings/forum/") == small


def test_edit_form_keeps_the_region_and_chair_and_saves_unchanged(login, cast):
    meeting = make_meeting(cast)
    chair = cast["minister"]
    Meeting.objects.filter(pk=meeting.pk).update(chair=chair)
    client = login("tf_staff")
    html = client.get(f"/meetings/{meeting.pk}/edit/").content.decode()
    assert '<option value="51" selected>' in html
    assert f'<option value="{chair.username}" selected>' in html
    response = client.get(f"/meetings/{meeting.pk}/edit/")
    form = response.context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {name: value for name, value in data.items() if value not in (None, False)}
    data["starts_at"] = timezone.localtime(meeting.starts_at).strftime("%Y-%m-%dT%H:%M")
    data["ends_at"] = timezone.localtime(meeting.ends_at).strftime("%Y-%m-%dT%H:%M")
    assert client.post(f"/meetings/{meeting.pk}/edit/", data).status_code == 302
    meeting.refresh_from_db()
    assert meeting.region.code == "51" and meeting.chair_id == chair.pk


def test_publishing_minutes_without_attendance_warns_first(login, cast):
    meeting = make_meeting(cast, status=M.HELD, invite=["vice_governor"])
    html = login("tf_staff").get(f"/meetings/{meeting.pk}/").content.decode()
    assert 'id="attendance-warning"' in html and "data-confirm=" in html
    Invitation.objects.filter(meeting=meeting).update(attended=True)
    html = login("tf_staff").get(f"/meetings/{meeting.pk}/").content.decode()
    assert 'id="attendance-warning"' not in html
