import pytest
from django.test import Client
from django.urls import reverse

from apps.proposals.models import ProposalEvent
from apps.proposals.models import ProposalStatus as S
from apps.similarity.models import Cluster
from apps.similarity.services import cluster_create
from tests.factories import member
from tests.similarity.support import person, submitted

pytestmark = pytest.mark.django_db

LEAD = "녹색도시과"


@pytest.fixture
def gb():
    return [
        submitted(code, f"개발제한구역 해제 권한 시·도 위임 {code}", "GB 해제 권한을 시·도지사에게 위임해 주십시오.")
        for code in ("26", "31")
    ]


@pytest.fixture
def tf_client():
    tf = Client()
    tf.force_login(member("tf_staff"))
    return tf


def test_proposal_form_asks_for_similar_proposals_as_the_title_is_typed(client):
    client.force_login(person("regional_official", "51"))

    html = client.get(reverse("proposal-new")).content.decode()

    assert reverse("similarity-draft") in html
    assert "delay:800ms from:#id_title" in html


def test_draft_fragment_shows_likely_duplicates_with_why(client, gb):
    client.force_login(person("regional_official", "51"))

    response = client.post(
        reverse("similarity-draft"),
        {"title": "그린벨트 해제 권한 이양", "summary": "개발제한구역 해제 권한을 넘겨 주십시오."},
        HTTP_HX_REQUEST="true",
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert gb[0].reference in html and gb[1].reference in html
    assert "개발제한구역" in html  # why: the shared key terms
    # Another region's proposal is shown by its public page, never the internal one.
    assert f'href="{reverse("proposal-detail", args=[gb[0].pk])}"' not in html


def test_draft_fragment_reads_past_control_characters(client, gb):
    # Issue 13: a NUL typed into the draft's title was a 500 on PostgreSQL.
    client.force_login(person("regional_official", "51"))

    response = client.post(
        reverse("similarity-draft"),
        {"title": "그린벨트\x00 해제\x01 권한 이양", "summary": "개발제한구역\x00", "requested_action": "\x1b"},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200
    assert gb[0].reference in response.content.decode()


def test_draft_fragment_without_text_asks_for_a_title(client):
    client.force_login(person("regional_official", "51"))

    response = client.post(reverse("similarity-draft"), {"title": " ", "proposal": "abc"})

    assert response.status_code == 200
    assert "제목을 입력하면" in response.content.decode()


def test_proposal_page_panel_for_the_tf_offers_grouping(tf_client, gb):
    detail = tf_client.get(reverse("proposal-detail", args=[gb[0].pk])).content.decode()
    assert reverse("similarity-proposal-panel", args=[gb[0].pk]) in detail

    html = tf_client.get(reverse("similarity-proposal-panel", args=[gb[0].pk])).content.decode()

    assert gb[1].reference in html
    assert reverse("similarity-cluster-create") in html


def test_proposal_panel_for_a_region_shows_only_its_cluster(client, gb):
    client.force_login(person("regional_official", "26"))
    url = reverse("similarity-proposal-panel", args=[gb[0].pk])
    assert client.get(url).content == b""

    cluster = cluster_create(actor=member("tf_staff"), title="GB 해제 권한 위임", proposals=gb)
    html = client.get(url).content.decode()

    assert cluster.title in html
    assert gb[1].reference not in html  # 울산's proposal is not 부산's to see
    assert client.get(reverse("similarity-proposal-panel", args=[gb[1].pk])).status_code == 404


def test_triage_panel_groups_duplicates_for_the_tf_only(client, tf_client, gb):
    triage = tf_client.get(reverse("proposal-triage")).content.decode()
    assert reverse("similarity-triage-panel") in triage

    html = tf_client.get(reverse("similarity-triage-panel")).content.decode()
    assert gb[0].reference in html and gb[1].reference in html

    client.force_login(person("regional_official", "26"))
    assert client.get(reverse("similarity-triage-panel")).status_code == 403


def test_tf_groups_from_the_page_and_a_region_may_not(client, tf_client, gb):
    data = {"ids": [p.pk for p in gb], "title": "GB 해제 권한 위임"}
    client.force_login(person("regional_official", "26"))
    assert client.post(reverse("similarity-cluster-create"), data).status_code == 403
    assert not Cluster.objects.exists()

    response = tf_client.post(reverse("similarity-cluster-create"), data)

    cluster = Cluster.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("similarity-cluster-detail", args=[cluster.pk])


def test_cluster_page_fires_an_action_on_every_member(tf_client, gb):
    cluster = cluster_create(actor=member("tf_staff"), title="GB 해제 권한 위임", proposals=gb)
    page = tf_client.get(reverse("similarity-cluster-detail", args=[cluster.pk])).content.decode()
    assert reverse("similarity-cluster-action", args=[cluster.pk, "assign"]) in page

    response = tf_client.post(
        reverse("similarity-cluster-action", args=[cluster.pk, "assign"]), {"lead_department": LEAD}
    )

    assert response.status_code == 302
    for proposal in gb:
        proposal.refresh_from_db()
        assert proposal.status == S.ASSIGNED
        assert ProposalEvent.objects.get(proposal=proposal, action="assign").payload["cluster"] == cluster.pk
    # Again: no member can be assigned twice — 409, nothing changes.
    again = tf_client.post(reverse("similarity-cluster-action", args=[cluster.pk, "assign"]), {"lead_department": LEAD})
    assert again.status_code == 409
    assert ProposalEvent.objects.filter(action="assign").count() == 2


def test_cluster_action_with_bad_fields_is_400(tf_client, gb):
    cluster = cluster_create(actor=member("tf_staff"), title="GB", proposals=gb)

    response = tf_client.post(reverse("similarity-cluster-action", args=[cluster.pk, "assign"]), {})

    assert response.status_code == 400
    assert not ProposalEvent.objects.filter(action="assign").exists()


def test_cluster_pages_hide_other_regions_and_refuse_outsiders(client, gb):
    cluster = cluster_create(actor=member("tf_staff"), title="GB 해제 권한 위임", proposals=gb)
    client.force_login(person("regional_official", "26"))

    html = client.get(reverse("similarity-cluster-detail", args=[cluster.pk])).content.decode()
    assert gb[0].reference in html and gb[1].reference not in html
    assert "1건이 함께 묶여" in html
    assert client.post(reverse("similarity-cluster-dissolve", args=[cluster.pk])).status_code == 403

    client.force_login(person("regional_official", "51"))
    assert client.get(reverse("similarity-cluster-detail", args=[cluster.pk])).status_code == 404


def test_tf_adds_removes_and_dissolves(tf_client, gb):
    third = submitted("48", "개발제한구역 해제 권한 위임 경남", "GB 해제 권한 위임")
    cluster = cluster_create(actor=member("tf_staff"), title="GB", proposals=gb)

    assert (
        tf_client.post(reverse("similarity-cluster-add", args=[cluster.pk]), {"reference": third.reference}).status_code
        == 302
    )
    assert cluster.members.count() == 3
    assert (
        tf_client.post(reverse("similarity-cluster-add", args=[cluster.pk]), {"reference": "없음"}).status_code == 400
    )
    tf_client.post(reverse("similarity-cluster-remove", args=[cluster.pk, third.pk]))
    assert cluster.members.count() == 2
    assert tf_client.get(reverse("similarity-cluster-list")).status_code == 200
    tf_client.post(reverse("similarity-cluster-dissolve", args=[cluster.pk]))
    assert not Cluster.objects.exists()


def test_cluster_page_names_the_member_that_blocks_a_shared_action(tf_client, gb):
    tf = member("tf_staff")
    cluster = cluster_create(actor=tf, title="GB 해제 권한 위임", proposals=gb)
    tf_client.post(reverse("similarity-cluster-action", args=[cluster.pk, "assign"]), {"lead_department": LEAD})
    # One member moves on alone: nothing is shared any more, and the page says why.
    from apps.proposals.services import proposal_fire

    first = gb[0]
    first.refresh_from_db()
    reviewer = member("dept_reviewer", department=first.lead_department)
    proposal_fire(proposal=first, actor=reviewer, action="start_review")
    page = tf_client.get(reverse("similarity-cluster-detail", args=[cluster.pk])).content.decode()
    blockers = page.split('id="blockers-title"', 1)[1].split("</section>", 1)[0]
    assert first.reference in blockers and "검토중 상태라서" in blockers
