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
    return chart.configure(font=FONT, background="white").configure_axis(
        labelFont=FONT, titleFont=FONT, labelColor=INK, titleColor=INK, gridColor="#e3e7e9",
        labelFontSize=11, titleFontSize=11, labelLimit=220).configure_title(
        font=FONT, fontSize=13, anchor="start", color=INK).configure_view(
        stroke=None).configure_legend(labelFont=FONT, titleFont=FONT)


def build_trend_chart(layout: Layout, data: alt.Data) -> alt.TopLevelMixin:
    """Values over periods; actuals joined by a line, targets as hollow markers (never joined)."""
    base = alt.Chart(data).encode(
        x=alt.X("period_label:N", sort=list(layout.order), title=None,
                axis=alt.Axis(labelAngle=0)),
        y=alt.Y("value:Q", title=layout.unit, scale=alt.Scale(zero=True), axis=UNIT_AXIS),
        color=alt.Color("metric:N", legend=alt.Legend(orient="bottom", title=None,
                                                      labelLimit=480) if layout.legend
                        else None, scale=PALETTE),
        tooltip=[alt.Tooltip("metric:N"), alt.Tooltip("period_label:N"),
                 alt.Tooltip("value_label:N"), alt.Tooltip("kind_label:N")],
    )
    actual = alt.datum.kind == "actual"
    line = base.transform_filter(actual).mark_line(strokeWidth=2.5)
    points = base.mark_point(size=90, strokeWidth=2, opacity=1).encode(
        fill=alt.condition(actual, alt.Fill("metric:N", legend=None, scale=PALETTE),
                           alt.value("white")),
        shape=alt.Shape("kind_label:N", legend=None))
    labels = base.mark_text(dy=-12, fontSize=11, color=INK).encode(text="value_label:N")
    layered = alt.layer(line, points, labels).properties(width=WIDTH, height=layout.height)
    return _config(layered)


def build_bar_chart(layout: Layout, data: alt.Data) -> alt.TopLevelMixin:
    """Horizontal bars for compare, composition, progress and ladder charts.

    compare: one bar per entity (label says the period); composition: the total first, then
    its parts; progress: actual bar and a hollow target; ladder: tiers in the declared order.
    """
    base = alt.Chart(data).encode(
        y=alt.Y("bar:N", sort=list(layout.order), title=None, axis=alt.Axis(labelLimit=260)),
        x=alt.X("value:Q", title=layout.unit, scale=alt.Scale(zero=True),
                axis=alt.Axis(titleFontWeight="normal")),
        tooltip=[alt.Tooltip("bar:N"), alt.Tooltip("value_label:N"),
                 alt.Tooltip("kind_label:N")],
    )
    actual = alt.datum.kind == "actual"
    bars = base.mark_bar(height={"band": 0.7}, strokeWidth=2).encode(
        color=alt.condition(actual, alt.value(TEAL), alt.value("white")),
        stroke=alt.condition(actual, alt.value(TEAL), alt.value(AMBER)),
        strokeDash=alt.condition(actual, alt.value([1, 0]), alt.value([5, 3])))
    labels = base.mark_text(align="left", dx=4, fontSize=11, color=INK).encode(
        text="value_label:N")
    return _config(alt.layer(bars, labels).properties(width=WIDTH - 160, height=layout.height))


def _build(layout: Layout, data: alt.Data) -> alt.TopLevelMixin:
    builder = build_trend_chart if layout.type == "trend" else build_bar_chart
    return builder(layout, data).properties(title=layout.title)


def build_chart(chart: ChartDef, loc: Locale) -> tuple[alt.TopLevelMixin, list[dict]]:
    """The Altair chart and its rows, for any chart type (the reference implementation)."""
    rows = chart_rows(chart, loc)
    layout = prepare_rows(chart, rows, loc)
    return _build(layout, alt.Data(values=rows)), rows


_TITLE, _UNIT, _ORDER = "\x00title", "\x00unit", "\x00order"


def _skeleton(chart_type: str, legend: bool) -> str:
    """The Vega-Lite JSON of a chart type with placeholders, built (and validated) by Altair."""
    layout = Layout(chart_type, _TITLE, _UNIT, (_ORDER,), legend, -1)
    return json.dumps(_build(layout, alt.Data(name="rows")).to_dict())


def _fill(node, layout: Layout, rows: list[dict]):
    if isinstance(node, dict):
        if node == {"name": "rows"}:
            return {"values": rows}
        return {k: _fill(v, layout, rows) for k, v in node.items()}
    if isinstance(node, list):
        if node == [_ORDER]:
            return list(layout.order)
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
        self._skeletons: dict[tuple[str, bool], str] = {}

    def spec(self, chart: ChartDef, loc: Locale) -> tuple[dict, list[dict]]:
        rows = chart_rows(chart, loc)
        layout = prepare_rows(chart, rows, loc)
        key = (layout.type, layout.legend)
        if key not in self._skeletons:
            self._skeletons[key] = _skeleton(*key)
        return _fill(json.loads(self._skeletons[key]), layout, rows), rows
