"""The text policy (apps/core/text.py): control characters are refused at every input
with a Korean field error, and every writer gives a safe file for rows stored before it.
Each reproducer of issue 13 is a test here."""

import io
import types

import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from apps.core.text import MESSAGE, clean_stored_text, clean_text, has_control_characters
from apps.proposals.models import Proposal
from apps.proposals.models import ProposalStatus as S
from tests.portal.support import decided
from tests.proposals.support import Cast, new_draft, proposal_in

pytestmark = pytest.mark.django_db

HOSTILE = "제어\u0001문자"


@pytest.fixture
def cast(db):
    return Cast()


def stored_with_control_characters(proposal):
    """A row as stored before the policy: written past every input."""
    Proposal.objects.filter(pk=proposal.pk).update(title=HOSTILE, decision_summary="요지\u0085\u0007")
    return proposal


@pytest.mark.parametrize("text", ["\x00", "a\x01b", "\x1b[31m", "\x7f", "\x85", "\x9f", "\ud800", "\uffff"])
def test_control_characters_are_refused_and_cleaned(text):
    assert has_control_characters(text)
    assert not has_control_characters(clean_text(text))


@pytest.mark.parametrize("text", ["한글 제목", "탭\t줄\n바꿈\r\n", "emoji 🚆", "\u00a0nbsp", ""])
def test_ordinary_text_passes(text):
    assert not has_control_characters(text)
    assert clean_text(text) == text


# --- inputs ----------------------------------------------------------------------------


def test_web_form_gives_a_korean_field_error(client, cast):
    from tests.proposals.views.test_form import form_data

    client.force_login(cast["official"])
    response = client.post(reverse("proposal-new"), form_data(cast, title=HOSTILE, intent="draft"))

    assert response.status_code == 400
    assert str(MESSAGE) in response.content.decode()
    assert not Proposal.objects.exists()


def test_web_form_of_another_field_type_is_refused_too(client, cast):
    client.force_login(cast["official"])
    response = client.post(reverse("proposal-new"), {"region": "\x00", "title": "제목", "intent": "draft"})

    assert response.status_code == 400
    assert str(MESSAGE) in response.content.decode()


def test_api_body_gives_a_field_error_shaped_like_the_body(cast):
    api = APIClient()
    api.force_authenticate(cast["official"])

    response = api.post("/api/v1/proposals/", {"title": HOSTILE, "strategies": ["a\x00"]}, format="json")

    assert response.status_code == 400
    assert response.json() == {"title": [str(MESSAGE)], "strategies": [[str(MESSAGE)]]}
    assert not Proposal.objects.exists()


def test_api_form_body_is_refused_too(cast):
    api = APIClient()
    api.force_authenticate(cast["official"])

    response = api.post("/api/v1/proposals/", {"title": HOSTILE}, format="multipart")

    assert response.status_code == 400
    assert response.json() == {"title": [str(MESSAGE)]}


@pytest.mark.parametrize(
    "url",
    [
        "/exchange/export/proposals/?q=%01",
        "/public/proposals/?q=%00",
        "/api/v1/proposals/?search=%1b",
        "/public/proposals/download.csv?region=%C2%85",
    ],
)
def test_query_string_with_a_control_character_is_400(client, cast, url):
    client.force_login(cast["tf_staff"])

    response = client.get(url)

    assert response.status_code == 400
    assert str(MESSAGE) in response.content.decode()


@pytest.mark.parametrize(
    "url", ["/bodies/%00/", "/meetings/feeds/bodies/%00.ics", "/api/v1/proposals/%00/", "/bodies/a%01b/"]
)
def test_path_with_a_control_character_is_404(client, url):
    assert client.get(url).status_code == 404


def test_import_row_with_a_control_character_is_refused(cast):
    from apps.exchange.validation import RowChecker

    checker = RowChecker(cast["official"])
    result = checker.check(2, {"title": HOSTILE, "region": "강원\x00", "summary": "요약", "category": "기타"})

    assert not result.ok
    assert ("제목", str(MESSAGE)) in result.errors
    assert "title" not in result.fields


# --- outputs: rows stored before the policy ------------------------------------------------


def test_region_edits_a_draft_stored_with_control_characters(client, cast):
    from tests.proposals.views.test_form import form_data

    draft = new_draft(cast)
    Proposal.objects.filter(pk=draft.pk).update(title=HOSTILE)
    client.force_login(cast["official"])

    page = client.get(reverse("proposal-edit", args=[draft.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "\x01" not in html and 'value="제어문자"' in html

    response = client.post(reverse("proposal-edit", args=[draft.pk]), form_data(cast, title="제어문자", intent="draft"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "제어문자"


def test_public_downloads_of_stored_control_characters_are_safe(client, cast):
    stored_with_control_characters(decided(cast, "accepted"))

    for fmt in ("xlsx", "csv", "json"):
        response = client.get(reverse("portal-export", args=[fmt]))
        assert response.status_code == 200, fmt
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if fmt == "xlsx":
            rows = list(load_workbook(io.BytesIO(body), read_only=True).active.iter_rows(values_only=True))
            assert rows[1][1] == "제어문자"
        else:
            assert b"\x01" not in body and "제어".encode() in body


@pytest.mark.parametrize("name", ["portal-feed-rss", "portal-feed-atom"])
def test_decision_feeds_of_stored_control_characters_are_safe(client, cast, name):
    stored_with_control_characters(decided(cast, "accepted"))

    response = client.get(reverse(name))

    assert response.status_code == 200
    assert "제어문자" in response.content.decode()


def test_staff_export_of_stored_control_characters_is_safe(client, cast):
    stored_with_control_characters(proposal_in(cast, S.SUBMITTED))
    client.force_login(cast["tf_staff"])

    response = client.get(reverse("exchange-export-proposals"))

    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))
    assert rows[1][1] == "제어문자"


def test_data_migration_cleans_stored_rows(cast):
    proposal = stored_with_control_characters(new_draft(cast))
    untouched = new_draft(cast, "그대로인 제목")

    clean_stored_text(django_apps, types.SimpleNamespace(connection=connection), "proposals")

    proposal.refresh_from_db()
    assert proposal.title == "제어문자" and proposal.decision_summary == "요지"
    assert Proposal.objects.get(pk=untouched.pk).title == "그대로인 제목"


def test_every_form_keeps_the_text_policy():
    from django import forms

    from apps.core.forms import TextPolicyFormMixin

    for config in django_apps.get_app_configs():
        if config.name.startswith("apps."):
            for module in ("forms", "action_forms", "views"):
                try:
                    __import__(f"{config.name}.{module}")
                except ModuleNotFoundError:
                    continue

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    ours = [form for form in subclasses(forms.BaseForm) if form.__module__.startswith("apps.")]
    assert ours
    missing = [f"{form.__module__}.{form.__name__}" for form in ours if not issubclass(form, TextPolicyFormMixin)]
    assert missing == []
