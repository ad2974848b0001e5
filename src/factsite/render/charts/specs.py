"""Vega-Lite specs built with Altair: a trend chart (values over periods) and a bar chart
(compare, composition, progress, ladder). Each chart type's spec is built and validated once
as a skeleton, then filled with a chart's rows and strings (`SpecBuilder`)."""

from __future__ import annotations

import json

import altair as alt

from factsite.core.fonts import FAMILY
from factsite.render.charts.plan import ChartDef
from factsite.render.charts.rows import Layout, chart_rows, prepare_rows
from factsite.render.locale import Locale

TEAL, AMBER, GREY, INK = "#0b5d6b", "#9a5b00", "#7a868c", "#1d2327"
FONT = FAMILY
WIDTH = 520
PALETTE = alt.Scale(range=[TEAL, AMBER, GREY])
# the unit reads horizontally above the axis, as in print charts
UNIT_AXIS = alt.Axis(titleAngle=0, titleAlign="left", titleAnchor="end", titleY=-12,
                     titleX=0, titleFontWeight="normal")


def _config(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    # labels are never cut: a truncated label hides what a bar is, and measuring it costs
    return chart.configure(font=FONT, background="white").configure_axis(
        labelFont=FONT, titleFont=FONT, labelColor=INK, titleColor=INK, gridColor="#e3e7e9",
        labelFontSize=11, titleFontSize=11, labelLimit=0).configure_title(
        font=FONT, fontSize=13, anchor="start", color=INK, subtitleFont=FONT,
        subtitleFontSize=11, subtitleColor="#4f5a60").configure_view(
        stroke=None).configure_legend(labelFont=FONT, titleFont=FONT, labelLimit=0)


def _title(layout: Layout) -> alt.TitleParams:
    """Title, then unit and scope, then the source line: a screenshot still says it all."""
    return alt.TitleParams(text=layout.title, subtitle=list(layout.subtitle) or None)


def build_trend_chart(layout: Layout, data: alt.Data) -> alt.TopLevelMixin:
    """Values over periods. Actual points of one period type are joined segment by segment
    (a segment touching an inferred point is dashed); a lone point of another period type is
    a dot with its own period label; inferred points and targets are hollow, targets are
    never joined. Several series of one unit are small multiples on one shared scale."""
    x = alt.X("period_label:N", sort=list(layout.order), title=None,
              axis=alt.Axis(labelAngle=0))
    y = alt.Y("value:Q", title=layout.unit, scale=alt.Scale(zero=True), axis=UNIT_AXIS)
    color = alt.Color("metric:N", scale=PALETTE, legend=alt.Legend(
        orient="bottom", title=None) if layout.legend else None)
    tooltip = [alt.Tooltip("metric:N"), alt.Tooltip("period_label:N"),
               alt.Tooltip("value_label:N"), alt.Tooltip("kind_label:N")]
    base = alt.Chart(data).encode(x=x, y=y, color=color)
    segments = base.transform_filter(alt.datum.role == "segment").mark_line(
        strokeWidth=2.5).encode(detail="segment:N", strokeDash=alt.condition(
            alt.datum.segment_inferred, alt.value([6, 4]), alt.value([1, 0])))
    points_only = base.transform_filter(alt.datum.role == "point")
    solid = (alt.datum.kind == "actual") & ~alt.datum.period_inferred
    points = points_only.mark_point(size=90, strokeWidth=2, opacity=1).encode(
        fill=alt.condition(solid, alt.Fill("metric:N", legend=None, scale=PALETTE),
                           alt.value("white")),
        shape=alt.Shape("kind_label:N", legend=None), tooltip=tooltip)
    labels = points_only.mark_text(dy=-12, fontSize=11, color=INK).encode(text="value_label:N")
    panel = alt.layer(segments, points, labels)
    if layout.facets:
        return _config(panel.properties(width=WIDTH // 2 - 40, height=layout.height).facet(
            facet=alt.Facet("metric:N", title=None, header=alt.Header(labelFont=FONT,
                                                                      labelFontSize=12)),
            columns=2, data=data))
    return _config(panel.properties(width=WIDTH, height=layout.height))


def build_bar_chart(layout: Layout, data: alt.Data) -> alt.TopLevelMixin:
    """Horizontal bars for compare, composition, progress and ladder charts.

    compare: one bar per entity (label says the period); composition: the total first, then
    its parts; progress: actual bar and a hollow target; ladder: tiers in the declared order.
    """
    base = alt.Chart(data).encode(
        y=alt.Y("bar:N", sort=list(layout.order), title=None, axis=alt.Axis(labelLimit=0)),
        x=alt.X("value:Q", title=layout.unit, scale=alt.Scale(zero=True),
                axis=alt.Axis(titleFontWeight="normal")),
        tooltip=[alt.Tooltip("bar:N"), alt.Tooltip("value_label:N"),
                 alt.Tooltip("kind_label:N")],
    )
    solid = (alt.datum.kind == "actual") & ~alt.datum.period_inferred
    bars = base.mark_bar(height={"band": 0.7}, strokeWidth=2).encode(
        color=alt.condition(solid, alt.value(TEAL), alt.value("white")),
        stroke=alt.condition(alt.datum.kind == "actual", alt.value(TEAL), alt.value(AMBER)),
        strokeDash=alt.condition(solid, alt.value([1, 0]), alt.value([5, 3])))
    labels = base.mark_text(align="left", dx=4, fontSize=11, color=INK).encode(
        text="value_label:N")
    return _config(alt.layer(bars, labels).properties(width=WIDTH - 160, height=layout.height))


def _build(layout: Layout, data: alt.Data) -> alt.TopLevelMixin:
    builder = build_trend_chart if layout.type == "trend" else build_bar_chart
    return builder(layout, data).properties(title=_title(layout))


def segment_rows(rows: list[dict]) -> list[dict]:
    """The line segments of a trend: consecutive actual points of one line (one fact, one
    period type), each segment dashed when one of its ends is inferred."""
    out, by_line = [], {}
    for row in sorted(rows, key=lambda r: r["sort"]):
        if row["kind"] == "actual" and row["line"]:
            by_line.setdefault(row["line"], []).append(row)
    for line, points in by_line.items():
        for i, (a, b) in enumerate(zip(points, points[1:])):
            dashed = a["period_inferred"] or b["period_inferred"]
            for end in (a, b):
                out.append({**end, "role": "segment", "segment": f"{line}|{i}",
                            "segment_inferred": dashed})
    return out


def spec_data(layout: Layout, rows: list[dict]) -> list[dict]:
    """What the spec draws: every point, plus the line segments of a trend."""
    points = [{**r, "role": "point"} for r in rows]
    return points + (segment_rows(rows) if layout.type == "trend" else [])


def build_chart(chart: ChartDef, loc: Locale, source: str = "") -> tuple[alt.TopLevelMixin,
                                                                        list[dict]]:
    """The Altair chart and its rows, for any chart type (the reference implementation)."""
    rows = chart_rows(chart, loc)
    layout = prepare_rows(chart, rows, loc, source)
    return _build(layout, alt.Data(values=spec_data(layout, rows))), rows


_TITLE, _UNIT, _ORDER, _SUB = "\x00title", "\x00unit", "\x00order", "\x00subtitle"


def _skeleton(chart_type: str, legend: bool, facets: bool, subtitles: int) -> str:
    """The Vega-Lite JSON of a chart type with placeholders, built (and validated) by Altair."""
    layout = Layout(chart_type, _TITLE, (_SUB,) * subtitles, _UNIT, (_ORDER,), legend, -1,
                    facets)
    return json.dumps(_build(layout, alt.Data(name="rows")).to_dict())


def _fill(node, layout: Layout, rows: list[dict]):
    if isinstance(node, dict):
        if node == {"name": "rows"}:
            return {"values": rows}
        return {k: _fill(v, layout, rows) for k, v in node.items()}
    if isinstance(node, list):
        if node == [_ORDER]:
            return list(layout.order)
        if node and all(v == _SUB for v in node):
            return list(layout.subtitle)
        return [_fill(v, layout, rows) for v in node]
    if node == _TITLE:
        return layout.title
    if node == _UNIT:
        return layout.unit
    if node == -1:
        return layout.height
    return node


class SpecBuilder:
    """Builds chart specs fast: each type's validated skeleton is made once per builder and
    filled with a chart's rows and strings (equal to `build_chart(...).to_dict()`, as a
    test checks)."""

    def __init__(self) -> None:
        self._skeletons: dict[tuple, str] = {}

    def spec(self, chart: ChartDef, loc: Locale, source: str = "") -> tuple[dict, list[dict]]:
        rows = chart_rows(chart, loc)
        layout = prepare_rows(chart, rows, loc, source)
        key = (layout.type, layout.legend, layout.facets, len(layout.subtitle))
        if key not in self._skeletons:
            self._skeletons[key] = _skeleton(*key)
        return _fill(json.loads(self._skeletons[key]), layout, spec_data(layout, rows)), rows
