import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.notifications.models import Kind, Notification
from apps.organisations.models import Department
from apps.proposals.models import ProposalEvent
from apps.proposals.models import ProposalStatus as S
from apps.proposals.services import proposal_fire
from apps.similarity.models import Cluster, ClusterMember
from apps.similarity.services import (
    ClusterConflict,
    cluster_actions,
    cluster_add,
    cluster_create,
    cluster_fire,
    cluster_remove,
)
from tests.factories import member
from tests.similarity.support import draft, person, submitted

pytestmark = pytest.mark.django_db

REGIONS = ("26", "31", "48")  # 부산, 울산, 경남
LEAD = "녹색도시과"


@pytest.fixture
def gb_requests():
    return [
        submitted(code, f"개발제한구역 해제 권한 시·도 위임 ({code})", "GB 해제 권한을 시·도지사에게 위임해 주십시오.")
        for code in REGIONS
    ]


@pytest.fixture
def tf():
    return member("tf_staff")


@pytest.fixture
def reviewer():
    return member("dept_reviewer", department=Department.objects.get(code=LEAD))


def _cluster(tf, proposals):
    return cluster_create(actor=tf, title="개발제한구역 해제 권한 위임", proposals=proposals)


def test_tf_groups_received_proposals_of_several_regions(tf, gb_requests):
    cluster = _cluster(tf, gb_requests)

    assert set(ClusterMember.objects.filter(cluster=cluster).values_list("proposal_id", flat=True)) == {
        p.pk for p in gb_requests
    }
    # Each member keeps its own region and reference.
    assert {p.region.code for p in gb_requests} == set(REGIONS)


def test_only_the_tf_may_group(gb_requests):
    for role in ("regional_official", "dept_reviewer", "tf_lead"):
        actor = member(role) if role != "regional_official" else person(role, "26")
        if role == "tf_lead":
            assert _cluster(actor, gb_requests[:2]).pk
            continue
        with pytest.raises(PermissionDenied):
            _cluster(actor, gb_requests[1:])


def test_grouping_refuses_drafts_single_proposals_and_double_membership(tf, gb_requests):
    with pytest.raises(ValidationError):
        _cluster(tf, [gb_requests[0], draft("51", "개발제한구역 해제 권한 위임")])
    with pytest.raises(ValidationError):
        _cluster(tf, gb_requests[:1])
    _cluster(tf, gb_requests[:2])
    with pytest.raises(ValidationError):
        _cluster(tf, gb_requests[1:])


def test_add_and_remove_members_and_a_cluster_of_one_dissolves(tf, gb_requests):
    cluster = _cluster(tf, gb_requests[:2])
    cluster_add(cluster=cluster, actor=tf, proposal=gb_requests[2])
    assert cluster.members.count() == 3

    assert cluster_remove(cluster=cluster, actor=tf, proposal=gb_requests[0]) == cluster
    assert cluster_remove(cluster=cluster, actor=tf, proposal=gb_requests[1]) is None
    assert not Cluster.objects.exists()


def test_cluster_is_assigned_reviewed_and_decided_together(tf, reviewer, gb_requests):
    cluster = _cluster(tf, gb_requests)

    assert "assign" in cluster_actions(tf, gb_requests)
    cluster_fire(cluster=cluster, actor=tf, action="assign", lead_department=LEAD)
    cluster_fire(cluster=cluster, actor=reviewer, action="start_review")
    decided = cluster_fire(
        cluster=cluster,
        actor=reviewer,
        action="decide",
        outcome="accepted",
        note="세 지역 공통 요청으로 함께 검토함",
        planned_for=datetime.date(2027, 6, 30),
    )

    assert [p.status for p in decided] == [S.DECIDED] * 3
    assert {p.outcome for p in decided} == {"accepted"}


def test_cluster_decision_reaches_every_member_region_and_each_timeline(tf, reviewer, gb_requests):
    cluster = _cluster(tf, gb_requests)
    cluster_fire(cluster=cluster, actor=tf, action="assign", lead_department=LEAD)
    cluster_fire(cluster=cluster, actor=reviewer, action="start_review")
    cluster_fire(
        cluster=cluster,
        actor=reviewer,
        action="decide",
        outcome="long_term",
        decision_summary="광역 단위 제도 개선 과제로 중장기 검토합니다.",
        note="법률 개정 필요",
    )

    for proposal in gb_requests:
        event = ProposalEvent.objects.get(proposal=proposal, action="decide")
        assert event.payload["cluster"] == cluster.pk
        assert event.payload["cluster_title"] == cluster.title
        official = person("regional_official", proposal.region.code)
        vice_governor = person("vice_governor", proposal.region.code)
        heard = set(
            Notification.objects.filter(kind=Kind.DECIDED, proposal=proposal).values_list("recipient_id", flat=True)
        )
        assert {official.pk, vice_governor.pk} <= heard
    # Nobody of a region hears of another region's proposal.
    busan = person("regional_official", "26")
    assert set(
        Notification.objects.filter(recipient=busan, kind=Kind.DECIDED).values_list("proposal__region__code", flat=True)
    ) == {"26"}


def test_cluster_action_is_all_or_nothing(tf, gb_requests):
    cluster = _cluster(tf, gb_requests)
    # One member moves on its own: it cannot be assigned again.
    proposal_fire(proposal=gb_requests[1], actor=tf, action="assign", lead_department=LEAD)
    events_before = ProposalEvent.objects.count()

    with pytest.raises(ClusterConflict) as error:
        cluster_fire(cluster=cluster, actor=tf, action="assign", lead_department=LEAD)

    assert gb_requests[1].reference in str(error.value)
    assert ProposalEvent.objects.count() == events_before
    for proposal in (gb_requests[0], gb_requests[2]):
        proposal.refresh_from_db()
        assert proposal.status == S.SUBMITTED and proposal.lead_department is None


def test_cluster_action_needs_permission_on_every_member(gb_requests, tf):
    cluster = _cluster(tf, gb_requests)

    with pytest.raises(PermissionDenied):
        cluster_fire(cluster=cluster, actor=person("regional_official", "26"), action="withdraw")
    with pytest.raises(ValidationError):
        cluster_fire(cluster=cluster, actor=tf, action="assign")  # no lead department
    assert not ProposalEvent.objects.filter(proposal__in=gb_requests, action__in=("withdraw", "assign")).exists()
