import pytest

from apps.demo.proposal_data import CURRENT, TOPICS
from apps.proposals.models import ProposalStatus as S
from apps.similarity.selectors import duplicate_groups, similar_to_proposal, similar_to_text
from bench.evaluate_similarity import evaluate, evaluation_user, load_pairs
from tests.factories import member
from tests.similarity.support import draft, submitted

pytestmark = pytest.mark.django_db


def _demo_world_texts():
    """The demo world's current proposals (texts only, as drafts): the distractors."""
    for demo in CURRENT:
        draft(demo.region, demo.title, demo.summary, requested_action=demo.request, category=TOPICS[demo.topic][0])


def test_true_duplicates_rank_first_on_a_labelled_set():
    """A small version of bench/evaluate_similarity.py: labelled pairs against the demo
    world's texts; the same request worded differently must come first (≥ 85 %)."""
    _demo_world_texts()
    titles = {demo.title for demo in CURRENT}
    pairs = [p for p in load_pairs() if "demo" not in p["b"] or p["b"]["demo"] in titles]
    same = [p for p in pairs if p["label"] == "same"][:24]
    different = [p for p in pairs if p["label"] == "different"][:8]

    report = evaluate(same + different, user=evaluation_user())

    assert len(same) >= 20
    assert report.top1 >= 0.85, report.lines()
    assert report.mrr >= 0.9


def test_matches_say_why_and_rank_the_same_request_above_the_same_topic():
    target = submitted(
        "26", "개발제한구역 해제 권한 시·도 위임", "30만㎡ 이상 GB 해제 권한을 시·도지사에게 위임해 주십시오."
    )
    same_topic = submitted("31", "개발제한구역 내 체육시설 허용", "그린벨트 안 주민 체육시설 설치를 허용해 주십시오.")
    submitted("48", "남해안 관광벨트 계획 수립", "초광역 관광 계획을 세워 주십시오.")

    matches = similar_to_text(
        member("tf_staff"),
        title="그린벨트 해제 권한을 광역자치단체장에게 이양",
        summary="GB 해제 권한 이양 요청",
        min_score=0.0,
    )

    assert [m.proposal for m in matches][:2] == [target, same_topic]
    assert matches[0].score > matches[1].score
    assert {"권한", "해제", "개발제한구역"} <= set(matches[0].shared_terms) | {"개발제한구역"}
    assert 0 < matches[0].score <= 1


def test_only_what_the_person_may_see_or_the_public_may_see():
    other_draft = draft("26", "광역철도 조기 착공 지원", "부울경 광역철도 조기 착공")
    other_private = submitted("26", "광역철도 착공 앞당기기", "부울경 광역철도 착공", is_public=False)
    other_public = submitted("26", "광역철도 조기 착공", "부울경 광역철도를 조기에 착공")
    official = member("regional_official")  # 강원

    seen = {m.proposal for m in similar_to_text(official, title="광역철도 조기 착공", summary="광역철도 착공")}

    assert other_public in seen
    assert other_draft not in seen and other_private not in seen
    # The TF sees every received proposal, never a region's draft.
    tf_seen = {m.proposal for m in similar_to_text(member("tf_staff"), title="광역철도 조기 착공")}
    assert {other_private, other_public} <= tf_seen and other_draft not in tf_seen


def test_a_proposal_is_never_its_own_duplicate_and_withdrawn_ones_are_left_out():
    from apps.proposals.services import proposal_fire
    from tests.similarity.support import person

    proposal = submitted("51", "원주 혁신도시 공공기관 2차 이전", "공공기관 2차 이전 기관 배치")
    withdrawn = submitted("52", "전북 혁신도시 공공기관 2차 이전", "공공기관 2차 이전 기관 배치")
    proposal_fire(proposal=withdrawn, actor=person("regional_official", "52"), action="withdraw")

    assert similar_to_proposal(member("tf_staff"), proposal) == []


def test_duplicate_groups_link_the_same_request_from_several_regions():
    gb = [
        submitted(
            code,
            f"{name} 개발제한구역 해제 권한 시·도 위임",
            "GB 해제 권한을 시·도지사에게 위임하고 총량을 늘려 주십시오.",
        )
        for code, name in (("26", "부산"), ("31", "울산"), ("48", "경남"))
    ]
    rail = submitted("30", "충청권 광역철도 조기 추진", "대전·세종·충북 광역철도 예타 조기 완료")
    tf = member("tf_staff")

    groups = duplicate_groups(tf, [*gb, rail])

    assert len(groups) == 1
    assert set(groups[0].proposals) == set(gb)
    assert groups[0].proposals[0].status == S.SUBMITTED
