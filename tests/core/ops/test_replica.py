"""The read replica (apps/core/replica.py): public portal reads go to it, everything else
(writes, signed-in pages, sessions) to the primary, and a change to public data sends the
public pages back to the primary until the replica caught up. On PostgreSQL with a real
second connection: tests/integration/test_read_replica.py."""

import subprocess
import sys
from unittest import mock

import pytest
from django.contrib.sessions.models import Session
from django.test import override_settings
from django.urls import reverse
from knox.models import AuthToken

from apps.core import replica
from apps.proposals.models import Proposal
from tests.environment import child_environment
from tests.portal.support import S, decided, proposal_in
from tests.proposals.support import Cast

with_replica = override_settings(DATABASE_REPLICA="replica", DATABASE_REPLICA_LAG_SECONDS=10)
ROUTER = replica.ReplicaRouter()


@pytest.fixture
def cast(db):
    return Cast()


def test_without_a_replica_every_read_is_on_the_primary():
    with replica.reading_replica() as used:
        assert used is False
        assert ROUTER.db_for_read(Proposal) == "default"


@with_replica
def test_reads_inside_reading_replica_go_to_the_replica_and_nothing_else_does():
    assert ROUTER.db_for_read(Proposal) == "default"
    with replica.reading_replica() as used:
        assert used is True
        assert ROUTER.db_for_read(Proposal) == "replica"
        # Just written and read back at once (sign-in, lockout, tokens): the primary only.
        assert ROUTER.db_for_read(Session) == "default"
        assert ROUTER.db_for_read(AuthToken) == "default"
        assert ROUTER.db_for_write(Proposal) == "default"
    assert ROUTER.db_for_read(Proposal) == "default"


@with_replica
def test_migrations_run_on_the_primary_only():
    assert ROUTER.allow_migrate("default", "proposals") is True
    assert ROUTER.allow_migrate("replica", "proposals") is False


@with_replica
def test_a_change_to_public_data_holds_public_reads_on_the_primary_until_the_lag_passes():
    replica.hold_primary()
    with replica.reading_replica() as used:
        assert used is False
        assert ROUTER.db_for_read(Proposal) == "default"
    # The hold expired:
    with mock.patch("apps.core.replica.cache.get", return_value=None), replica.reading_replica() as used:
        assert used is True


def routed_reads(client, url):
    """The aliases the router chose for the reads of one GET (answered by the primary here)."""
    chosen = []
    original = replica.ReplicaRouter.db_for_read

    def record(self, model, **hints):
        chosen.append(original(self, model, **hints))
        return "default"

    with mock.patch.object(replica.ReplicaRouter, "db_for_read", autospec=True, side_effect=record):
        response = client.get(url)
    assert response.status_code == 200, url
    return chosen


@pytest.mark.django_db
def test_public_pages_and_the_public_api_read_from_the_replica(client, cast):
    proposal = decided(cast, "accepted", title="동해선 광역철도 조기 착공")
    urls = [
        reverse("portal-proposal-list"),
        reverse("portal-proposal-detail", args=[proposal.pk]),
        reverse("portal-stats"),
        reverse("api-public-proposal-list"),
        reverse("api-public-proposal-detail", args=[proposal.pk]),
    ]
    with with_replica:
        for url in urls:
            chosen = routed_reads(client, url)
            assert chosen and set(chosen) == {"replica"}, (url, chosen)


@pytest.mark.django_db
def test_signed_in_work_pages_read_from_the_primary(client, cast):
    proposal = proposal_in(cast, S.SUBMITTED)
    client.force_login(cast["tf_staff"])
    with with_replica:
        chosen = routed_reads(client, reverse("proposal-detail", args=[proposal.pk]))
    assert chosen and set(chosen) == {"default"}


@pytest.mark.django_db(transaction=True)
def test_a_saved_proposal_holds_the_public_pages_on_the_primary(cast):
    with with_replica:
        proposal_in(cast, S.SUBMITTED)  # each action commits: the portal's signal holds the primary
        with replica.reading_replica() as used:
            assert used is False


def test_database_replica_url_adds_the_replica_with_the_primarys_settings():
    env = {
        **child_environment(),
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DATABASE_URL": "postgres://balance@primary.example:5432/balance",
        "DATABASE_REPLICA_URL": "postgres://balance_ro@replica.example:5432/balance",
    }
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "r = s.DATABASES['replica']; print(s.DATABASE_REPLICA, r['HOST'], r['ENGINE'], r['TEST']['MIRROR'])"
    )
    shown = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert shown.split() == ["replica", "replica.example", "django_prometheus.db.backends.postgresql", "default"]
