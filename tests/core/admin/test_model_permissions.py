"""The admin decides with Django model permissions, never the workflow rules: a
superuser without any workflow role maintains every table, a staff member without model
permissions is refused, and one given a model permission gets exactly that."""

import pytest
import rules
from django.contrib import admin
from django.contrib.auth import get_permission_codename
from django.contrib.auth.models import Permission
from django.urls import reverse

from apps.accounts.models import User
from apps.core.admin import ModelPermissionsAdminMixin
from apps.proposals.models import ProposalStatus as S
from tests.meetings.support import MeetingCast, make_meeting, make_topic
from tests.proposals.support import proposal_in

pytestmark = pytest.mark.django_db

PROJECT_ADMINS = [
    model_admin for model_admin in admin.site._registry.values() if type(model_admin).__module__.startswith("apps.")
]


@pytest.fixture
def rows():
    cast = MeetingCast()
    return {"proposal": proposal_in(cast, S.SUBMITTED), "meeting": make_meeting(cast), "user": cast["official"]}


def _client_for(client, user):
    client.force_login(user)
    return client


def _pages(rows):
    return [
        reverse("admin:proposals_proposal_changelist"),
        reverse("admin:proposals_proposal_change", args=[rows["proposal"].pk]),
        reverse("admin:meetings_meeting_changelist"),
        reverse("admin:meetings_meeting_change", args=[rows["meeting"].pk]),
        reverse("admin:accounts_user_changelist"),
        reverse("admin:accounts_user_change", args=[rows["user"].pk]),
    ]


def test_a_superuser_without_workflow_roles_maintains_the_data(client, rows):
    root = User.objects.create_superuser("root", "root@example.go.kr", "pw-1234!")
    assert not root.has_perm("proposals.view_proposal", rows["proposal"])  # no workflow power …
    client = _client_for(client, root)

    for url in _pages(rows):
        assert client.get(url).status_code == 200, url  # … and the admin still works
    index = client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:proposals_proposal_changelist") in index
    assert reverse("admin:meetings_meeting_changelist") in index


def test_a_superuser_may_still_correct_what_the_admin_lets_it(client):
    # meetings.change_forumtopic is a rule (the manager or the forum chair) and a model permission.
    topic = make_topic(MeetingCast())
    client = _client_for(client, User.objects.create_superuser("root", "root@example.go.kr", "pw-1234!"))

    response = client.post(reverse("admin:meetings_forumtopic_change", args=[topic.pk]), {"title": "고친 제목"})

    assert response.status_code == 302
    topic.refresh_from_db()
    assert topic.title == "고친 제목"


def test_staff_without_model_permissions_is_refused(client, rows):
    clerk = User.objects.create_user("clerk", "clerk@example.go.kr", "pw-1234!", is_staff=True)
    client = _client_for(client, clerk)

    for url in _pages(rows):
        assert client.get(url).status_code == 403, url
    assert reverse("admin:proposals_proposal_changelist") not in client.get(reverse("admin:index")).content.decode()


def test_staff_holding_a_workflow_role_gets_nothing_in_the_admin_from_it(client, rows):
    """A TF member passes the rule ``proposals.view_proposal``; the admin asks the model
    permission of the same name, which they do not hold."""
    tf = MeetingCast().people["tf_staff"]
    tf.is_staff = True
    tf.save()
    assert tf.has_perm("proposals.view_proposal", rows["proposal"])

    assert _client_for(client, tf).get(reverse("admin:proposals_proposal_changelist")).status_code == 403


def test_staff_with_a_view_permission_reads_but_cannot_change(client, rows):
    clerk = User.objects.create_user("clerk", "clerk@example.go.kr", "pw-1234!", is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(content_type__app_label="meetings", codename="view_meeting"))
    client = _client_for(client, clerk)
    meeting = rows["meeting"]

    assert client.get(reverse("admin:meetings_meeting_changelist")).status_code == 200
    assert client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk])).status_code == 200
    refused = client.post(reverse("admin:meetings_meeting_change", args=[meeting.pk]), {"title": "바꾼 제목"})
    assert refused.status_code == 403
    assert client.get(reverse("admin:proposals_proposal_changelist")).status_code == 403


@pytest.mark.parametrize("model_admin", PROJECT_ADMINS, ids=lambda model_admin: model_admin.opts.label)
def test_every_project_admin_and_inline_uses_model_permissions(model_admin):
    assert isinstance(model_admin, ModelPermissionsAdminMixin)
    for inline in model_admin.inlines:
        assert issubclass(inline, ModelPermissionsAdminMixin), inline


@pytest.mark.parametrize(
    "model_admin",
    [model_admin for model_admin in admin.site._registry.values() if model_admin not in PROJECT_ADMINS],
    ids=lambda model_admin: model_admin.opts.label,
)
def test_other_admins_have_no_model_permission_named_like_a_rule(model_admin):
    opts = model_admin.opts
    for action in ("view", "add", "change", "delete"):
        assert not rules.perm_exists(f"{opts.app_label}.{get_permission_codename(action, opts)}")
