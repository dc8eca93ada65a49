"""@mentions by name: suggestions only of people who may see the comment being written,
stored as a link to the person, shown by name and organisation — never a login ID."""

import pytest
from django.urls import reverse

from apps.accounts.models import User
from apps.comments import mentions
from apps.comments.models import Visibility
from apps.core.markdown import render_markdown
from apps.notifications.models import Kind, Notification
from tests.comments.support import post, public_proposal

pytestmark = pytest.mark.django_db


def named(cast, person, name, affiliation):
    user = cast.people[person]
    User.objects.filter(pk=user.pk).update(name=name, affiliation=affiliation)
    user.refresh_from_db()
    return user


@pytest.fixture
def people(cast):
    return {
        "tf": named(cast, "tf_staff", "김가람", "국토교통부 균형발전지원단"),
        "busan": named(cast, "other_official", "김부산", "부산광역시"),
    }


def suggest(client, proposal, mention, visibility=""):
    url = reverse("comment-mention-suggestions", args=["proposal", proposal.pk])
    return client.get(url, {"mention": mention, "visibility": visibility})


def test_an_internal_comment_suggests_only_people_who_may_read_it(cast, people, client):
    proposal = public_proposal(cast)
    client.force_login(cast["official"])
    page = suggest(client, proposal, "김").content.decode()
    assert mentions.token_for(people["tf"]) in page and "김가람 · 국토교통부 균형발전지원단" in page
    assert "김부산" not in page  # 부산's official may not read 강원's internal comments
    assert people["tf"].username not in page


def test_a_public_comment_suggests_anyone_who_may_read_it(cast, people, client):
    proposal = public_proposal(cast)
    client.force_login(cast["official"])
    page = suggest(client, proposal, "김", Visibility.PUBLIC).content.decode()
    assert "김부산 · 부산광역시" in page and "김가람" in page


def test_only_participants_may_ask_for_suggestions(cast, people, client):
    proposal = public_proposal(cast)
    client.force_login(cast["other_official"])  # reads the public proposal, may not comment
    assert suggest(client, proposal, "김").status_code == 404
    client.logout()
    assert suggest(client, proposal, "김").status_code == 302


def test_a_chosen_mention_notifies_and_is_shown_by_name_and_organisation(cast, people, client):
    proposal = public_proposal(cast)
    token = mentions.token_for(people["tf"])
    post(cast, proposal, "official", f"{token} 검토 일정 확인 부탁드립니다", visibility=Visibility.PUBLIC)
    notified = Notification.objects.filter(kind=Kind.MENTIONED).values_list("recipient_id", flat=True)
    assert list(notified) == [people["tf"].pk]
    page = client.get(reverse("portal-proposal-detail", args=[proposal.pk])).content.decode()
    client.force_login(cast["official"])
    staff = client.get(reverse("proposal-detail", args=[proposal.pk])).content.decode()
    for html in (staff, page):
        if '<div class="comment-body site-prose">' not in html:
            continue  # the public page lists no comments
        shown = html.split('<div class="comment-body site-prose">')[1].split("</div>")[0]
        assert shown.startswith('<p><span class="comment-mention">@김가람<span class="comment-meta"> · 국토교통부')
        assert people["tf"].username not in shown and "person:" not in shown


def test_an_older_login_id_mention_is_shown_by_name(cast, people):
    body = f"검토: @{people['busan'].username}, @nobody-at-all 그리고 a@b.example"
    html = mentions.render(body, mentions.people_mentioned([body]), render_markdown)
    assert "@김부산" in html and people["busan"].username not in html
    assert "@nobody-at-all" in html and "a@b.example" in html


def test_mentions_cannot_inject_markup(cast, people):
    User.objects.filter(pk=people["tf"].pk).update(name="<b>김</b>", affiliation='"><script>')
    body = mentions.token_for(User.objects.get(pk=people["tf"].pk)) + " \ue0000\ue001"
    html = mentions.render(body, mentions.people_mentioned([body]), render_markdown)
    assert "<script>" not in html and "<b>" not in html and "&lt;b&gt;김&lt;/b&gt;" in html


def test_published_minutes_show_mentions_by_name(cast, people):
    html = mentions.render_text(f"## 발언\n\n@{people['busan'].username}: 순환도로 조기 착공 요청")
    assert '@김부산<span class="comment-meta"> · 부산광역시</span>' in html
    assert people["busan"].username not in html
