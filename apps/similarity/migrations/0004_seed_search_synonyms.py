"""Seed the search synonym list with the names officials and citizens commonly use for
the things the documents name formally. Operators extend it in the admin."""

from django.db import migrations

SYNONYMS = [
    ("그린벨트", "개발제한구역"),
    ("GB", "개발제한구역"),
    ("GTX", "광역급행철도"),
    ("수도권광역급행철도", "광역급행철도"),
    ("KTX", "고속철도"),
    ("SRT", "고속철도"),
    ("고속열차", "고속철도"),
    ("LRT", "경전철"),
    ("트램", "노면전차"),
    ("BRT", "간선급행버스"),
    ("SOC", "사회기반시설"),
    ("R&D", "연구개발"),
    ("산단", "산업단지"),
    ("국가산단", "국가산업단지"),
    ("공기업", "공공기관"),
    ("혁신파크", "기업혁신파크"),
    ("예타", "예비타당성조사"),
    ("균특회계", "지역균형발전특별회계"),
    ("지특회계", "지역균형발전특별회계"),
    ("경자구역", "경제자유구역"),
    ("인구소멸지역", "인구감소지역"),
    ("UAM", "도심항공교통"),
]


def seed(apps, schema_editor):
    SearchSynonym = apps.get_model("similarity", "SearchSynonym")
    for term, canonical in SYNONYMS:
        SearchSynonym.objects.get_or_create(term=term, defaults={"canonical": canonical})


def unseed(apps, schema_editor):
    SearchSynonym = apps.get_model("similarity", "SearchSynonym")
    SearchSynonym.objects.filter(term__in=[term for term, _canonical in SYNONYMS]).delete()


class Migration(migrations.Migration):
    dependencies = [("similarity", "0003_searchsynonym")]

    operations = [migrations.RunPython(seed, unseed)]
