"""Submitting a region's imported drafts together: each through ``submit``, so the
vice-governor's endorsement still applies; only the importer, only drafts."""

import pytest
from django.urls import reverse

from apps.exchange import services
from apps.exchange.models import ImportJob
from apps.notifications.models import Notification
from apps.proposals.models import Proposal, ProposalEvent
from apps.proposals.models import ProposalStatus as S
from apps.proposals.services import proposal_fire
from tests.exchange.support import row, upload, workbook_bytes
from tests.proposals.support import Cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    return Cast()


@pytest.fixture
def imported(cast, django_capture_on_commit_callbacks):
    official = cast["official"]
    with django_capture_on_commit_callbacks(execute=True):
        job = services.import_upload(actor=official, upload=upload(workbook_bytes([row(n) for n in range(12)])))
    with django_capture_on_commit_callbacks(execute=True):
        services.import_commit(job=job, actor=official)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    return job


def test_the_importer_submits_the_remaining_drafts_in_one_go(
    cast, imported, client, django_capture_on_commit_callbacks
):
    first = Proposal.objects.get(pk=imported.created_ids[0])
    proposal_fire(proposal=first, actor=cast["official"], action="withdraw")  # no longer a draft
    client.force_login(cast["official"])
    page = client.get(reverse("exchange-import-detail", args=[imported.pk])).content.decode()
    assert "작성중 11건 한꺼번에 제출" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("exchange-import-submit", args=[imported.pk]))

    assert response.status_code == 302
    imported.refresh_from_db()
    assert imported.status == ImportJob.Status.DONE and imported.submitted_count == 11
    statuses = list(Proposal.objects.filter(pk__in=imported.created_ids).values_list("status", flat=True))
    assert statuses.count(S.AWAITING_ENDORSEMENT) == 11 and statuses.count(S.WITHDRAWN) == 1
    assert ProposalEvent.objects.filter(action="submit").count() == 11
    # Each waits for the vice-governor's endorsement, who is told as for a single submission.
    assert Notification.objects.filter(recipient=cast["vice_governor"], kind="endorsement_requested").count() == 11
    page = client.get(reverse("exchange-import-detail", args=[imported.pk])).content.decode()
    assert "작성중 과제 11건을 제출했습니다" in page and "한꺼번에 제출</button>" not in page


def test_nobody_else_submits_an_import_and_nothing_twice(cast, imported, client, django_capture_on_commit_callbacks):
    client.force_login(cast["vice_governor"])
    assert client.post(reverse("exchange-import-submit", args=[imported.pk])).status_code == 404
    assert Proposal.objects.filter(status=S.AWAITING_ENDORSEMENT).count() == 0

    client.force_login(cast["official"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("exchange-import-submit", args=[imported.pk]))
    response = client.post(reverse("exchange-import-submit", args=[imported.pk]))
    assert response.status_code == 409
    assert "제출할 작성중 과제가 없습니다" in response.content.decode()
