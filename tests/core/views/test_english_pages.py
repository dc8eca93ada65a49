"""Every page the browser journeys visit (tests/e2e), rendered in English for each role they
sign in as, shows no Hangul (issue 15) — except:

- what people wrote (proposal titles and texts, notes, comments, names and affiliations,
  meeting titles …): content, not interface, shown as written. Every text value stored in
  the demo world's content tables counts; the reference tables, the statistics snapshot and
  the notifications (rendered in the reader's language) do not.
- names with no verified English form: the reference rows marked ``name_en_verified=False``
  (MOLIT units, the platform's bodies, strategy titles, regions without one) — shown in
  Korean rather than guessed (see ``localized_name``) — and the explicit names below.
"""

import io
import json
import re

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.test import Client

from apps.organisations.models import Body, Department, PartnerOrganisation, Region, RegionalOffice
from apps.proposals.models import Proposal, ProposalStatus, Strategy

pytestmark = pytest.mark.django_db(transaction=True)

HANGUL_RUN = re.compile(r"[\uac00-\ud7a3]+(?:[ ·,()0-9%-]*[\uac00-\ud7a3]+)*")

# Names with no English form, shown in Korean on purpose, each with its reason.
ALLOWED = {
    "한국어": "the language switcher names Korean in Korean, as language menus do",
}

# Tables whose text is interface or reference data, not what people wrote.
NOT_CONTENT = {"organisations", "notifications", "portal", "contenttypes", "auth", "admin", "sessions", "axes"}
REFERENCE_MODELS = (Region, Body, Department, PartnerOrganisation, RegionalOffice, Strategy)

# The journeys of tests/e2e: who signs in, and the pages they open ({decided} … filled in).
PUBLIC_PAGES = [
    "/",
    "/public/proposals/",
    "/public/proposals/?region=12&status=decided",
    "/public/proposals/?q=%EC%B2%A0%EB%8F%84",
    "/public/proposals/{decided}/",
    "/public/proposals/{in_progress}/",
    "/public/stats/",
    "/public/data/",
    "/bodies/",
    "/bodies/regional_council/",
    "/regions/",
    "/accounts/login/",
]
ROLE_PAGES = {
    "official-51": ["/", "/my-work/", "/proposals/", "/proposals/new/", "/proposals/{own}/", "/notifications/"],
    "vg-51": ["/", "/my-work/", "/proposals/endorsements/", "/notifications/"],
    "tf1": ["/", "/my-work/", "/proposals/", "/proposals/triage/", "/proposals/{decided_staff}/", "/notifications/"],
    "tf-lead": ["/", "/my-work/"],
    "reviewer01": ["/", "/my-work/", "/proposals/inbox/", "/notifications/"],
    "advisor01": ["/", "/my-work/", "/proposals/consultations/"],
    "institution01": ["/", "/my-work/", "/proposals/consultations/"],
    "forum01": ["/", "/my-work/"],
    "minister": ["/", "/my-work/"],
    "operator": ["/", "/my-work/"],
}


def content_corpus() -> str:
    """Every text value people wrote in the demo world, joined."""
    values = []
    for model in apps.get_models():
        if model._meta.app_label in NOT_CONTENT or issubclass(model, REFERENCE_MODELS):
            continue
        kinds = (models.CharField, models.TextField, models.JSONField)
        fields = [f.name for f in model._meta.concrete_fields if isinstance(f, kinds)]
        if fields:
            for row in model.objects.values_list(*fields):
                values.extend(
                    value if isinstance(value, str) else json.dumps(value, ensure_ascii=False) for value in row if value
                )
    return "\x00".join(values)


def unverified_names() -> set[str]:
    """Reference names (and the reference texts around them) with no English form."""
    names = set()
    for model in (Region, Body, Department, PartnerOrganisation):
        for name, short in model.objects.filter(name_en_verified=False).values_list(
            "name", "short_name" if model is Region else "name"
        ):
            names.update({name, short})
    # The 실·국 and 정책관 a unit belongs to (the units' groups in pickers): same source.
    for office, bureau in Department.objects.values_list("office", "bureau"):
        names.update({office, bureau})
    # The bodies' chairs and composition, written in the seed's Korean (no English form).
    for row in Body.objects.values_list("chair_title", "secretary_title", "composition", "description"):
        names.update(row)
    names.update(Strategy.objects.values_list("name", flat=True))  # no English form (reference)
    names.discard("")
    return names


def translatable_names() -> set[str]:
    """Names with a verified English form: never excused as content (a person's affiliation
    may read "강원특별자치도", but a list must still say "Gangwon State")."""
    names = set()
    for model in (Region, Body, Department, PartnerOrganisation):
        names.update(model.objects.filter(name_en_verified=True).values_list("name", flat=True))
    return names


def hangul_left(html: str, corpus: str, names: set[str], translatable: set[str] = frozenset()) -> set[str]:
    left = set()
    for run in HANGUL_RUN.findall(html):
        if any(run in name for name in names):
            continue  # inside a reference text with no English form (a body's composition …)
        # A list of names ("초광역권 계획 · 맞춤형 규제혁신") is checked name by name.
        for part in re.split(r" · |, ", run):
            part = part.strip(" ()")
            if part in translatable:
                left.add(part)
                continue
            if not re.search(r"[\uac00-\ud7a3]", part) or part in ALLOWED or part in corpus:
                continue
            if any(part in name for name in names):
                continue
            left.add(part)
    return left


def urls(template_urls, values):
    return [url.format(**values) for url in template_urls]


def test_every_journey_page_in_english_has_no_hangul_outside_content_and_names():
    from django.contrib.contenttypes.models import ContentType

    from apps.accounts.models import User

    # A transactional test before this one flushed the database: content types may have new
    # ids since, and the in-process cache would hand out the old ones.
    ContentType.objects.clear_cache()
    call_command("seed_demo", stdout=io.StringIO())
    public = Proposal.objects.filter(is_public=True)
    values = {
        "decided": public.filter(status=ProposalStatus.DECIDED).exclude(outcome="").first().pk,
        "in_progress": public.filter(status=ProposalStatus.IN_PROGRESS).first().pk,
        "own": Proposal.objects.filter(region__code="51").first().pk,
        "decided_staff": Proposal.objects.filter(status=ProposalStatus.DECIDED).first().pk,
    }
    corpus, names, translatable = content_corpus(), unverified_names(), translatable_names()
    affiliations = set(User.objects.exclude(affiliation="").values_list("affiliation", flat=True))
    found: dict[str, set[str]] = {}

    def check(client, who, url):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 200, (who, url, response.status_code)
        assert response.headers["Content-Language"] == "en", (who, url)
        html = response.content.decode()
        for affiliation in affiliations:  # a person's own words, shown as an element of its own
            html = html.replace(f">{affiliation}<", "><")
        left = hangul_left(html, corpus, names, translatable)
        if left:
            found[f"{who} {url}"] = {
                f"{run} «{html[max(0, m.start() - 80) : m.start() + 40]}»"
                for run in left
                for m in re.finditer(run, html)
            }

    anonymous = Client()
    for url in urls(PUBLIC_PAGES, values):
        check(anonymous, "anonymous", url)
    for username, pages in ROLE_PAGES.items():
        client = Client()
        client.force_login(User.objects.get(username=username))
        for url in urls(pages, values):
            check(client, username, url)
    assert not found, "\n".join(f"{page}: {sorted(runs)}" for page, runs in found.items())
