"""Each queue page: allowed for the roles that use it, refused (403) for the others,
login required, and filled from the selectors scoped to the viewer."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from apps.proposals.models import ProposalStatus as S
from tests.core.views.support import table_rows
from tests.proposals.support import proposal_in

pytestmark = pytest.mark.django_db

PAGES = {
    "proposal-mine": {"official", "vice_governor", "liaison", "other_official", "other_vice_governor"},
    "proposal-endorsements": {"vice_governor", "other_vice_governor"},
    "proposal-triage": {"tf_staff", "tf_lead", "admin"},
    "proposal-inbox": {"lead_reviewer", "other_reviewer"},
    "proposal-workload": {"tf_staff", "tf_lead", "admin", "lead_reviewer", "other_reviewer"},
    "proposal-new": {"official", "vice_governor", "other_official", "other_vice_governor"},
    "consultation-list": {"advisor", "institution"},
}
EVERYONE = [
    "official", "vice_governor", "liaison", "other_official", "other_vice_governor", "tf_staff", "tf_lead",
    "lead_reviewer", "other_reviewer", "advisor", "institution", "forum_member", "admin",
]  # fmt: skip


@pytest.mark.parametrize("name", [*PAGES, "proposal-list"])
def test_pages_require_login(client, name):
    url = reverse(name)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", PAGES)
def test_each_page_allowed_for_its_roles_and_refused_for_others(client, cast, name):
    for person in EVERYONE:
        client.force_login(cast.people[person])
        response = client.get(reverse(name))
        expected = 200 if person in PAGES[name] else 403
        assert response.status_code == expected, (name, person, response.status_code)


def test_list_shows_only_visible_proposals(login, cast):
    mine = proposal_in(cast, S.SUBMITTED, title="강원 제출 과제")
    draft = proposal_in(cast, S.DRAFT, title="강원 작성중 과제")

    html = login("other_official").get(reverse("proposal-list")).content.decode()
    assert mine.title not in html
    assert draft.title not in html

    html = login("tf_staff").get(reverse("proposal-list")).content.decode()
    assert mine.title in html
    assert draft.title not in html  # another body's draft stays with the region

    html = login("official").get(reverse("proposal-list")).content.decode()
    assert mine.title in html
    assert draft.title in html


def test_mine_lists_region_proposals_with_create_button(login, cast):
    draft = proposal_in(cast, S.DRAFT, title="우리 지역 초안")

    html = login("official").get(reverse("proposal-mine")).content.decode()

    assert draft.title in html
    assert reverse("proposal-new") in html
    assert "작성중" in html
    liaison_html = login("liaison").get(reverse("proposal-mine")).content.decode()
    assert draft.title in liaison_html
    assert reverse("proposal-new") not in liaison_html


def test_endorsement_queue_lists_awaiting_with_confirm_buttons(login, cast):
    awaiting = proposal_in(cast, S.AWAITING_ENDORSEMENT, title="확인 대기 과제")
    submitted = proposal_in(cast, S.SUBMITTED, title="이미 접수된 과제")

    html = login("vice_governor").get(reverse("proposal-endorsements")).content.decode()

    assert awaiting.title in html
    assert submitted.title not in html
    assert reverse("proposal-action", args=[awaiting.pk, "endorse"]) in html
    other = login("other_vice_governor").get(reverse("proposal-endorsements")).content.decode()
    assert awaiting.title not in other


def test_triage_defaults_to_submitted_and_counts_states(login, cast):
    submitted = proposal_in(cast, S.SUBMITTED, title="접수 과제")
    assigned = proposal_in(cast, S.ASSIGNED, title="배정된 과제")

    response = login("tf_staff").get(reverse("proposal-triage"))

    html = response.content.decode()
    rows = table_rows(html, "proposals")
    assert [row[1] for row in rows] == [submitted.reference]
    assert 'id="counts-title"' in html
    assert '<span class="site-status-label">접수</span> <strong class="site-status-number">1' in html
    assert '<span class="site-status-label">검토배정</span> <strong class="site-status-number">1' in html
    everything = login("tf_staff").get(reverse("proposal-triage"), {"status": ""}).content
    assert {row[1] for row in table_rows(everything, "proposals")} == {submitted.reference, assigned.reference}


def test_inbox_lists_department_proposals_by_due_date_and_flags_overdue(login, cast):
    late = proposal_in(cast, S.ASSIGNED, title="먼저 배정된 과제")
    with time_machine.travel(timezone.now() + datetime.timedelta(days=14)):
        later = proposal_in(cast, S.IN_REVIEW, title="나중 과제")
    proposal_in(cast, S.SUBMITTED, title="미배정 과제")
    day_after = late.due_at + datetime.timedelta(days=1)
    assert later.due_at > day_after

    with time_machine.travel(datetime.datetime.combine(day_after, datetime.time(10), tzinfo=datetime.UTC)):
        response = login("lead_reviewer").get(reverse("proposal-inbox"))

    rows = table_rows(response.content, "proposals")
    assert [row[0] for row in rows] == [late.reference, later.reference]
    assert "기한 초과" in rows[0][6]
    assert "기한 초과" not in rows[1][6]
    assert 'class="is-overdue"' in response.content.decode()
    assert "우리 부서 주관" in rows[0][5]
    assert table_rows(login("other_reviewer").get(reverse("proposal-inbox")).content, "proposals") == [
        ["조건에 맞는 건의과제가 없습니다."]
    ]


def test_workload_page_renders_department_rows(login, cast):
    proposal_in(cast, S.IN_REVIEW)

    response = login("tf_lead").get(reverse("proposal-workload"))

    rows = table_rows(response.content, "workload")
    assert rows[0][0] == "녹색도시과"
    assert rows[0][1] == "1"


def test_htmx_request_gets_only_the_results_partial(login, cast):
    proposal_in(cast, S.SUBMITTED, title="부분 갱신 과제")
    client = login("tf_staff")

    full = client.get(reverse("proposal-list"), {"q": "부분"})
    partial = client.get(reverse("proposal-list"), {"q": "부분"}, headers={"HX-Request": "true"})

    assert "<html" in full.content.decode()
    body = partial.content.decode()
    assert "<html" not in body
    assert 'id="proposals"' in body
    assert "<mark>부분</mark> 갱신 과제" in body  # the searched word marked
    assert '<p id="result-announce" hx-swap-oob="innerHTML">모두 1건</p>' in body  # announced politely
    assert "HX-Request" in partial["Vary"]


def test_filters_narrow_the_list_and_bad_values_are_ignored(login, cast):
    regulation = proposal_in(cast, S.SUBMITTED, title="규제 과제")
    client = login("tf_staff")

    assert regulation.title in client.get(reverse("proposal-list"), {"category": "regulation"}).content.decode()
    assert regulation.title not in client.get(reverse("proposal-list"), {"category": "rail"}).content.decode()
    for params in ({"status": "nonsense"}, {"year": "abc"}, {"page": "x"}, {"page": "999"}, {"overdue": "maybe"}):
        assert client.get(reverse("proposal-list"), params).status_code == 200, params


def test_filter_form_has_korean_labels_and_htmx_attributes(login, cast):
    html = login("tf_staff").get(reverse("proposal-list")).content.decode()

    for label in ("검색어", "상태", "지역", "분야", "검토결과", "부서", "정책 전략", "기한 초과만 보기"):
        assert f">{label}</label>" in html, label
    assert 'hx-get="/proposals/"' in html
    assert 'hx-push-url="true"' in html


def test_list_paginates_with_krds_markup(login, cast):
    from tests.proposals.support import new_draft

    for number in range(22):
        new_draft(cast, title=f"초안 {number}")

    client = login("official")
    first = client.get(reverse("proposal-mine")).content.decode()
    second = client.get(reverse("proposal-mine"), {"page": 2}).content.decode()

    assert 'class="krds-pagination site-pagination"' in first
    assert len(table_rows(first, "proposals")) == 20
    assert len(table_rows(second, "proposals")) == 2
    assert 'aria-current="page"><span class="sr-only">현재 페이지 </span>2</a>' in second


def test_header_shows_proposal_menu_per_role(login, cast):
    official = login("official").get(reverse("home")).content.decode()
    assert reverse("proposal-mine") in official
    assert reverse("proposal-triage") not in official

    tf = login("tf_staff").get(reverse("home")).content.decode()
    assert reverse("proposal-triage") in tf
    assert reverse("proposal-workload") in tf
    assert reverse("proposal-mine") not in tf


def test_vice_governor_queue_offers_only_filters_that_fit(login, cast):
    html = login("vice_governor").get(reverse("proposal-endorsements")).content.decode()
    filters = html.split('class="site-filters"', 1)[1].split("</form>", 1)[0]
    for label in ("검토결과", "부서", "상태", "기한 초과만 보기"):
        assert f">{label}</label>" not in filters, label
    assert ">분야</label>" in filters and ">검색어</label>" in filters
