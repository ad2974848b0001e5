"""District maps as Vega-Lite `geoshape` specs, rendered to static SVG like every chart.

The full map (on the home page and the region's page) labels every area, links each area
that has a page, draws the areas the sources do not cover in grey with that said in the
legend, and repeats the small central areas enlarged beside it. A district page gets a
small locator map with its own area picked out: an image beside the summary (its own file,
the page stays light), explained by its caption. Title and the boundary data's source line
are inside the SVG; the caption says that the map illustrates administrative areas and is
not a survey map.

Links inside the SVG are written against LINK_BASE and made relative to the page that
shows the map (`with_links`), so one rendering serves every page of a language."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

import altair as alt

from factsite.content.edition import Edition
from factsite.content.maps import MapSheet, feature_codes
from factsite.render.charts.specs import AMBER, FONT, INK
from factsite.render.locale import Locale

LINK_BASE = "https://factsite.invalid/"  # placeholder origin of the links inside a map
HOME = ":home"  # owner key of the home page's map
# light fills, so that dark labels read on the areas and on the white around them
# (factsite.css repeats the locator's three for the swatches of its caption)
COVERED, UNCOVERED, NEARBY = "#7fb1b9", "#d5dcdf", "#b5d3d8"
FULL_WIDTH, INSET_WIDTH, LOCATOR_WIDTH = 500, 170, 240


@dataclass(frozen=True)
class MapDef:
    """One map figure: the whole region, or a locator picking out one entity's area."""

    id: str
    sheet: MapSheet
    highlight: str | None = None  # entity id of the picked-out area (a locator map)

    @property
    def locator(self) -> bool:
        return self.highlight is not None


def plan_maps(edition: Edition) -> list[tuple[str, MapDef]]:
    """(owner, map) of every map: the full map on the home page and on the region's page,
    a locator on the page of every entity that is an area of a map."""
    out = []
    for sheet in edition.maps.values():
        full = MapDef(f"map-{sheet.id}", sheet)
        out += [(HOME, full), (sheet.region, full)]
        for feature in sheet.features.values():
            if feature.entity and feature.entity != sheet.region:
                out.append((feature.entity, MapDef(f"locator-{sheet.id}", sheet,
                                                   feature.entity)))
    return out


def _arc_indexes(node) -> list[int]:
    if isinstance(node, int):
        return [node if node >= 0 else ~node]
    return [i for child in node for i in _arc_indexes(child)]


def area_bbox(topo: dict, sheet: MapSheet, codes: list[str] | None = None
              ) -> tuple[float, float, float, float]:
    """(west, south, east, north) of the areas `codes` (all areas when None), in degrees."""
    transform = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        if transform:  # quantized: delta-encoded integer steps
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            points = []
            for dx, dy in arc:
                x, y = x + dx, y + dy
                points.append((x * sx + tx, y * sy + ty))
            arcs.append(points)
        else:
            arcs.append([tuple(p[:2]) for p in arc])
    used = set()
    for geometry in topo["objects"][sheet.object]["geometries"]:
        code = str((geometry.get("properties") or {}).get(sheet.key))
        if codes is None or code in codes:
            used.update(_arc_indexes(geometry.get("arcs", [])))
    xs = [x for i in used for x, _ in arcs[i]]
    ys = [y for i in used for _, y in arcs[i]]
    return min(xs), min(ys), max(xs), max(ys)


def mercator_aspect(bbox: tuple[float, float, float, float]) -> float:
    """Height over width of a bounding box drawn in the Mercator projection."""
    west, south, east, north = bbox

    def y(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    return (y(north) - y(south)) / math.radians(east - west)


def _frame(bbox: tuple[float, float, float, float], pad: float = 0.01) -> alt.Chart:
    """A thin rectangle on the full map around the areas the inset enlarges."""
    w, s, e, n = bbox[0] - pad, bbox[1] - pad, bbox[2] + pad, bbox[3] + pad
    ring = [[w, s], [w, n], [e, n], [e, s], [w, s]]  # clockwise: d3-geo's outer ring
    shape = {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon",
                                                             "coordinates": [ring]}}
    return alt.Chart(alt.Data(values=[shape], format=alt.DataFormat(type="json"))).mark_geoshape(
        fill=None, stroke=INK, strokeWidth=1, strokeDash=[3, 2], aria=False)


def _status(loc: Locale, mdef: MapDef, entity: str | None) -> str:
    if mdef.locator and entity == mdef.highlight:
        return loc.t("map.this_area")
    return loc.t("map.covered") if entity else loc.t("map.not_covered")


def map_rows(mdef: MapDef, edition: Edition, topo: dict, loc: Locale) -> list[dict]:
    """One row per area: code, names, status, link (site-relative) and label point."""
    sheet, rows = mdef.sheet, []
    props = {str((g.get("properties") or {}).get(sheet.key)): g.get("properties") or {}
             for g in topo["objects"][sheet.object]["geometries"]}
    for code in feature_codes(topo, sheet):
        feature = sheet.features[code]
        entity = edition.entities.get(feature.entity) if feature.entity else None
        name = entity.name if entity else feature.name
        short = (entity.short_name or entity.name) if entity else feature.short_name
        rows.append({
            "code": code, "name": name[loc.code], "label": short[loc.code],
            "status": _status(loc, mdef, feature.entity),
            "href": f"{LINK_BASE}{edition.kinds[entity.id]}/{entity.id}/" if entity else "",
            "lon": props[code].get("label_lon"), "lat": props[code].get("label_lat"),
            "inset": code in sheet.inset})
    return rows


def _colors(loc: Locale, mdef: MapDef) -> alt.Scale:
    if mdef.locator:
        return alt.Scale(domain=[loc.t("map.this_area"), loc.t("map.covered"),
                                 loc.t("map.not_covered")], range=[AMBER, NEARBY, UNCOVERED])
    return alt.Scale(domain=[loc.t("map.covered"), loc.t("map.not_covered")],
                     range=[COVERED, UNCOVERED])


def _areas(mdef: MapDef, topo: dict, rows: list[dict], loc: Locale,
           codes: list[str] | None = None, legend: bool = True) -> alt.Chart:
    sheet = mdef.sheet
    shapes = alt.NamedData(name=_topo_name(sheet), format=alt.DataFormat(
        type="topojson", feature=sheet.object))
    chart = alt.Chart(shapes).transform_calculate(
        code=f"toString(datum.properties[{sheet.key!r}])").transform_lookup(
        lookup="code", from_=alt.LookupData(alt.Data(values=rows), "code",
                                            ["name", "status", "href"]))
    if codes is not None:
        chart = chart.transform_filter(alt.FieldOneOfPredicate(field="code", oneOf=codes))
    links = {} if mdef.locator else {  # an image has no links; its caption does
        "href": alt.condition(alt.datum.href != "", alt.Href("href:N"), alt.value(None))}
    return chart.mark_geoshape(stroke="white", strokeWidth=0.8).encode(
        color=alt.Color("status:N", scale=_colors(loc, mdef), legend=alt.Legend(
            orient="bottom", title=None, symbolType="square", labelFontSize=11)
            if legend else None),
        tooltip=[alt.Tooltip("name:N", title=loc.t("map.area")),
                 alt.Tooltip("status:N", title=loc.t("map.status"))], **links)


def _labels(rows: list[dict], size: int = 11) -> alt.Chart:
    return alt.Chart(alt.Data(values=rows)).mark_text(fontSize=size, fontWeight="bold").encode(
        longitude="lon:Q", latitude="lat:Q", text="label:N",
        href=alt.condition(alt.datum.href != "", alt.Href("href:N"), alt.value(None)),
        color=alt.value(INK))


def build_map(mdef: MapDef, edition: Edition, loc: Locale) -> tuple[dict, list[dict]]:
    """The Vega-Lite spec of a map and its rows (one per area)."""
    topo = edition.topologies[mdef.sheet.id]
    rows = map_rows(mdef, edition, topo, loc)
    sheet, projection = mdef.sheet, alt.Projection(type="mercator")
    aspect = mercator_aspect(area_bbox(topo, sheet))
    if mdef.locator:  # no text: an image the caption explains, on any background
        chart = _areas(mdef, topo, rows, loc, legend=False).properties(
            width=LOCATOR_WIDTH, height=round(LOCATOR_WIDTH * aspect), projection=projection)
    else:
        outer = [r for r in rows if not r["inset"]]
        layers = [_areas(mdef, topo, rows, loc), _labels(outer)]
        if sheet.inset:
            inset_box = area_bbox(topo, sheet, list(sheet.inset))
            layers.append(_frame(inset_box))
        main = alt.layer(*layers).properties(width=FULL_WIDTH, height=round(FULL_WIDTH * aspect),
                                             projection=projection)
        chart = main
        if sheet.inset:
            inner = [r for r in rows if r["inset"]]
            inset = alt.layer(_areas(mdef, topo, rows, loc, list(sheet.inset)),
                              _labels(inner, 10)).properties(
                width=INSET_WIDTH, height=round(INSET_WIDTH * mercator_aspect(inset_box)),
                projection=projection,
                title=alt.TitleParams(loc.t("map.inset"), fontSize=11, fontWeight="normal",
                                      anchor="middle"))
            chart = alt.hconcat(main, inset, spacing=12)
        chart = chart.properties(title=alt.TitleParams(
            sheet.title[loc.code], subtitle=[sheet.credit[loc.code], loc.t("map.illustration")]))
    chart = chart.configure(font=FONT, background="transparent" if mdef.locator else "white",
                            padding=2 if mdef.locator else 5).configure_view(
        stroke=None).configure_title(font=FONT, fontSize=13, anchor="start", color=INK,
                                     subtitleFont=FONT, subtitleFontSize=11,
                                     subtitleColor="#4f5a60").configure_legend(
        labelFont=FONT, labelColor=INK, labelLimit=0)
    spec = chart.to_dict()
    # the boundaries join the spec after Altair: copied and validated in it, they cost 0.3 s
    spec.setdefault("datasets", {})[_topo_name(sheet)] = topo
    return spec, rows


def _topo_name(sheet) -> str:
    return f"topo-{sheet.id}"


def describe_map(mdef: MapDef, edition: Edition, rows: list[dict], loc: Locale) -> str:
    """The alternative text: what the map shows, area by area."""
    region = edition.entities[mdef.sheet.region].name
    covered = [r["name"] for r in rows if r["href"]]
    missing = [r["name"] for r in rows if not r["href"]]
    sep = loc.t("chart.alt_separator")
    if mdef.locator:
        here = next(r["name"] for r in rows if r["status"] == loc.t("map.this_area"))
        return loc.t("map.alt_locator", area=here, region=region[loc.code])
    return loc.t("map.alt", title=mdef.sheet.title[loc.code], covered=sep.join(covered),
                 missing=sep.join(missing) or "—")


_PATH_DATA = re.compile(r' d="([^"]*)"')
_COMMAND = re.compile(r"([MLZ])([^MLZ]*)")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")
_ONLY_MLZ = re.compile(r"[MLZ\d.,\se-]*")


def _num(value: float, decimals: int) -> str:
    text = f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _compact_path(d: str, decimals: int) -> str:
    """Absolute M/L/Z path data (as Vega writes geoshapes) as M + relative l steps, rounded,
    with the steps that round to nothing dropped."""
    if not _ONLY_MLZ.fullmatch(d):
        return d  # not a geoshape's polygon (e.g. the background rectangle): left alone
    out, scale = [], 10 ** decimals
    for command, args in _COMMAND.findall(d):
        if command == "Z":
            out.append("Z")
            continue
        values = [round(float(v) * scale) for v in _NUMBER.findall(args)]
        points = list(zip(values[::2], values[1::2]))
        if not points:
            continue
        if command == "M" or not out or out[-1] == "Z":
            x, y = points[0]
            out.append(f"M{_num(x / scale, decimals)},{_num(y / scale, decimals)}")
            points = points[1:]
            out.append("l")
        for px, py in points:
            if (px, py) != (x, y):
                out.append(f"{_num((px - x) / scale, decimals)},{_num((py - y) / scale, decimals)}")
                x, y = px, py
    text = ""
    for token in out:  # "M1,2l3,4 5,6Z": a space only between two steps
        if text and token[0] not in "MlZ-" and text[-1] not in "lZ":
            text += " "
        text += token
    return text.replace("lZ", "Z").replace("lM", "M")


def compact_paths(svg: str, decimals: int) -> str:
    """The path data of a map's SVG rounded (a locator needs whole pixels, the full map
    tenths) and written as relative steps: a fraction of the size, no visible change."""
    return _PATH_DATA.sub(lambda m: f' d="{_compact_path(m.group(1), decimals)}"', svg)


def page_svg(svg: str) -> str:
    """The links of a map's static SVG as a page needs them: out of the tab order (the
    caption lists the same links as text, and the picture is hidden from screen readers),
    `href` rather than the older `xlink:href`."""
    return svg.replace("<a xlink:href=", '<a tabindex="-1" href=')


_LINK = re.compile(re.escape(LINK_BASE) + r'([^"\\]*)')


def with_links(text: str, link: Callable[[str], str]) -> str:
    """A map's SVG or spec with each link to a site path replaced by `link(path)`."""
    return _LINK.sub(lambda m: link(m.group(1)), text)


@dataclass(frozen=True)
class RenderedMap:
    """A map ready for a page: static SVG and spec with site-relative links (LINK_BASE), its
    rows and alternative text."""

    svg: str
    spec_json: str
    rows: list
    alt: str
    png: bytes = b""  # the 2× PNG download of a full map

    @property
    def width(self) -> int:
        return int(float(re.search(r'<svg[^>]*? width="([\d.]+)"', self.svg).group(1)))

    @property
    def height(self) -> int:
        return int(float(re.search(r'<svg[^>]*? height="([\d.]+)"', self.svg).group(1)))

    def with_links(self, link: Callable[[str], str]) -> RenderedMap:
        """The map with its links to site paths (kind/id/) written by `link`."""
        return RenderedMap(with_links(self.svg, link), with_links(self.spec_json, link),
                           self.rows, self.alt, self.png)
