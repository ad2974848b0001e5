"""Each chart kind in both languages: its Vega-Lite spec, its SVG (Chinese labels as text),
its alt text and its data rows."""

from __future__ import annotations

import re

import pytest

from factsite.content.model import Entity, Fact
from factsite.content.references import chart_problem
from factsite.content.text import Text
from factsite.render.charts.plan import ChartDef
from factsite.render.charts.rows import describe_chart
from factsite.render.charts.specs import SpecBuilder, build_chart
from factsite.render.charts.svg import scope_svg_ids
from helpers import LOCALES, svg_renderer


def fact(fid, zh, en, value=None, series=None, kind="actual", period="2023", unit="enterprises"):
    data = {"id": fid, "label": {"zh": zh, "en": en}, "unit": unit, "kind": kind,
            "source": {"doc": "d", "quote": "quote"}}
    if series:
        data["series"] = [{"period": p, "value": v} for p, v in series]
    else:
        data.update(value=value, period=period)
    return Fact.model_validate(data)


def entity(eid, zh, en):
    return Entity.model_validate({"id": eid, "type": {"zh": "区", "en": "district"},
                                  "name": {"zh": zh, "en": en},
                                  "summary": {"zh": "x", "en": "x"}})


EAST, WEST = entity("east", "东区", "East District"), entity("west", "西区", "West District")
TREND = ChartDef("t", "trend", Text(zh="高新技术企业数", en="High-tech firms"), (
    (EAST, fact("ht", "高新技术企业", "High-tech firms", series=[("2018", 295), ("2023", 1880)])),
    (EAST, fact("ht-target", "高新技术企业", "High-tech firms", 3000, kind="target",
                period="2025")),
))
COMPARE = ChartDef("c", "compare", Text(zh="小巨人企业", en="Little giants"), (
    (EAST, fact("lg", "小巨人企业", "Little giants", 41)),
    (WEST, fact("lg", "小巨人企业", "Little giants", 11, period="2021")),
))
COMPOSITION = ChartDef("p", "composition", Text(zh="专项经费", en="Special funds"), (
    (EAST, fact("total", "合计", "Total", 29.9, unit="cny_100m", period="2022")),
    (EAST, fact("city", "市本级", "City level", 15.3, unit="cny_100m", period="2022")),
))
PROGRESS = ChartDef("g", "progress", Text(zh="数字化改造完成率", en="Digital retrofit rate"), (
    (EAST, fact("done", "完成率", "Completion rate", 90.3, unit="percent", period="2024")),
    (EAST, fact("goal", "完成率", "Completion rate", 100, unit="percent", kind="target",
                period="2025")),
))
LADDER = ChartDef("l", "ladder", Text(zh="专精特新梯队", en="SRDI ladder"), (
    (EAST, fact("lg", "国家级小巨人", "National little giants", 41)),
    (EAST, fact("srdi", "省级专精特新中小企业", "Provincial SRDI SMEs", 259)),
    (EAST, fact("inn", "创新型中小企业", "Innovative SMEs", 749)),
))
CHARTS = [TREND, COMPARE, COMPOSITION, PROGRESS, LADDER]
EXPECTED_ZH = {"t": ["2018年", "2023年", "1880家"], "c": ["东区 (2023年)", "西区 (2021年)"],
               "p": ["市本级 (2022年)", "15.3亿元"], "g": ["完成率 (目标 2025年)", "90.3%"],
               "l": ["国家级小巨人 (2023年)", "749家"]}
EXPECTED_EN = {"t": ["2018", "1,880 enterprises"], "c": ["East District (2023)"],
               "p": ["CNY 1.53 billion"], "g": ["90.3%"], "l": ["Innovative SMEs (2023)"]}


def svg_texts(svg: str) -> set[str]:
    return {t.replace("&amp;", "&") for t in re.findall(r"<text[^>]*>([^<]+)</text>", svg)}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("chart", CHARTS, ids=[c.type for c in CHARTS])
def test_chart_spec_svg_alt_and_rows(chart: ChartDef, lang: str):
    built, rows = build_chart(chart, LOCALES[lang])
    spec = built.to_dict()
    assert spec["title"]["text"] == chart.title[lang]
    assert spec["config"]["font"] == "Noto Sans SC"
    values = spec["data"]["values"] if "data" in spec else spec["datasets"][
        next(iter(spec["datasets"]))]
    assert len([v for v in values if v["role"] == "point"]) == len(rows) >= 2
    with svg_renderer() as renderer:
        svg = renderer.render(spec)
    texts = svg_texts(svg)
    assert chart.title[lang] in texts
    for label in (EXPECTED_ZH if lang == "zh" else EXPECTED_EN)[chart.id]:
        assert any(label in t for t in texts), (label, sorted(texts))
    alt = describe_chart(chart, rows, LOCALES[lang])
    assert chart.title[lang] in alt
    assert rows[0]["value_label"] in alt
    assert "chart" not in alt.lower() or lang == "en" and len(alt) > 40


def test_targets_are_hollow_and_never_joined():
    spec = build_chart(TREND, LOCALES["en"])[0].to_dict()
    values = spec["data"]["values"]
    segments = [v for v in values if v["role"] == "segment"]
    assert segments and all(v["kind"] == "actual" for v in segments)  # targets never joined
    points = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "point")
    assert points["encoding"]["fill"]["value"] == "white"  # hollow unless actual and stated
    assert "datum.kind === 'actual'" in points["encoding"]["fill"]["condition"]["test"]


def test_svg_ids_are_scoped_per_chart():
    svg = '<svg><clipPath id="clip1"/><g clip-path="url(#clip1)"/></svg>'
    out = scope_svg_ids(svg, "c-x")
    assert 'id="c-x-clip1"' in out and "url(#c-x-clip1)" in out


def test_chart_problems_are_explained():
    assert "share a unit" in chart_problem("ladder", [f for _, f in COMPOSITION.refs] +
                                           [LADDER.refs[0][1]])
    assert "actual and a target" in chart_problem("progress", [f for _, f in LADDER.refs][:2])
    assert chart_problem("ladder", [f for _, f in LADDER.refs]) is None


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("chart", CHARTS, ids=[c.type for c in CHARTS])
def test_fast_spec_equals_the_altair_chart(chart: ChartDef, lang: str):
    built, rows = build_chart(chart, LOCALES[lang])
    fast, fast_rows = SpecBuilder().spec(chart, LOCALES[lang])
    assert fast == built.to_dict()
    assert fast_rows == rows
