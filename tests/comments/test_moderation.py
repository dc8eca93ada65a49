"""Reports go to moderators, who hide with a reason: the comment disappears for everyone
but moderators and its author, who sees why, and the author is told."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from apps.comments import services
from apps.comments.models import CommentReport, ReportState, Visibility
from apps.comments.selectors import thread_for, visible_comments
from apps.notifications.models import Kind, Notification
from tests.comments.support import make_topic, post, public_proposal

pytestmark = pytest.mark.django_db


def shown_ids(user, target):
    return {comment.pk for comment in visible_comments(user, target)[0]}


@pytest.fixture
def hidden(cast):
    proposal = public_proposal(cast)
    comment = post(cast, proposal, "official", "부적절한 표현이 담긴 의견", visibility=Visibility.PUBLIC)
    services.comment_report(comment=comment, actor=cast["vice_governor"], reason="비방")
    return proposal, services.comment_hide(comment=comment, actor=cast["tf_staff"], reason="운영 원칙 위반(비방)")


@pytest.mark.parametrize("person", ["vice_governor", "liaison", "lead_reviewer", "other_official", "forum_member"])
def test_a_hidden_comment_disappears_for_others(cast, hidden, person):
    proposal, comment = hidden
    assert comment.pk not in shown_ids(cast[person], proposal)
    assert not cast[person].has_perm("comments.view_comment", comment)


def test_a_hidden_comment_disappears_for_the_public(cast, hidden, client):
    proposal, comment = hidden
    assert comment.pk not in shown_ids(AnonymousUser(), proposal)
    body = client.get(f"/api/v1/proposals/{proposal.pk}/comments/").json()
    assert body["count"] == 0


@pytest.mark.parametrize("person", ["tf_staff", "tf_lead", "admin"])
def test_moderators_still_see_it_with_the_reason(cast, hidden, person, client):
    proposal, comment = hidden
    assert comment.pk in shown_ids(cast[person], proposal)
    client.force_login(cast.people[person])
    page = client.get(f"/proposals/{proposal.pk}/").content.decode()
    assert "부적절한 표현이 담긴 의견" in page and "운영 원칙 위반(비방)" in page


def test_the_author_sees_it_and_why(cast, hidden, client):
    proposal, _comment = hidden
    client.force_login(cast.people["official"])
    page = client.get(f"/proposals/{proposal.pk}/").content.decode()
    assert "부적절한 표현이 담긴 의견" in page
    assert "운영자가 이 댓글을 숨겼습니다" in page and "운영 원칙 위반(비방)" in page
    api = client.get(f"/api/v1/proposals/{proposal.pk}/comments/").json()["results"]
    assert [(row["is_hidden"], row["hidden_reason"]) for row in api] == [(True, "운영 원칙 위반(비방)")]


def test_others_pages_do_not_show_it(cast, hidden, client):
    proposal, _comment = hidden
    client.force_login(cast.people["vice_governor"])
    assert "부적절한 표현이 담긴 의견" not in client.get(f"/proposals/{proposal.pk}/").content.decode()


def test_the_author_is_told_and_reports_are_resolved(cast, hidden):
    _proposal, comment = hidden
    notification = Notification.objects.get(recipient=cast.people["official"], occasion_key__startswith="comment:")
    assert notification.kind == Kind.COMMENT_HIDDEN
    assert "숨겼습니다" in notification.title and notification.url.endswith(f"#comment-{comment.pk}")
    assert "운영 원칙 위반(비방)" in notification.body
    assert CommentReport.objects.get().state == ReportState.HIDDEN


def test_only_the_author_hears_that_a_comment_was_hidden(cast, hidden):
    told = Notification.objects.filter(kind=Kind.COMMENT_HIDDEN).values_list("recipient__username", flat=True)
    assert list(told) == [cast.people["official"].username]


def test_replies_to_a_hidden_comment_stay_visible_higher_up(cast):
    proposal = public_proposal(cast)
    parent = post(cast, proposal, "official", "원글")
    reply = post(cast, proposal, "tf_staff", "답글", parent=parent)
    services.comment_hide(comment=parent, actor=cast["tf_lead"], reason="중복")

    thread = thread_for(cast["vice_governor"], proposal)

    assert [node.comment.pk for node in thread.nodes] == [reply.pk]


@pytest.mark.parametrize("person", ["official", "vice_governor", "minister", "forum_member", "lead_reviewer"])
def test_non_moderators_may_not_hide(cast, person):
    topic = make_topic(cast)
    comment = post(cast, topic, "forum_member2", "의견")
    with pytest.raises((PermissionDenied, Exception)) as error:
        services.comment_hide(comment=comment, actor=cast[person], reason="싫음")
    assert error.type.__name__ in ("PermissionDenied", "Http404")
    comment.refresh_from_db()
    assert not comment.is_hidden


def test_hiding_needs_a_reason_and_happens_once(cast):
    comment = post(cast, public_proposal(cast), "official")
    with pytest.raises(Exception) as missing:
        services.comment_hide(comment=comment, actor=cast["tf_staff"], reason=" ")
    assert missing.type.__name__ == "ValidationError"
    services.comment_hide(comment=comment, actor=cast["tf_staff"], reason="사유")
    with pytest.raises(services.CommentConflict):
        services.comment_hide(comment=comment, actor=cast["tf_staff"], reason="사유")


def test_unhiding_restores_it(cast):
    proposal = public_proposal(cast)
    comment = post(cast, proposal, "official")
    services.comment_hide(comment=comment, actor=cast["tf_staff"], reason="사유")
    services.comment_unhide(comment=comment, actor=cast["admin"])
    assert comment.pk in shown_ids(cast["vice_governor"], proposal)


def test_reports(cast):
    comment = post(cast, public_proposal(cast), "official")
    with pytest.raises(PermissionDenied):
        services.comment_report(comment=comment, actor=cast["official"], reason="내 글")
    services.comment_report(comment=comment, actor=cast["vice_governor"], reason="오류")
    with pytest.raises(services.CommentConflict):
        services.comment_report(comment=comment, actor=cast["vice_governor"], reason="또")
    report = CommentReport.objects.get()
    services.report_dismiss(report=report, actor=cast["tf_staff"])
    assert CommentReport.objects.get().state == ReportState.DISMISSED
    with pytest.raises(PermissionDenied):
        services.report_dismiss(report=report, actor=cast["official"])


def test_a_hidden_comment_cannot_be_edited_or_replied_to(cast):
    proposal = public_proposal(cast)
    comment = post(cast, proposal, "official")
    services.comment_hide(comment=comment, actor=cast["tf_staff"], reason="사유")
    comment.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.comment_edit(comment=comment, actor=cast["official"], body="고침")
    with pytest.raises(Exception) as error:
        post(cast, proposal, "official", "답", parent=comment)
    assert error.type.__name__ == "ValidationError"
