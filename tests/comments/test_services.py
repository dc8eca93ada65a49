"""Posting, replies, @mentions, edit history and the rate limit."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from apps.comments import services
from apps.comments.models import Comment, CommentRevision, Visibility
from apps.comments.services import mentioned_usernames
from apps.notifications.models import Kind, Notification
from tests.comments.support import make_topic, post, private_proposal, public_proposal

pytestmark = pytest.mark.django_db


def comment_notifications():
    # Building proposals notifies their workflow; only what comments caused counts here.
    return Notification.objects.filter(occasion_key__startswith="comment:")


def notified(kind):
    return sorted(comment_notifications().filter(kind=kind).values_list("recipient__username", flat=True))


def name(cast, person):
    return cast.people[person].username


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("@tf1 확인 부탁드립니다", ["tf1"]),
        ("검토: @vg-51, @official-51.", ["vg-51", "official-51"]),
        ("메일 a@b.example 은 언급이 아님", []),
        ("@tf1 @tf1 두 번", ["tf1"]),
        ("(@forum01)과 `@forum02`", ["forum01", "forum02"]),
        ("@", []),
    ],
)
def test_mentions_are_read_from_the_text(text, names):
    assert mentioned_usernames(text) == names


def test_a_mention_notifies_exactly_the_mentioned_person(cast):
    proposal = public_proposal(cast)
    post(cast, proposal, "official", f"@{name(cast, 'tf_staff')} 검토 일정 확인 부탁드립니다")

    assert notified(Kind.MENTIONED) == [name(cast, "tf_staff")]
    assert comment_notifications().count() == 1
    notification = comment_notifications().get()
    assert notification.url.startswith(f"/proposals/{proposal.pk}/#comment-")
    assert "언급" in notification.title


def test_a_mention_of_someone_who_may_not_see_the_comment_notifies_nobody(cast):
    proposal = public_proposal(cast)
    post(cast, proposal, "official", f"@{name(cast, 'other_official')} @{name(cast, 'forum_member')} 참고")
    assert notified(Kind.MENTIONED) == []


def test_a_public_comment_may_mention_anyone_with_an_account(cast):
    proposal = public_proposal(cast)
    post(cast, proposal, "official", f"@{name(cast, 'other_official')} 참고", visibility=Visibility.PUBLIC)
    assert notified(Kind.MENTIONED) == [name(cast, "other_official")]


def test_mentioning_oneself_or_unknown_names_notifies_nobody(cast):
    post(cast, public_proposal(cast), "official", f"@{name(cast, 'official')} @nobody-at-all")
    assert comment_notifications().count() == 0


def test_a_reply_notifies_the_parents_author(cast):
    proposal = public_proposal(cast)
    parent = post(cast, proposal, "official", "질문 있습니다")

    reply = post(cast, proposal, "tf_staff", "답변드립니다", parent=parent)

    assert reply.parent == parent
    assert notified(Kind.REPLIED) == [name(cast, "official")]


def test_a_reply_that_mentions_the_parents_author_notifies_once(cast):
    proposal = public_proposal(cast)
    parent = post(cast, proposal, "official", "질문")
    post(cast, proposal, "tf_staff", f"@{name(cast, 'official')} 답변", parent=parent)
    assert notified(Kind.MENTIONED) == [name(cast, "official")]
    assert notified(Kind.REPLIED) == []


def test_a_reply_is_as_visible_as_its_parent_and_threads_stop_nesting(cast):
    proposal = public_proposal(cast)
    first = post(cast, proposal, "official", "공개", visibility=Visibility.PUBLIC)
    second = post(cast, proposal, "tf_staff", "답", parent=first)
    third = post(cast, proposal, "official", "답의 답", parent=second)
    fourth = post(cast, proposal, "tf_staff", "더 깊이", parent=third)

    assert second.visibility == Visibility.PUBLIC
    assert fourth.parent == second  # the deepest level is 3


def test_public_comments_need_a_public_target(cast):
    with pytest.raises(ValidationError):
        post(cast, private_proposal(cast), "official", "x", visibility=Visibility.PUBLIC)
    with pytest.raises(ValidationError):
        post(cast, make_topic(cast, forum_only=True), "forum_member", "x", visibility=Visibility.PUBLIC)


@pytest.mark.parametrize("body", ["", "   ", "\x00", "x" * 5001])
def test_empty_or_too_long_bodies_are_refused(cast, body):
    with pytest.raises(ValidationError):
        post(cast, public_proposal(cast), "official", body)
    assert not Comment.objects.exists()


def test_outsiders_get_404_and_onlookers_403(cast):
    proposal = public_proposal(cast)
    with pytest.raises(PermissionDenied):
        post(cast, proposal, "other_official")  # sees the public proposal, may not discuss it
    with pytest.raises(Http404):
        post(cast, private_proposal(cast, "비공개"), "other_official")


def test_a_reply_to_another_targets_comment_is_refused(cast):
    one, two = public_proposal(cast, "하나"), public_proposal(cast, "둘")
    parent = post(cast, one, "official")
    with pytest.raises(ValidationError):
        post(cast, two, "official", parent=parent)


def test_a_closed_topic_takes_no_more_comments(cast):
    from apps.meetings.services import topic_set_status

    topic = make_topic(cast)
    topic_set_status(topic=topic, actor=cast["tf_staff"], status="closed")
    with pytest.raises(services.CommentConflict):
        post(cast, topic, "forum_member")


def test_edits_keep_the_previous_text_and_notify_only_new_mentions(cast):
    proposal = public_proposal(cast)
    comment = post(cast, proposal, "official", f"@{name(cast, 'tf_staff')} 초안")

    edited = services.comment_edit(
        comment=comment, actor=cast["official"], body=f"@{name(cast, 'tf_staff')} @{name(cast, 'tf_lead')} 수정본"
    )

    assert edited.edited_at is not None and edited.body.endswith("수정본")
    assert list(CommentRevision.objects.filter(comment=comment).values_list("body", flat=True)) == [
        f"@{name(cast, 'tf_staff')} 초안"
    ]
    assert notified(Kind.MENTIONED) == sorted([name(cast, "tf_staff"), name(cast, "tf_lead")])


def test_only_the_author_edits(cast):
    comment = post(cast, public_proposal(cast), "official")
    with pytest.raises(PermissionDenied):
        services.comment_edit(comment=comment, actor=cast["vice_governor"], body="남의 글")
    with pytest.raises(PermissionDenied):
        services.comment_edit(comment=comment, actor=cast["tf_staff"], body="운영자라도")


def test_posting_is_rate_limited(cast):
    proposal = public_proposal(cast)
    for n in range(services.RATE_LIMIT):
        post(cast, proposal, "official", f"의견 {n}")
    with pytest.raises(services.RateLimited):
        post(cast, proposal, "official", "하나 더")
    post(cast, proposal, "tf_staff", "다른 사람은 괜찮음")
    assert Comment.objects.filter(author=cast.people["official"]).count() == services.RATE_LIMIT
