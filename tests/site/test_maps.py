"""The district map: drawn from the content's TopoJSON, static SVG on the home page and the
region's page in every language, a locator image on each area's page; every area with a page
is a link, the others are said to be not covered by the sources; the source line is inside the
picture and the caption says it is an illustration, not a survey map."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest

from factsite.content.loader import load_edition
from factsite.render.charts.maps import (_compact_path, area_bbox, mercator_aspect,
                                         with_links)
from helpers import REPO

EDITION = load_edition(REPO / "content")
SHEET = EDITION.maps["hangzhou-districts"]
COVERED = {code: f.entity for code, f in SHEET.features.items() if f.entity}
UNCOVERED = {code: f for code, f in SHEET.features.items() if not f.entity}


def test_the_sheet_names_every_district_of_the_boundary_file():
    topo = EDITION.topologies["hangzhou-districts"]
    codes = [g["properties"]["code"] for g in topo["objects"]["districts"]["geometries"]]
    assert sorted(codes) == sorted(SHEET.features) and len(codes) == 13
    assert set(COVERED.values()) == {e.id for e in EDITION.by_kind("district")} - {"hangzhou"}
    # the areas without a page are named in every language, Traditional derived
    assert UNCOVERED["330105"].name["en"] == "Gongshu District"
    assert UNCOVERED["330122"].name["zh-hant"] == "桐廬縣"


def test_the_boundary_file_is_small_and_geographic():
    path = REPO / "content" / "maps" / SHEET.file
    assert path.stat().st_size < 60_000  # simplified: tens of KB, not the 77 MB package
    west, south, east, north = area_bbox(EDITION.topologies[SHEET.id], SHEET)
    assert 118 < west < east < 121 and 29 < south < north < 31  # Hangzhou, in WGS-84 degrees
    assert 0.6 < mercator_aspect((west, south, east, north)) < 0.75


def _svg_links(html: str, map_id: str = "map-hangzhou-districts") -> tuple[set[str], str]:
    """The links inside the full map's SVG, and the whole figure."""
    figure = re.search(rf'<figure class="fs-chart fs-map" id="{map_id}".*?</figure>', html, re.S)
    assert figure, "no full map on the page"
    svg = re.search(r"<svg.*?</svg>", figure.group(0), re.S).group(0)
    return set(re.findall(r'<a tabindex="-1" href="([^"]+)"', svg)), figure.group(0)


@pytest.mark.parametrize("lang", ["zh", "en", "zh-hant"])
@pytest.mark.parametrize("page", ["", "district/hangzhou/"])
def test_the_full_map_links_every_covered_district(real_site: Path, lang: str, page: str):
    html = (real_site / lang / page / "index.html").read_text("utf-8")
    links, figure = _svg_links(html)
    here = real_site / lang / page
    targets = {(here / link / "index.html").resolve() for link in links}
    assert targets == {(real_site / lang / "district" / e / "index.html").resolve()
                       for e in COVERED.values()}
    assert all(t.exists() for t in targets)
    text = unescape(figure)
    svg = re.search(r"<svg.*?</svg>", text, re.S).group(0)
    legend, marked = {"zh": ("来源未涉及", "行政区域示意图，非测绘地图"),
                      "en": ("Not covered by the sources", "not a survey map"),
                      "zh-hant": ("來源未涉及", "行政區域示意圖，非測繪地圖")}[lang]
    assert legend in svg and marked in svg  # a screenshot of the picture still says both
    assert SHEET.note[lang] in text  # and so does the caption
    assert SHEET.credit[lang] in svg  # the source line is inside the picture
    for feature in UNCOVERED.values():  # every area without a page is drawn and named
        assert feature.short_name[lang] in text
    # the caption repeats the links as text (the picture is hidden from screen readers)
    caption = re.search(r"<figcaption.*?</figcaption>", figure, re.S).group(0)
    assert len(re.findall(r"<a href=", caption)) == len(COVERED)


def test_the_interactive_spec_has_links_relative_to_its_page(real_site: Path):
    for page, up in (("", ""), ("district/hangzhou/", "../../")):
        spec = json.loads((real_site / "en" / page / "map-hangzhou-districts.vl.json")
                          .read_text("utf-8"))
        rows = [r for part in spec["hconcat"] for layer in part["layer"]
                for r in (layer.get("data", {}).get("values") or [])
                if isinstance(r, dict) and "href" in r]
        assert {r["href"] for r in rows if r["href"]} == {
            f"{up}district/{e}/" for e in COVERED.values()}


@pytest.mark.parametrize("lang", ["zh", "en", "zh-hant"])
def test_every_district_page_has_its_locator(real_site: Path, lang: str):
    for code, entity in COVERED.items():
        folder = real_site / lang / "district" / entity
        html = (folder / "index.html").read_text("utf-8")
        img = re.search(r'<img class="fs-map__img" src="([^"]+)" width="(\d+)" height="(\d+)" '
                        r'alt="([^"]+)"', html)
        assert img, entity
        svg = (folder / img.group(1)).read_text("utf-8")
        assert svg.startswith("<svg") and "<text" not in svg and "href" not in svg
        assert svg.count('fill="#9a5b00"') == 1  # exactly its own area picked out
        assert EDITION.entities[entity].name[lang] in unescape(img.group(4))
        assert 'href="../hangzhou/#map-hangzhou-districts"' in html


def test_the_mini_edition_draws_its_own_map(mini_site: Path):
    """The generator is general: the mini fixture's made-up rectangles make the same figures."""
    html = (mini_site / "en" / "index.html").read_text("utf-8")
    links, figure = _svg_links(html, "map-river-city")
    assert links == {"district/west-district/", "district/east-district/"}
    assert "North" in figure and "Not covered by the sources" in figure
    assert (mini_site / "en" / "district" / "east-district" / "locator-river-city.svg").exists()


def test_compact_paths_keep_the_shape():
    d = "M10.26,20.04L15.51,20.049L15.52,20.05L30,40.44ZM1,1L2,2L3,1Z"
    assert _compact_path(d, 1) == "M10.3,20l5.2,0 14.5,20.4ZM1,1l1,1 1,-1Z"
    assert _compact_path(d, 0) == "M10,20l6,0 14,20ZM1,1l1,1 1,-1Z"
    assert _compact_path("M0,0h560v420h-560Z", 0) == "M0,0h560v420h-560Z"  # not a polygon


def test_links_are_written_for_the_page():
    text = '<a href="https://factsite.invalid/district/x/">'
    assert with_links(text, lambda p: "../../" + p) == '<a href="../../district/x/">'
