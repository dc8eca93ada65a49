"""The region map: province outlines as SVG paths, keyed by 행정표준코드.

Built once, at development time, from the statistical office's 2018 TopoJSON
(``static/geo/skorea-provinces-2018-topo-simple.json``, KOGL Type 1) by
``manage.py build_region_map``, which writes ``static/geo/regions-map.json``; that file is
committed and read at run time (``region_shapes``), so no page decodes TopoJSON.

The TopoJSON's ``code`` is the *statistical* province code, so features are joined on
their Korean name (apps/organisations/data/REFERENCE.md): 강원도 → 강원특별자치도 (51),
전라북도 → 전북특별자치도 (52). A region without a shape of its own whose predecessors
have shapes (전남광주통합특별시, 12 ← 광주 29 + 전남 46) gets their merged outline: the
arcs the predecessors share are dropped and the rest stitched into rings, as
topojson-client's ``merge`` does, so the old border disappears. The shapes of abolished
regions stay in the file too; the page draws the regions valid today.

Projection: Mercator, scaled to a viewBox 480 units wide, coordinates rounded to 0.1.
Each arc is simplified on its own (Douglas-Peucker, ``TOLERANCE`` units, end points kept),
so neighbours still share exactly the same border; islands smaller than ``MIN_AREA``
square units are left out (they would be a dot).
"""

import csv
import functools
import json
import math
from pathlib import Path

from django.conf import settings

TOPOJSON = Path("geo") / "skorea-provinces-2018-topo-simple.json"
OUTPUT = Path("geo") / "regions-map.json"
REGIONS_CSV = Path(__file__).resolve().parent.parent / "organisations" / "data" / "regions.csv"
# 2018 names that are not the name of any region row: the region they became.
RENAMED = {"강원도": "51", "전라북도": "52"}
WIDTH = 480.0
PADDING = 6.0
TOLERANCE = 0.45
MIN_AREA = 0.6


def _static_root() -> Path:
    return Path(settings.BASE_DIR) / "static"


def _decode_arcs(topology: dict) -> list[list[tuple[int, int]]]:
    """Absolute quantized positions of every arc (TopoJSON arcs are delta-encoded)."""
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x, y))
        arcs.append(points)
    return arcs


def _directed(arcs, index: int) -> list[tuple[int, int]]:
    return arcs[index] if index >= 0 else list(reversed(arcs[~index]))


def _rings_of(geometry: dict) -> list[list[int]]:
    if geometry["type"] == "Polygon":
        return list(geometry["arcs"])
    if geometry["type"] == "MultiPolygon":
        return [ring for polygon in geometry["arcs"] for ring in polygon]
    return []


def _merge_rings(rings: list[list[int]], arcs) -> list[list[int]]:
    """The rings of the union: arcs used twice (a shared border) are dropped, the others
    stitched end to start into closed rings."""
    uses: dict[int, int] = {}
    for ring in rings:
        for index in ring:
            key = index if index >= 0 else ~index
            uses[key] = uses.get(key, 0) + 1
    kept = [index for ring in rings for index in ring if uses[index if index >= 0 else ~index] == 1]
    by_start: dict[tuple[int, int], list[int]] = {}
    for index in kept:
        by_start.setdefault(_directed(arcs, index)[0], []).append(index)
    merged, used = [], set()
    for first in kept:
        if first in used:
            continue
        ring, index = [], first
        while index is not None and index not in used:
            used.add(index)
            ring.append(index)
            end = _directed(arcs, index)[-1]
            index = next((candidate for candidate in by_start.get(end, []) if candidate not in used), None)
        merged.append(ring)
    return merged


def _ring_points(ring: list[int], arcs) -> list[tuple[int, int]]:
    points: list[tuple[int, int]] = []
    for position, index in enumerate(ring):
        directed = _directed(arcs, index)
        points.extend(directed if position == 0 else directed[1:])
    return points


def _project(point, transform) -> tuple[float, float]:
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    lon, lat = point[0] * sx + tx, point[1] * sy + ty
    return math.radians(lon), -math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _simplify(points: list, tolerance: float) -> list:
    """Douglas-Peucker, keeping both end points (they are shared with other arcs)."""
    if len(points) < 3:
        return points
    (x1, y1), (x2, y2) = points[0], points[-1]
    length = math.hypot(x2 - x1, y2 - y1)
    farthest, distance = 0, -1.0
    for n in range(1, len(points) - 1):
        x, y = points[n]
        d = abs((x2 - x1) * (y1 - y) - (x1 - x) * (y2 - y1)) / length if length else math.hypot(x - x1, y - y1)
        if d > distance:
            farthest, distance = n, d
    if distance <= tolerance:
        return [points[0], points[-1]]
    return _simplify(points[: farthest + 1], tolerance)[:-1] + _simplify(points[farthest:], tolerance)


def _area(points: list) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1])) / 2


def _region_rows() -> list[dict]:
    with REGIONS_CSV.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def build_region_map(topojson_path: Path | None = None) -> dict:
    """The map data: for each region code, its outline as an SVG path."""
    topology = json.loads((topojson_path or _static_root() / TOPOJSON).read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    (geometries,) = [obj["geometries"] for obj in topology["objects"].values()]
    rows = _region_rows()
    code_by_name = {row["name_ko"]: row["code"] for row in rows}
    rings_by_code: dict[str, list[list[int]]] = {}
    for geometry in geometries:
        name = geometry["properties"]["name"]
        code = RENAMED.get(name) or code_by_name.get(name)
        if code is None:
            raise ValueError(f"no region row for the map feature {name!r}")
        rings_by_code[code] = _rings_of(geometry)
    for row in rows:
        predecessors = [other["code"] for other in rows if other["successor_code"] == row["code"]]
        if row["code"] not in rings_by_code and predecessors and all(p in rings_by_code for p in predecessors):
            rings_by_code[row["code"]] = _merge_rings([r for p in predecessors for r in rings_by_code[p]], arcs)

    transform = topology["transform"]
    lonlat = [[_project(point, transform) for point in arc] for arc in arcs]
    xs = [x for arc in lonlat for x, _ in arc]
    ys = [y for arc in lonlat for _, y in arc]
    left, top = min(xs), min(ys)
    scale = (WIDTH - 2 * PADDING) / (max(xs) - left)
    height = round((max(ys) - top) * scale + 2 * PADDING, 1)
    screen = [
        _simplify([((x - left) * scale + PADDING, (y - top) * scale + PADDING) for x, y in arc], TOLERANCE)
        for arc in lonlat
    ]
    names = {row["code"]: row["name_ko"] for row in rows}
    regions = []
    for code in sorted(rings_by_code):
        parts = []
        for ring in rings_by_code[code]:
            points = [(round(x, 1), round(y, 1)) for x, y in _ring_points(ring, screen)]
            # Consecutive points that round to the same place add nothing but bytes.
            points = [point for n, point in enumerate(points) if n == 0 or point != points[n - 1]]
            if len(points) < 4 or abs(_area(points)) < MIN_AREA:
                continue
            parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in points[:-1]) + "Z")
        regions.append({"code": code, "name": names.get(code, ""), "d": "".join(parts)})
    return {
        "source": "통계청 SGIS 2018 시도 경계(공공누리 제1유형), southkorea/southkorea-maps",
        "view_box": f"0 0 {WIDTH:g} {height:g}",
        "regions": regions,
    }


def write_region_map(path: Path | None = None) -> Path:
    target = path or _static_root() / OUTPUT
    data = build_region_map()
    target.write_text(json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    return target


@functools.cache
def region_shapes() -> dict:
    """The committed map data: ``{"view_box": ..., "shapes": {code: path}}``."""
    data = json.loads((_static_root() / OUTPUT).read_text(encoding="utf-8"))
    return {"view_box": data["view_box"], "shapes": {region["code"]: region["d"] for region in data["regions"]}}
