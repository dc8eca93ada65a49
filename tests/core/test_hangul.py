"""Korean particles follow the name they attach to: 를/을, 가/이, 로/으로, 는/은 — never a
"(을)를" placeholder anywhere the platform writes Korean."""

import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation

from apps.core.hangul import with_particle

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"\((?:을|를|이|가|은|는|으|와|과)\)|(?:을|이|은|과|와)\((?:를|가|는|와|과)\)")


@pytest.mark.parametrize(
    ("word", "pair", "expected"),
    [
        ("반려 사유", "을/를", "반려 사유를"),
        ("보완 요청 내용", "을/를", "보완 요청 내용을"),
        ("강원특별자치도", "이/가", "강원특별자치도가"),
        ("전남광주통합특별시", "이/가", "전남광주통합특별시가"),
        ("철도정책과", "이/가", "철도정책과가"),
        ("국토정책관", "이/가", "국토정책관이"),
        ("행정안전부", "으로/로", "행정안전부로"),
        ("부산", "으로/로", "부산으로"),
        ("서울", "으로/로", "서울로"),
        ("2026-12-31", "으로/로", "2026-12-31로"),
        ("2026-51-0007", "은/는", "2026-51-0007은"),
        ("2026-51-0003", "을/를", "2026-51-0003을"),
        ("검토 의견(내부)", "을/를", "검토 의견(내부)을"),
        ("강원특별자치도(51)", "은/는", "강원특별자치도(51)는"),
        ("LH", "과/와", "LH와"),
    ],
)
def test_the_particle_follows_the_last_syllable(word, pair, expected):
    with translation.override("ko"):
        assert with_particle(word, pair) == expected


def test_in_english_the_name_stands_alone():
    with translation.override("en"):
        assert with_particle("강원특별자치도", "이/가") == "강원특별자치도"


def test_templates_have_a_filter_for_it():
    with translation.override("ko"):
        rendered = Template('{% load site_tags %}{{ name|josa:"을/를" }}').render(Context({"name": "철도"}))
    assert rendered == "철도를"


def _korean_sources():
    for folder in ("apps", "templates", "config"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in (".py", ".html", ".txt") and "migrations" not in path.parts:
                yield path
    yield ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"


def test_no_placeholder_particles_are_left_in_code_templates_or_the_catalogue():
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in _korean_sources()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if PLACEHOLDER.search(line)
    ]
    assert not found
