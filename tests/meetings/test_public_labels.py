"""What a public meeting page shows: no internal labels, people by name, never login IDs."""

import pytest
from django.urls import reverse

from apps.meetings.models import AgendaItem
from apps.meetings.models import MeetingStatus as M
from tests.meetings.support import make_meeting

pytestmark = pytest.mark.django_db


def test_the_public_meeting_page_has_no_internal_label_and_no_login_ids(cast, client):
    speaker = cast["vice_governor"]
    meeting = make_meeting(cast, status=M.MINUTES_PUBLISHED, minutes=f"## 회의 결과\n\n@{speaker.username} 발언")
    AgendaItem.objects.create(meeting=meeting, position=1, title="지역 현안", suggested=True)
    assert meeting.is_open_to_public

    public = client.get(reverse("meeting-detail", args=[meeting.pk])).content.decode()
    assert "지역 현안" in public and "지역 과제 자동 제안" not in public
    assert f"@{speaker.username}" not in public and f"@{speaker.get_full_name()}" in public

    client.force_login(cast["tf_staff"])
    staff = client.get(reverse("meeting-detail", args=[meeting.pk])).content.decode()
    assert "지역 과제 자동 제안" in staff  # the TF still sees where the item came from


def test_the_meeting_time_names_the_weekday_in_the_readers_language(cast):
    import datetime

    from django.utils import timezone, translation

    from apps.meetings.services import when_text

    friday = timezone.make_aware(datetime.datetime(2026, 12, 4, 14, 0))
    meeting = make_meeting(cast, starts_at=friday)
    with translation.override("ko"):
        assert when_text(meeting).startswith("2026-12-04(금) 14:00")
    with translation.override("en"):
        assert when_text(meeting).startswith("2026-12-04(Fri) 14:00")
