"""Proposals of several regions, through the real services, for similarity tests."""

from apps.organisations.models import Region
from apps.proposals.services import proposal_create, proposal_fire
from tests.factories import member


def person(role: str, region_code: str):
    """One official / vice-governor per region and role (made once per test database)."""
    from apps.accounts.models import User

    region = Region.objects.get(code=region_code)
    user = User.objects.filter(memberships__role=role, memberships__region=region).first()
    return user or member(role, region=region)


def draft(region_code: str, title: str, summary: str = "", **fields):
    return proposal_create(
        actor=person("regional_official", region_code),
        region=Region.objects.get(code=region_code),
        title=title,
        summary=summary or title,
        category=fields.pop("category", "regulation"),
        **fields,
    )


def submitted(region_code: str, title: str, summary: str = "", **fields):
    proposal = draft(region_code, title, summary, **fields)
    proposal = proposal_fire(proposal=proposal, actor=person("regional_official", region_code), action="submit")
    return proposal_fire(proposal=proposal, actor=person("vice_governor", region_code), action="endorse")
