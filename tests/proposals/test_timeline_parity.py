"""One disclosure policy for every surface: for every role and every action of the
registry, the staff page and the API show the same notes and payload keys — exactly
those the registry grants the viewer — and the public page and public API show the
public ones only."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from apps.organisations.models import Department, PartnerOrganisation
from apps.proposals.models import Proposal
from apps.proposals.models import ProposalStatus as S
from apps.proposals.registry import ACTIONS, COMMON_PAYLOAD, Audience
from apps.proposals.services import record_event
from tests.factories import member
from tests.proposals.support import OTHER_DEPARTMENT, Cast, fire, proposal_in

pytestmark = pytest.mark.django_db

# What each person reads of the proposal below (assigned to their department, in their
# region); None: they may not see it at all.
AUDIENCES = {
    "official": Audience.PARTICIPANTS,
    "vice_governor": Audience.PARTICIPANTS,
    "liaison": Audience.PARTICIPANTS,
    "tf_staff": Audience.INTERNAL,
    "tf_lead": Audience.INTERNAL,
    "lead_reviewer": Audience.INTERNAL,
    "support_reviewer": Audience.INTERNAL,
    "admin": Audience.INTERNAL,
    "other_official": None,
    "other_vice_governor": None,
    "other_reviewer": None,
    "advisor": None,
    "institution": None,
    "forum_member": None,
}


# Keys that name a row by its id: another app may look the row up.
ID_KEYS = {"consultation", "attachment", "agenda_item", "meeting_id", "topic", "recommendation", "into", "cluster"}


def marker(action: str) -> str:
    return f"NOTE-{action}-마커"


@pytest.fixture
def world():
    """A public proposal in review, and one event of every action of the registry, each
    with a marked note and every payload key the registry declares for it."""
    cast = Cast()
    support = Department.objects.get(code=OTHER_DEPARTMENT)
    proposal = proposal_in(cast, S.ASSIGNED)
    fire(
        cast,
        proposal,
        "tf_staff",
        "reassign",
        lead_department=proposal.lead_department.code,
        support_departments=[support.code],
    )
    cast.people["support_reviewer"] = cast.people["other_reviewer"]
    organisation = PartnerOrganisation.objects.first()
    marked = {}
    for name, spec in ACTIONS.items():
        payload = {
            key: 999_999 if key in ID_KEYS else f"VAL-{name}-{key}" for key in {**COMMON_PAYLOAD, **spec.payload}
        }
        if "organisation" in payload:
            payload["organisation"] = organisation.code
        event = record_event(proposal=proposal, actor=cast["tf_staff"], action=name, note=marker(name), payload=payload)
        marked[name] = event.pk
    # The support department's reviewer stands in for "other_reviewer" from here on; the
    # cast's other department is this proposal's support department.
    cast.people["other_reviewer"] = _outsider_reviewer()
    return cast, Proposal.objects.get(pk=proposal.pk), marked


def _outsider_reviewer():
    return member("dept_reviewer", department=Department.objects.exclude(code__in=["녹색도시과", OTHER_DEPARTMENT])[0])


def web_rows(cast, person, proposal):
    client = Client()
    client.force_login(cast[person])
    response = client.get(f"/proposals/{proposal.pk}/")
    return response, response.context["timeline"] if response.status_code == 200 else None


def api_rows(cast, person, proposal):
    client = APIClient()
    client.force_authenticate(cast[person])
    return client.get(f"/api/v1/proposals/{proposal.pk}/events/?page_size=500")


def expected_note(spec, audience) -> bool:
    return audience >= spec.note_readers


def expected_keys(spec, audience) -> set[str]:
    return {key for key in {**COMMON_PAYLOAD, **spec.payload} if spec.key_audience(key) <= audience}


@pytest.mark.parametrize("person", sorted(AUDIENCES))
def test_web_and_api_show_the_same_notes_and_keys_for_every_action(world, person):
    cast, proposal, marked = world
    page, web = web_rows(cast, person, proposal)
    api = api_rows(cast, person, proposal)
    audience = AUDIENCES[person]
    if audience is None:
        assert page.status_code == 404
        assert api.status_code == 404
        return
    assert page.status_code == 200 and api.status_code == 200
    html = page.content.decode()
    web_by_id = {row["event"].pk: row for row in web}
    api_by_id = {}
    for item in api.json()["results"]:
        row = web_by_id[item["id"]]
        assert item["note"] == (row["note"] or None), item["action"]
        assert set(item["payload"]) == set(row["payload"]), item["action"]
        api_by_id[item["id"]] = item
    assert set(api_by_id) == set(web_by_id)
    for name, spec in ACTIONS.items():
        item = api_by_id[marked[name]]
        readable = expected_note(spec, audience)
        assert (item["note"] == marker(name)) is readable, (person, name)
        assert (marker(name) in html) is readable, (person, name)
        assert set(item["payload"]) == expected_keys(spec, audience), (person, name)


def test_the_public_page_and_public_api_show_public_events_and_keys_only(world):
    _cast, proposal, _marked = world
    client = Client()
    page = client.get(f"/public/proposals/{proposal.pk}/")
    api = APIClient().get(f"/api/v1/public/proposals/{proposal.pk}/")
    assert page.status_code == 200 and api.status_code == 200
    html = page.content.decode()
    timeline = api.json()["timeline"]
    public_actions = {name for name, spec in ACTIONS.items() if spec.is_public}
    assert {item["action"] for item in timeline} <= public_actions
    for name, spec in ACTIONS.items():
        assert marker(name) not in html, name
        for item in (entry for entry in timeline if entry["action"] == name):
            assert set(item["details"]) <= expected_keys(spec, Audience.PUBLIC), name
            assert "note" not in item
    for key in ("declined_by", "organisation", "consultation", "milestone", "lead_department"):
        assert f"VAL-decline-{key}" not in html and f"VAL-consult-{key}" not in html
