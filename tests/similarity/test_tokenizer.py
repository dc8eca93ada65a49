from apps.similarity.lexicon import PLACE_FACTOR
from apps.similarity.tokenizer import key_terms, terms_of


def test_key_terms_keep_nouns_and_compounds_and_drop_particles():
    terms = terms_of("강릉 개발제한구역을 해제하고 산업단지를 조성해 주실 것을 건의합니다.")

    assert {"개발제한구역", "개발", "제한", "구역", "해제", "산업단지", "산업", "단지", "조성"} <= set(terms)
    # Particles, endings and the genre's generic words are not terms.
    assert not {"을", "를", "하고", "건의", "것"} & set(terms)


def test_abbreviations_meet_their_full_names():
    assert {"개발제한구역", "해제"} <= set(terms_of("GB 해제"))
    assert {"개발제한구역", "해제"} <= set(terms_of("그린벨트 해제"))
    assert "국가산업단지" in terms_of("방위·원자력 국가산단 확장")
    assert "고속철도" in terms_of("KTX 정차역 신설")


def test_compounds_match_whether_written_together_or_apart():
    together, apart = terms_of("도심융합특구 지정"), terms_of("도심 융합 특구 지정")

    assert {"도심", "융합", "특구", "지정"} <= set(together) & set(apart)


def test_long_names_also_yield_their_pieces():
    assert "공항" in terms_of("대구경북신공항 연결철도")


def test_title_weighs_more_than_summary_and_places_weigh_less():
    weights = key_terms(title="광역철도 조기 착공", summary="부산 도심과 양산을 잇는 노선")

    assert weights["광역철도"] > weights["노선"]
    assert weights["부산"] < weights["노선"]
    assert weights["부산"] == round(weights["노선"] * PLACE_FACTOR, 4)


def test_empty_text_has_no_terms():
    assert key_terms() == {}
    assert terms_of("   ") == {}
