import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from apps.portal import geo

ROOT = Path(settings.BASE_DIR)


def test_committed_map_is_what_the_builder_makes():
    committed = json.loads((ROOT / "static" / geo.OUTPUT).read_text(encoding="utf-8"))

    assert committed == json.loads(json.dumps(geo.build_region_map()))


def test_map_has_every_region_code_with_merged_jeonnam_gwangju():
    data = geo.build_region_map()
    codes = {region["code"] for region in data["regions"]}

    assert codes == {
        "11",
        "26",
        "27",
        "28",
        "29",
        "30",
        "31",
        "36",
        "41",
        "43",
        "44",
        "46",
        "47",
        "48",
        "50",
        "51",
        "52",
        "12",
    }
    shapes = {region["code"]: region["d"] for region in data["regions"]}
    # The merged region has no hole where 광주 was: one ring fewer than 전남 (광주's hole).
    assert shapes["12"].count("M") == shapes["46"].count("M") - 1


def _topology():
    return json.loads((ROOT / "static" / geo.TOPOJSON).read_text(encoding="utf-8"))


def test_merge_drops_the_shared_border_only():
    topology = _topology()
    arcs = geo._decode_arcs(topology)
    (geometries,) = [obj["geometries"] for obj in topology["objects"].values()]
    by_name = {g["properties"]["name"]: geo._rings_of(g) for g in geometries}
    rings = by_name["광주광역시"] + by_name["전라남도"]

    merged = geo._merge_rings(rings, arcs)

    used = {index if index >= 0 else ~index for ring in merged for index in ring}
    gwangju = {index if index >= 0 else ~index for ring in by_name["광주광역시"] for index in ring}
    assert not used & gwangju
    for ring in merged:  # every ring closes
        points = geo._ring_points(ring, arcs)
        assert points[0] == points[-1]


@pytest.mark.skipif(shutil.which("node") is None, reason="node not installed")
def test_merge_matches_topojson_client():
    """The same arcs as topojson-client's ``mergeArcs`` (npm, the reference implementation)."""
    script = """
      const topojson = require(process.argv[1]);
      const topology = require(process.argv[2]);
      const object = Object.values(topology.objects)[0];
      const parts = object.geometries.filter(g => ["광주광역시", "전라남도"].includes(g.properties.name));
      const merged = topojson.mergeArcs(topology, parts);
      const arcs = new Set(merged.arcs.flat(2).map(i => i < 0 ? ~i : i));
      console.log(JSON.stringify([...arcs].sort((a, b) => a - b)));
    """
    library = ROOT / "node_modules" / "topojson-client" / "dist" / "topojson-client.js"
    if not library.exists():
        pytest.skip("npm ci not run")
    output = subprocess.run(
        ["node", "-e", script, str(library), str(ROOT / "static" / geo.TOPOJSON)],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    topology = _topology()
    arcs = geo._decode_arcs(topology)
    (geometries,) = [obj["geometries"] for obj in topology["objects"].values()]
    rings = [r for g in geometries if g["properties"]["name"] in ("광주광역시", "전라남도") for r in geo._rings_of(g)]
    ours = sorted({index if index >= 0 else ~index for ring in geo._merge_rings(rings, arcs) for index in ring})

    assert ours == json.loads(output)
