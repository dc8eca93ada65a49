"""The in-app centre: one's own notifications only, filters, pagination, mark read
(page and htmx), the header badge and the preferences page."""

import pytest
from django.urls import reverse

from apps.notifications.models import Channel, Kind, Notification, NotificationPreference
from tests.factories import member

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def note(user, kind=Kind.DECIDED, title="[2026-51-0001] 검토 결과: 강릉 GB 해제", url="/proposals/1/", **fields):
    return Notification.objects.create(
        recipient=user, kind=kind, occasion_key=f"test:{Notification.objects.count()}", title=title, url=url, **fields
    )


@pytest.fixture
def official(db):
    return member("regional_official")


@pytest.fixture
def other(db):
    return member("regional_official")


@pytest.fixture
def signed_in(client, official):
    client.force_login(official)
    return client


def test_the_centre_needs_a_login(client):
    response = client.get(reverse("notification-list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_centre_lists_only_ones_own_notifications(signed_in, official, other):
    note(official, title="내 알림")
    note(other, title="남의 알림")
    response = signed_in.get(reverse("notification-list"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "내 알림" in content and "남의 알림" not in content
    assert "<h1" in content and "알림함" in content


def test_the_centre_filters_by_unread_and_kind(signed_in, official):
    note(official, title="읽은 결정", read_at="2026-01-01T00:00:00Z")
    note(official, title="새 결정")
    note(official, kind=Kind.ASSIGNED, title="새 배정")
    unread = signed_in.get(reverse("notification-list"), {"unread": "true"}).content.decode()
    assert "새 결정" in unread and "새 배정" in unread and "읽은 결정" not in unread
    decided = signed_in.get(reverse("notification-list"), {"kind": Kind.DECIDED}).content.decode()
    assert "새 결정" in decided and "읽은 결정" in decided and "새 배정" not in decided


def test_the_centre_paginates_and_answers_htmx_with_the_list_partial(signed_in, official):
    for index in range(25):
        note(official, title=f"알림 {index:02d}")
    page_two = signed_in.get(reverse("notification-list"), {"page": 2}, **HTMX)
    content = page_two.content.decode()
    assert page_two.status_code == 200
    assert "<html" not in content, "htmx gets the partial"
    assert "알림 00" in content and "알림 24" not in content
    assert "2/2쪽" in content
    assert page_two["Vary"].find("HX-Request") >= 0


def test_marking_read_one_notification(signed_in, official):
    item = note(official)
    response = signed_in.post(reverse("notification-read", args=[item.pk]))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.read_at is not None


def test_marking_read_with_htmx_returns_the_item_and_triggers_the_badge(signed_in, official):
    item = note(official)
    response = signed_in.post(reverse("notification-read", args=[item.pk]), **HTMX)
    assert response.status_code == 200
    assert response["HX-Trigger"] == "notifications-changed"
    content = response.content.decode()
    assert f'id="notification-{item.pk}"' in content and "is-unread" not in content


def test_nobody_marks_or_opens_another_persons_notification(signed_in, other):
    theirs = note(other)
    assert signed_in.post(reverse("notification-read", args=[theirs.pk])).status_code == 404
    assert signed_in.get(reverse("notification-open", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_marking_read_needs_post(signed_in, official):
    item = note(official)
    assert signed_in.get(reverse("notification-read", args=[item.pk])).status_code == 405


def test_mark_all_read_only_touches_ones_own(signed_in, official, other):
    mine = [note(official), note(official)]
    theirs = note(other)
    response = signed_in.post(reverse("notification-read-all"), **HTMX)
    assert response.status_code == 200 and response["HX-Trigger"] == "notifications-changed"
    assert all(Notification.objects.get(pk=n.pk).read_at for n in mine)
    assert Notification.objects.get(pk=theirs.pk).read_at is None
    plain = signed_in.post(reverse("notification-read-all"))
    assert plain.status_code == 302


def test_opening_a_notification_marks_it_read_and_goes_to_its_target(signed_in, official):
    item = note(official, url="/proposals/42/")
    response = signed_in.get(reverse("notification-open", args=[item.pk]))
    assert response.status_code == 302 and response["Location"] == "/proposals/42/"
    item.refresh_from_db()
    assert item.read_at is not None


def test_opening_never_redirects_off_site(signed_in, official):
    item = note(official, url="https://evil.example.com/")
    response = signed_in.get(reverse("notification-open", args=[item.pk]))
    assert response["Location"] == reverse("notification-list")


def test_the_badge_shows_the_unread_count_and_polls(signed_in, official, other):
    note(official)
    note(official)
    note(official, read_at="2026-01-01T00:00:00Z")
    note(other)
    response = signed_in.get(reverse("notification-badge"), **HTMX)
    content = response.content.decode()
    assert response.status_code == 200
    assert "읽지 않은 알림 2건" in content
    assert 'hx-get="/notifications/badge/"' in content
    assert "every 45s" in content and "notifications-changed from:body" in content
    assert "no-cache" in response["Cache-Control"]


def test_the_badge_is_empty_when_signed_out(client):
    response = client.get(reverse("notification-badge"), **HTMX)
    assert response.status_code == 204 and response.content == b""


def test_the_badge_partial_renders_in_any_page_for_the_signed_in(rf, official):
    from django.template.loader import render_to_string

    note(official)
    request = rf.get("/")
    request.user = official
    html = render_to_string("notifications/_badge.html", {"user": official}, request=request)
    assert "읽지 않은 알림 1건" in html


def test_preferences_show_the_role_defaults(signed_in):
    response = signed_in.get(reverse("notification-preferences"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "알림 설정" in content and "보완 요청" in content and "일일 요약 이메일" in content
    # An official hears of an information request at once by default.
    assert 'name="info_requested" value="immediate" id="id_info_requested_0" required checked' in content
    form = response.context["form"]
    assert form["info_requested"].initial == Channel.IMMEDIATE
    assert form["followup_updated"].initial == Channel.DIGEST


def test_saving_preferences(signed_in, official):
    data = dict.fromkeys(Kind.values, Channel.IMMEDIATE)
    data[Kind.DECIDED] = Channel.OFF
    data[Kind.ASSIGNED] = Channel.DIGEST
    response = signed_in.post(reverse("notification-preferences"), data)
    assert response.status_code == 302
    chosen = dict(NotificationPreference.objects.filter(user=official).values_list("kind", "channel"))
    assert chosen[Kind.DECIDED] == Channel.OFF and chosen[Kind.ASSIGNED] == Channel.DIGEST
    assert signed_in.get(reverse("notification-preferences")).context["form"]["decided"].initial == Channel.OFF


def test_invalid_preferences_are_refused_with_400(signed_in, official):
    response = signed_in.post(reverse("notification-preferences"), {Kind.DECIDED: "sometimes"})
    assert response.status_code == 400
    assert not NotificationPreference.objects.filter(user=official).exists()


def test_preferences_need_a_login(client):
    assert client.get(reverse("notification-preferences")).status_code == 302


def test_the_english_counter_counts_notifications_with_plurals(signed_in, official):
    note(official, title="하나", read_at="2026-01-01T00:00:00Z")
    english = {"HTTP_ACCEPT_LANGUAGE": "en"}
    one = signed_in.get(reverse("notification-list"), **english).content.decode()
    assert "1 notification · 0 unread" in one
    note(official, title="둘")
    two = signed_in.get(reverse("notification-list"), **english).content.decode()
    assert "2 notifications · 1 unread" in two and "proposals" not in two.split('id="notification-count"')[1][:200]
