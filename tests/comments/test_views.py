"""Comment threads post and reply without reloads (htmx), and work without JavaScript."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.comments.models import Comment, CommentReport
from apps.comments.services import RATE_LIMIT
from tests.comments.support import agenda_item, make_topic, post, private_proposal, public_proposal

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def html(response) -> str:
    return response.content.decode()


def test_the_proposal_page_carries_the_thread(login, cast):
    proposal = public_proposal(cast)
    post(cast, proposal, "tf_staff", "검토 의견입니다")
    page = html(login("official").get(f"/proposals/{proposal.pk}/"))
    assert f'id="comments-proposal-{proposal.pk}"' in page and "검토 의견입니다" in page
    assert 'hx-post="/comments/proposal/' in page


def test_posting_with_htmx_returns_the_new_thread(login, cast):
    proposal = public_proposal(cast)
    client = login("official")

    response = client.post(f"/comments/proposal/{proposal.pk}/", {"body": "**새 의견**"}, headers=HTMX)

    assert response.status_code == 200
    fragment = html(response)
    assert "<html" not in fragment and "<strong>새 의견</strong>" in fragment
    assert 'hx-swap-oob="true"' in fragment and "의견을 등록했습니다" in fragment
    comment = Comment.objects.get()
    assert (comment.author, comment.visibility) == (cast.people["official"], "internal")


def test_replying_with_htmx(login, cast):
    proposal = public_proposal(cast)
    parent = post(cast, proposal, "tf_staff", "질문")
    response = login("official").post(
        f"/comments/proposal/{proposal.pk}/", {"body": "답변", "parent": parent.pk}, headers=HTMX
    )
    assert response.status_code == 200 and "답글을 등록했습니다" in html(response)
    assert Comment.objects.get(body="답변").parent == parent


def test_posting_without_javascript_redirects_to_the_comment(login, cast):
    proposal = public_proposal(cast)
    response = login("official").post(f"/comments/proposal/{proposal.pk}/", {"body": "의견", "visibility": "public"})
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/proposals/{proposal.pk}/#comment-{comment.pk}"
    assert comment.visibility == "public"


@pytest.mark.parametrize(
    "data",
    [
        {"body": ""},
        {"body": "x" * 5001},
        {"body": "x", "visibility": "secret"},
        {"body": "x", "parent": "abc"},
        {"body": "x", "parent": "99999999999999999999999"},
        {"body": "x", "parent": "424242"},
    ],
)
def test_bad_input_is_400_in_korean_or_in_the_thread_for_htmx(login, cast, data):
    proposal = public_proposal(cast)
    client = login("official")
    plain = client.post(f"/comments/proposal/{proposal.pk}/", data)
    assert plain.status_code == 400
    assert "의견" in html(plain)
    partial = client.post(f"/comments/proposal/{proposal.pk}/", data, headers=HTMX)
    assert partial.status_code == 200 and "<html" not in html(partial)
    assert not Comment.objects.exists()


def test_a_public_comment_on_a_private_proposal_is_400(login, cast):
    proposal = private_proposal(cast)
    response = login("official").post(f"/comments/proposal/{proposal.pk}/", {"body": "x", "visibility": "public"})
    assert response.status_code == 400 and "공개되지 않은 글" in html(response)


def test_rate_limit_is_429_with_a_korean_message(login, cast):
    proposal = public_proposal(cast)
    client = login("official")
    for n in range(RATE_LIMIT):
        assert client.post(f"/comments/proposal/{proposal.pk}/", {"body": f"의견 {n}"}).status_code == 302
    response = client.post(f"/comments/proposal/{proposal.pk}/", {"body": "하나 더"})
    assert response.status_code == 429 and "너무 자주" in html(response)


@pytest.mark.parametrize("person", ["other_official", "forum_member", "advisor"])
def test_outsiders_may_not_post(login, cast, person):
    proposal = public_proposal(cast)
    private = private_proposal(cast, "비공개")
    client = login(person)
    # They may read a public proposal's public thread (403 to write); a private one is 404.
    assert client.post(f"/comments/proposal/{proposal.pk}/", {"body": "x"}).status_code == 403
    assert client.post(f"/comments/proposal/{private.pk}/", {"body": "x"}).status_code == 404
    assert not Comment.objects.exists()


def test_anonymous_visitors_read_public_threads_and_are_asked_to_log_in(client, cast):
    topic = make_topic(cast)
    post(cast, topic, "forum_member", "공개 의견", visibility="public")
    post(cast, topic, "forum_member", "내부 의견")
    page = html(client.get(f"/meetings/forum/topics/{topic.pk}/"))
    assert "공개 의견" in page and "내부 의견" not in page and "로그인" in page
    assert client.post(f"/comments/topic/{topic.pk}/", {"body": "x"}).status_code == 403


@pytest.mark.parametrize("path", ["/comments/unknown/1/", "/comments/proposal/0/", "/comments/topic/999999/"])
def test_unknown_targets_are_404(client, cast, path):
    assert client.get(path).status_code == 404


def test_forum_members_discuss_on_the_topic_page(login, cast):
    topic = make_topic(cast, forum_only=True)
    response = login("forum_member").post(f"/comments/topic/{topic.pk}/", {"body": "위원 의견"}, headers=HTMX)
    assert response.status_code == 200 and "위원 의견" in html(response)
    assert login("official").post(f"/comments/topic/{topic.pk}/", {"body": "x"}).status_code == 404


def test_agenda_item_page_carries_its_thread(login, cast):
    item = agenda_item(cast, invite=["vice_governor"])
    client = login("vice_governor")
    assert client.post(f"/comments/agenda/{item.pk}/", {"body": "안건 의견"}).status_code == 302
    page = html(client.get(f"/meetings/{item.meeting_id}/agenda/{item.pk}/"))
    assert "안건 의견" in page
    assert login("other_official").post(f"/comments/agenda/{item.pk}/", {"body": "x"}).status_code == 403


def test_editing_reporting_hiding_with_htmx(login, cast):
    proposal = public_proposal(cast)
    comment = post(cast, proposal, "official", "초안")

    edited = login("official").post(f"/comments/{comment.pk}/edit/", {"body": "수정본"}, headers=HTMX)
    assert edited.status_code == 200 and "수정본" in html(edited) and "수정됨" in html(edited)
    assert login("vice_governor").post(f"/comments/{comment.pk}/edit/", {"body": "남의 글"}).status_code == 403

    reported = login("vice_governor").post(f"/comments/{comment.pk}/report/", {"reason": "오류"}, headers=HTMX)
    assert reported.status_code == 200 and CommentReport.objects.count() == 1
    assert login("vice_governor").post(f"/comments/{comment.pk}/report/", {"reason": "또"}).status_code == 409

    assert login("official").post(f"/comments/{comment.pk}/hide/", {"reason": "x"}).status_code == 403
    assert login("tf_staff").post(f"/comments/{comment.pk}/hide/", {"reason": ""}).status_code == 400
    hidden = login("tf_staff").post(f"/comments/{comment.pk}/hide/", {"reason": "사실과 다름"}, headers=HTMX)
    assert hidden.status_code == 200 and "사실과 다름" in html(hidden)
    assert login("vice_governor").post(f"/comments/{comment.pk}/report/", {"reason": "x"}).status_code == 404
    assert login("tf_staff").post(f"/comments/{comment.pk}/unhide/").status_code == 302


def test_moderation_page_both_ways(login, cast):
    comment = post(cast, public_proposal(cast), "official", "신고된 의견")
    login("vice_governor").post(f"/comments/{comment.pk}/report/", {"reason": "비방"})
    page = login("tf_staff").get("/comments/moderation/")
    assert page.status_code == 200 and "비방" in html(page) and "신고된 의견" in html(page)
    report = CommentReport.objects.get()
    assert login("tf_staff").post(f"/comments/reports/{report.pk}/dismiss/").status_code == 302
    for person in ("official", "forum_member", "minister", "lead_reviewer"):
        assert login(person).get("/comments/moderation/").status_code == 403
        assert login(person).post(f"/comments/reports/{report.pk}/dismiss/").status_code == 403


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("person", ["official", "tf_staff"])
def test_proposal_page_query_count_is_constant_in_comments(login, cast, person):
    proposal = public_proposal(cast)
    first = post(cast, proposal, "official", "의견 0")
    post(cast, proposal, "tf_staff", "답", parent=first)
    client = login(person)
    small = count_queries(client, f"/proposals/{proposal.pk}/")
    for n in range(1, 6):
        parent = Comment.objects.create(proposal=proposal, author=cast.people["vice_governor"], body=f"의견 {n}")
        Comment.objects.create(proposal=proposal, author=cast.people["tf_lead"], body="답", parent=parent)
    from apps.comments.services import comment_edit

    comment_edit(comment=first, actor=cast["official"], body="고친 의견")
    assert count_queries(client, f"/proposals/{proposal.pk}/") == small


def test_topic_page_query_count_is_constant_in_comments(client, cast):
    topic = make_topic(cast)
    post(cast, topic, "forum_member", "의견", visibility="public")
    small = count_queries(client, f"/meetings/forum/topics/{topic.pk}/")
    for n in range(6):
        Comment.objects.create(topic=topic, author=cast.people["forum_member2"], body=f"의견 {n}", visibility="public")
    assert count_queries(client, f"/meetings/forum/topics/{topic.pk}/") == small
