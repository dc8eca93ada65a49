import pytest
from django.urls import reverse

from apps.notifications.models import EmailState, Kind, Notification
from tests.factories import member

pytestmark = pytest.mark.django_db


def note(user, **fields):
    return Notification.objects.create(
        recipient=user, kind=Kind.DECIDED, occasion_key=f"r:{Notification.objects.count()}", title="t", **fields
    )


def test_operators_see_failures_filter_by_state_and_resend(admin_client, django_capture_on_commit_callbacks):
    owner = member("regional_official")
    failed = note(owner, email_state=EmailState.FAILED, email_attempts=6, last_error="SMTPRecipientsRefused: 550")
    note(owner, email_state=EmailState.SENT)
    changelist = reverse("admin:notifications_notification_changelist")
    response = admin_client.get(changelist, {"email_state__exact": "failed"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "SMTPRecipientsRefused: 550" in content and "발송 실패" in content
    assert admin_client.get(reverse("admin:notifications_notification_change", args=[failed.pk])).status_code == 200
    assert admin_client.get(reverse("admin:notifications_notification_add")).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(changelist, {"action": "resend", "_selected_action": [failed.pk]})
    failed.refresh_from_db()
    assert failed.email_state == EmailState.SENT and failed.email_attempts == 1
