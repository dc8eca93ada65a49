"""``GET, POST /api/v1/proposals/{id}/comments/``."""

import pytest

from apps.comments.models import Comment
from apps.notifications.models import Kind, Notification
from tests.comments.support import post, private_proposal, public_proposal

pytestmark = pytest.mark.django_db


def url(proposal):
    return f"/api/v1/proposals/{proposal.pk}/comments/"


def test_list_is_paginated_and_scoped(api_client, cast):
    proposal = public_proposal(cast)
    parent = post(cast, proposal, "official", "내부 의견")
    post(cast, proposal, "tf_staff", "공개 답", visibility="public")
    post(cast, proposal, "tf_staff", "내부 답", parent=parent)

    public = api_client.get(url(proposal)).json()
    assert public["count"] == 1 and public["results"][0]["body"] == "공개 답"
    api_client.force_authenticate(cast.people["official"])
    inside = api_client.get(url(proposal)).json()
    assert [row["body"] for row in inside["results"]] == ["내부 의견", "공개 답", "내부 답"]
    assert inside["results"][2]["parent"] == parent.pk
    assert inside["results"][0]["author"]["username"] == cast.people["official"].username


def test_post_creates_a_comment_and_notifies_mentions(api_client, cast):
    proposal = public_proposal(cast)
    api_client.force_authenticate(cast.people["official"])
    username = cast.people["tf_lead"].username

    response = api_client.post(url(proposal), {"body": f"@{username} 검토 요청", "visibility": "public"}, format="json")

    assert response.status_code == 201
    assert response.json()["visibility"] == "public" and "검토 요청" in response.json()["body_html"]
    mentioned = Notification.objects.filter(kind=Kind.MENTIONED).values_list("recipient__username", flat=True)
    assert list(mentioned) == [username]


@pytest.mark.parametrize(
    ("person", "status"),
    [(None, 401), ("other_official", 403), ("forum_member", 403), ("lead_reviewer", 201)],
)
def test_who_may_post_on_a_public_proposal(api_client, cast, person, status):
    proposal = public_proposal(cast)
    if person:
        api_client.force_authenticate(cast.people[person])
    assert api_client.post(url(proposal), {"body": "의견"}, format="json").status_code == status


@pytest.mark.parametrize("person", [None, "other_official", "forum_member", "other_reviewer"])
def test_a_proposal_the_caller_may_not_see_is_404(api_client, cast, person):
    proposal = private_proposal(cast)
    if person:
        api_client.force_authenticate(cast.people[person])
    assert api_client.get(url(proposal)).status_code == 404
    if person:
        assert api_client.post(url(proposal), {"body": "x"}, format="json").status_code == 404
    assert api_client.get("/api/v1/proposals/99999999/comments/").status_code == 404


GARBAGE = [
    ("not json{", "application/json"),
    (b"\xff\xfe\x00", "application/json"),
    ('["a"]', "application/json"),
    ("null", "application/json"),
    ('{"body": "a\\u0000b"}', "application/json"),
    ('{"body": ""}', "application/json"),
    ('{"body": "x", "visibility": "everyone"}', "application/json"),
    ('{"body": "x", "parent": "abc"}', "application/json"),
    ('{"body": "x", "parent": 99999999999999999999999}', "application/json"),
    ('{"body": "x", "parent": 424242}', "application/json"),
    ('{"a": ' * 200 + "1" + "}" * 200, "application/json"),
    ("--x\r\nbroken", "multipart/form-data; boundary=x"),
]


@pytest.mark.parametrize(("body", "content_type"), GARBAGE)
def test_malformed_posts_are_400(api_client, cast, body, content_type):
    proposal = public_proposal(cast)
    api_client.force_authenticate(cast.people["official"])
    response = api_client.generic("POST", url(proposal), body, content_type=content_type)
    assert response.status_code == 400
    assert response.json()
    assert not Comment.objects.exists()


def test_public_on_a_private_proposal_is_400(api_client, cast):
    proposal = private_proposal(cast)
    api_client.force_authenticate(cast.people["official"])
    response = api_client.post(url(proposal), {"body": "x", "visibility": "public"}, format="json")
    assert response.status_code == 400 and "visibility" in response.json()


def test_rate_limit_is_429(api_client, cast):
    from apps.comments.services import RATE_LIMIT

    proposal = public_proposal(cast)
    api_client.force_authenticate(cast.people["official"])
    for n in range(RATE_LIMIT):
        assert api_client.post(url(proposal), {"body": f"{n}"}, format="json").status_code == 201
    response = api_client.post(url(proposal), {"body": "more"}, format="json")
    assert response.status_code == 429 and "너무 자주" in response.json()["detail"]


def test_public_readers_see_name_and_organisation_never_a_login_id(api_client, cast):
    proposal = public_proposal(cast)
    author = cast.people["tf_staff"]
    post(cast, proposal, "tf_staff", "공개 답", visibility="public")

    body = api_client.get(url(proposal)).content.decode()

    assert api_client.get(url(proposal)).json()["results"][0]["author"] == {
        "name": author.name,
        "organisation": author.affiliation,
    }
    assert author.username not in body and author.email not in body


def test_public_readers_never_see_the_login_id_of_a_person_without_a_name(api_client, cast):
    proposal = public_proposal(cast)
    author = cast.people["tf_staff"]
    type(author).objects.filter(pk=author.pk).update(name="")
    post(cast, proposal, "tf_staff", "공개 답", visibility="public")

    row = api_client.get(url(proposal)).json()["results"][0]

    assert row["author"]["name"] == "이름 미등록 사용자"
    assert author.username not in str(row)
