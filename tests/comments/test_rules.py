"""Who may read, write and moderate comments (DESIGN.md §2): each rule both ways."""

import pytest
from django.contrib.auth.models import AnonymousUser

from apps.comments.models import Visibility
from apps.comments.selectors import visible_comments
from tests.comments.support import agenda_item, make_topic, post, private_proposal, public_proposal

pytestmark = pytest.mark.django_db


def user(cast, name):
    return AnonymousUser() if name == "anonymous" else cast[name]


def sees(cast, name, target, comment) -> bool:
    shown, _parents = visible_comments(user(cast, name), target)
    return comment.pk in {c.pk for c in shown} and user(cast, name).has_perm("comments.view_comment", comment)


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("official", True),
        ("vice_governor", True),
        ("liaison", True),
        ("tf_staff", True),
        ("admin", True),
        ("lead_reviewer", True),
        ("other_official", False),
        ("other_reviewer", False),
        ("forum_member", False),
        ("advisor", False),
        ("anonymous", False),
    ],
)
def test_internal_comments_on_a_proposal_are_its_regions_and_staffs(cast, person, expected):
    proposal = public_proposal(cast)
    comment = post(cast, proposal, "tf_staff", "내부 검토 메모")
    assert sees(cast, person, proposal, comment) is expected


@pytest.mark.parametrize("person", ["anonymous", "other_official", "forum_member", "advisor"])
def test_public_comments_on_a_public_proposal_are_for_everyone(cast, person):
    proposal = public_proposal(cast)
    comment = post(cast, proposal, "official", "공개 의견", visibility=Visibility.PUBLIC)
    assert sees(cast, person, proposal, comment)


def test_public_comments_on_a_proposal_made_private_are_for_insiders_only(cast):
    proposal = public_proposal(cast)
    comment = post(cast, proposal, "official", "공개 의견", visibility=Visibility.PUBLIC)
    proposal.__class__.objects.filter(pk=proposal.pk).update(is_public=False)
    proposal.refresh_from_db()
    assert not sees(cast, "anonymous", proposal, comment)
    assert sees(cast, "official", proposal, comment)


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("official", True),
        ("vice_governor", True),
        ("tf_staff", True),
        ("lead_reviewer", True),
        ("other_official", False),
        ("forum_member", False),
        ("anonymous", False),
    ],
)
def test_who_may_comment_on_a_proposal(cast, person, expected):
    assert user(cast, person).has_perm("comments.add_comment", public_proposal(cast)) is expected


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("forum_member", True),
        ("minister", True),
        ("tf_staff", True),
        ("official", False),
        ("lead_reviewer", False),
        ("anonymous", False),
    ],
)
def test_forum_members_discuss_forum_topics(cast, person, expected):
    topic = make_topic(cast)
    comment = post(cast, topic, "forum_member", "위원 의견")
    assert user(cast, person).has_perm("comments.add_comment", topic) is expected
    assert sees(cast, person, topic, comment) is expected


@pytest.mark.parametrize(("person", "expected"), [("forum_member", True), ("official", False), ("anonymous", False)])
def test_public_comments_on_a_forum_only_topic_stay_in_the_forum(cast, person, expected):
    topic = make_topic(cast, forum_only=True)
    comment = post(cast, topic, "forum_member", "위원 의견")
    assert sees(cast, person, topic, comment) is expected


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("vice_governor", True),
        ("official", True),
        ("tf_staff", True),
        ("other_official", False),
        ("forum_member", False),
        ("anonymous", False),
    ],
)
def test_agenda_item_discussion_is_the_meetings_participants(cast, person, expected):
    item = agenda_item(cast, invite=["vice_governor"])
    comment = post(cast, item, "vice_governor", "부지사 의견")
    assert user(cast, person).has_perm("comments.add_comment", item) is expected
    assert sees(cast, person, item, comment) is expected


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("tf_staff", True),
        ("tf_lead", True),
        ("admin", True),
        ("official", False),
        ("vice_governor", False),
        ("lead_reviewer", False),
        ("minister", False),
        ("forum_member", False),
        ("anonymous", False),
    ],
)
def test_only_the_tf_and_operators_moderate(cast, person, expected):
    proposal = public_proposal(cast)
    comment = post(cast, proposal, "official", "공개 의견", visibility=Visibility.PUBLIC)
    assert user(cast, person).has_perm("comments.moderate_comment", comment) is expected
    assert user(cast, person).has_perm("comments.moderate_comments") is expected


def test_authors_edit_their_own_comments_only(cast):
    comment = post(cast, public_proposal(cast), "official")
    assert cast["official"].has_perm("comments.change_comment", comment)
    assert not cast["vice_governor"].has_perm("comments.change_comment", comment)
    assert not cast["tf_staff"].has_perm("comments.change_comment", comment)


def test_reporting_is_for_others_who_see_the_comment(cast):
    comment = post(cast, public_proposal(cast), "official")
    assert cast["vice_governor"].has_perm("comments.report_comment", comment)
    assert not cast["official"].has_perm("comments.report_comment", comment)
    assert not cast["other_official"].has_perm("comments.report_comment", comment)
    assert not AnonymousUser().has_perm("comments.report_comment", comment)


def test_a_private_proposals_thread_is_404_material_for_outsiders(cast):
    proposal = private_proposal(cast)
    post(cast, proposal, "official")
    assert visible_comments(AnonymousUser(), proposal) == ([], {})
    assert visible_comments(cast["other_official"], proposal) == ([], {})
