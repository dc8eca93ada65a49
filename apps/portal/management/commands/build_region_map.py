from django.core.management.base import BaseCommand

from apps.portal.geo import write_region_map


class Command(BaseCommand):
    help = (
        "지역 지도 데이터(static/geo/regions-map.json)를 TopoJSON에서 다시 만듭니다. "
        "Rebuilds the committed region map from the 2018 TopoJSON (merging 광주+전남 into 12)."
    )

    def handle(self, *args, **options):
        path = write_region_map()
        self.stdout.write(self.style.SUCCESS(f"{path} 작성 완료"))
