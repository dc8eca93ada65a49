"""Who may see and do what with meetings and forum topics: each rule both ways."""

import pytest
from django.contrib.auth.models import AnonymousUser

from apps.meetings.models import MeetingStatus as M
from apps.organisations.models import Body
from apps.proposals.models import ProposalStatus as S
from tests.meetings.support import make_meeting, make_topic
from tests.proposals.support import proposal_in

pytestmark = pytest.mark.django_db


def allowed(cast, name, permission, obj=None):
    user = AnonymousUser() if name == "anonymous" else cast[name]
    return user.has_perm(permission, obj)


@pytest.mark.parametrize(
    ("person", "expected"),
    [("tf_staff", True), ("admin", True), ("official", False), ("vice_governor", False), ("anonymous", False)],
)
def test_drafted_meeting_only_managers_see(cast, person, expected):
    meeting = make_meeting(cast, status=M.DRAFTED, invite=["vice_governor"])
    assert allowed(cast, person, "meetings.view_meeting", meeting) is expected


@pytest.mark.parametrize("person", ["anonymous", "other_official", "forum_member", "advisor"])
def test_public_council_meeting_is_open_to_everyone_once_announced(cast, person):
    meeting = make_meeting(cast)
    assert allowed(cast, person, "meetings.view_meeting", meeting)


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("official", True),
        ("vice_governor", True),
        ("liaison", True),
        ("tf_lead", True),
        ("other_official", False),
        ("other_liaison", False),
        ("forum_member", False),
        ("lead_reviewer", False),
        ("anonymous", False),
    ],
)
def test_non_public_council_meeting_is_its_regions_and_the_tfs(cast, person, expected):
    meeting = make_meeting(cast, is_public=False)
    assert allowed(cast, person, "meetings.view_meeting", meeting) is expected


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("lead_reviewer", True),
        ("tf_staff", True),
        ("liaison", True),
        ("official", False),
        ("forum_member", False),
        ("anonymous", False),
    ],
)
def test_internal_body_meeting_is_for_ministry_staff(cast, person, expected):
    meeting = make_meeting(cast, "tf", region=None, title="부내 TF 회의")
    assert allowed(cast, person, "meetings.view_meeting", meeting) is expected


def test_an_invitee_sees_an_internal_meeting(cast):
    meeting = make_meeting(cast, "tf", region=None, title="부내 TF 회의", invite=["official"])
    assert allowed(cast, "official", "meetings.view_meeting", meeting)
    assert not allowed(cast, "other_official", "meetings.view_meeting", meeting)


@pytest.mark.parametrize("permission", ["meetings.change_meeting", "meetings.edit_minutes", "meetings.record_outcome"])
@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("tf_staff", True),
        ("tf_lead", True),
        ("admin", True),
        ("minister", False),
        ("forum_member", False),
        ("official", False),
        ("vice_governor", False),
        ("lead_reviewer", False),
        ("anonymous", False),
    ],
)
def test_only_managers_prepare_meetings_and_edit_minutes(cast, permission, person, expected):
    meeting = make_meeting(cast, status=M.HELD)
    assert allowed(cast, person, permission, meeting) is expected


def test_only_managers_create_meetings(cast):
    assert allowed(cast, "tf_staff", "meetings.add_meeting")
    assert not allowed(cast, "official", "meetings.add_meeting")
    assert not allowed(cast, "minister", "meetings.add_meeting")


def test_only_invitees_answer_invitations(cast):
    meeting = make_meeting(cast, invite=["vice_governor"])
    assert allowed(cast, "vice_governor", "meetings.respond_meeting", meeting)
    assert not allowed(cast, "official", "meetings.respond_meeting", meeting)
    assert not allowed(cast, "tf_staff", "meetings.respond_meeting", meeting)


def test_attendance_is_for_participants_not_the_public(cast):
    meeting = make_meeting(cast, invite=["vice_governor"])
    assert allowed(cast, "vice_governor", "meetings.view_attendance", meeting)
    assert allowed(cast, "official", "meetings.view_attendance", meeting)
    assert not allowed(cast, "other_official", "meetings.view_attendance", meeting)
    assert not allowed(cast, "anonymous", "meetings.view_attendance", meeting)


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("forum_member", True),
        ("minister", True),
        ("tf_staff", True),
        ("admin", True),
        ("official", False),
        ("lead_reviewer", False),
        ("advisor", False),
        ("anonymous", False),
    ],
)
def test_forum_only_topic_is_seen_by_the_forum_and_the_tf(cast, person, expected):
    topic = make_topic(cast, forum_only=True)
    assert allowed(cast, person, "meetings.view_forumtopic", topic) is expected


@pytest.mark.parametrize("person", ["anonymous", "official", "forum_member"])
def test_public_topic_is_seen_by_everyone(cast, person):
    assert allowed(cast, person, "meetings.view_forumtopic", make_topic(cast))


@pytest.mark.parametrize(
    ("person", "expected"),
    [("forum_member", True), ("minister", True), ("tf_staff", True), ("official", False), ("anonymous", False)],
)
def test_forum_members_discuss_topics(cast, person, expected):
    assert allowed(cast, person, "meetings.discuss_forumtopic", make_topic(cast)) is expected


@pytest.mark.parametrize(
    ("person", "expected"),
    [("tf_staff", True), ("minister", True), ("admin", True), ("forum_member", False), ("official", False)],
)
def test_topics_and_recommendations_come_from_the_tf_or_the_chair(cast, person, expected):
    assert allowed(cast, person, "meetings.add_forumtopic") is expected
    assert allowed(cast, person, "meetings.add_recommendation") is expected


@pytest.mark.parametrize(
    ("person", "expected"),
    [("tf_staff", True), ("tf_lead", True), ("lead_reviewer", False), ("official", False), ("minister", False)],
)
def test_the_tf_tables_proposals_for_the_forum(cast, person, expected):
    proposal = proposal_in(cast, S.ASSIGNED)
    assert allowed(cast, person, "meetings.table_proposal", proposal) is expected


@pytest.mark.parametrize(("person", "expected"), [("tf_staff", True), ("official", False), ("anonymous", False)])
def test_the_tf_may_table_proposals_at_all_before_naming_one(cast, person, expected):
    assert allowed(cast, person, "meetings.table_proposal") is expected


@pytest.mark.parametrize(
    ("person", "code", "expected"),
    [
        ("anonymous", "forum", True),
        ("official", "regional_council", True),
        ("anonymous", "tf", False),
        ("official", "tf", False),
        ("forum_member", "tf", False),
        ("lead_reviewer", "tf", True),
        ("tf_staff", "tf", True),
    ],
)
def test_a_bodys_calendar_feed_is_public_or_for_the_ministrys_staff(cast, person, code, expected):
    assert allowed(cast, person, "meetings.view_body_feed", Body.objects.get(code=code)) is expected
