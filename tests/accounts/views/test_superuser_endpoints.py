"""The workflow pages and API outside the proposals app refuse a superuser who holds no
role for them (the proposals' own matrix lives with the proposals tests), and let it
through with the role."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from apps.accounts.models import User
from apps.comments import services as comments
from apps.comments.models import Comment
from apps.meetings.models import Meeting
from apps.proposals.models import ProposalEvent
from apps.proposals.models import ProposalStatus as S
from apps.similarity.models import Cluster
from apps.similarity.services import cluster_create
from tests.factories import member
from tests.meetings.support import MeetingCast
from tests.proposals.support import LEAD_DEPARTMENT, proposal_in
from tests.similarity.support import submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    return MeetingCast()


@pytest.fixture
def root(client):
    user = User.objects.create_superuser("root", "root@example.go.kr", "pw-1234!")
    client.force_login(user)
    return client


def _meeting_form():
    starts = (datetime.datetime.now() + datetime.timedelta(days=7)).replace(second=0, microsecond=0)
    return {
        "body": "forum",
        "title": "운영자가 만든 회의",
        "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (starts + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "place": "정부세종청사",
    }


def test_meeting_creation_is_refused(root):
    assert root.get(reverse("meeting-new")).status_code == 403
    assert root.post(reverse("meeting-new"), _meeting_form()).status_code == 403
    assert not Meeting.objects.exists()


def test_forum_topics_and_recommendations_are_refused(root):
    assert root.get(reverse("forum-topic-new")).status_code == 403
    assert root.get(reverse("forum-recommendation-new")).status_code == 403


def test_comment_moderation_is_refused(root, cast):
    proposal = proposal_in(cast, S.ASSIGNED)
    comment = comments.comment_post(target=proposal, actor=cast["official"], body="의견입니다")

    assert root.get(reverse("comment-moderation")).status_code == 403
    assert root.post(reverse("comment-hide", args=[comment.pk]), {"reason": "부적절"}).status_code in (403, 404)
    assert not Comment.objects.get(pk=comment.pk).is_hidden


def test_excel_import_and_queue_exports_are_refused(root):
    assert root.get(reverse("exchange-import-list")).status_code == 403
    assert root.get(reverse("exchange-import-template")).status_code == 403
    for queue in ("proposal-mine", "proposal-endorsements", "proposal-triage", "proposal-inbox"):
        assert root.get(reverse("exchange-export-proposals"), {"queue": queue}).status_code == 403, queue


def test_the_general_export_holds_no_proposal_for_a_superuser(root, cast):
    proposal_in(cast, S.SUBMITTED)

    response = root.get(reverse("exchange-export-proposals"))

    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))
    assert len(rows) == 1  # the header only


def test_clusters_are_refused(root):
    members = [submitted(code, f"개발제한구역 해제 권한 위임 ({code})") for code in ("26", "31")]
    cluster = cluster_create(actor=member("tf_staff"), title="권한 위임", proposals=members)
    before = ProposalEvent.objects.count()

    assert root.post(reverse("similarity-cluster-create"), {"ids": [p.pk for p in members]}).status_code == 403
    action = root.post(
        reverse("similarity-cluster-action", args=[cluster.pk, "assign"]), {"lead_department": LEAD_DEPARTMENT}
    )
    assert action.status_code in (403, 404)
    assert root.post(reverse("similarity-cluster-dissolve", args=[cluster.pk])).status_code in (403, 404)
    assert Cluster.objects.filter(pk=cluster.pk).exists()
    assert ProposalEvent.objects.count() == before


def test_the_same_pages_open_for_a_superuser_holding_the_role(client, cast):
    tf = cast["tf_staff"]
    tf.is_superuser = tf.is_staff = True
    tf.save()
    client.force_login(tf)

    assert client.get(reverse("meeting-new")).status_code == 200
    assert client.get(reverse("comment-moderation")).status_code == 200
    assert client.get(reverse("exchange-export-proposals"), {"queue": "proposal-triage"}).status_code == 200


def test_the_api_refuses_a_superuser_to_decide():
    """The end-to-end check of User.has_perm through the proposals API: a superuser
    without a role may not even see the proposal (404), let alone decide it."""
    cast = MeetingCast()
    proposal = proposal_in(cast, S.IN_REVIEW)
    api = APIClient()
    api.force_authenticate(User.objects.create_superuser("root", "root@example.go.kr", "pw-1234!"))

    response = api.post(
        f"/api/v1/proposals/{proposal.pk}/decide/",
        {"outcome": "accepted", "note": "운영자 결정", "planned_for": "2027-06-30"},
        format="json",
    )

    assert response.status_code in (403, 404)
    proposal.refresh_from_db()
    assert proposal.status == S.IN_REVIEW
