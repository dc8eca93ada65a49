"""The meetings and comments admins: read-mostly lists and forms for operators."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.meetings.support import admin_rows

pytestmark = pytest.mark.django_db

MINE = sorted(
    (model for model in admin.site._registry if model._meta.app_label in ("meetings", "comments")),
    key=lambda model: model._meta.label,
)


def _url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_the_domain_models_are_registered():
    assert {model._meta.label for model in MINE} == {
        "meetings.Meeting",
        "meetings.ForumTopic",
        "meetings.Recommendation",
        "comments.Comment",
        "comments.CommentReport",
    }


@pytest.mark.parametrize("model", MINE, ids=lambda model: model._meta.label)
def test_admin_pages_load_and_records_come_only_from_the_platform(admin_client, model):
    admin_rows()
    assert admin_client.get(_url(model, "changelist")).status_code == 200
    assert admin_client.get(_url(model, "changelist"), {"q": "강원"}).status_code == 200
    assert admin_client.get(_url(model, "change", model._default_manager.first().pk)).status_code == 200
    assert admin_client.get(_url(model, "add")).status_code == 403


def test_non_staff_are_sent_to_the_login(client, make_member):
    client.force_login(make_member("tf_staff"))
    response = client.get(_url(MINE[0], "changelist"))
    assert response.status_code == 302
