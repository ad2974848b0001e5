"""Chart builders: pure functions of (resolved facts, language) -> Altair chart, data rows and
alt text. Which facts a chart shows is declared in content (`charts:`) or derived from a fact
with a series; the rendering to SVG lives in `chart_render`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

import altair as alt

from factsite.edition import Edition
from factsite.model import Entity, Fact, Text
from factsite.numbers import format_value, unit_label
from factsite.periods import format_period, parse_period

TEAL, AMBER, GREY, INK = "#0b5d6b", "#9a5b00", "#7a868c", "#1d2327"
FONT = "Noto Sans SC"
WIDTH = 520
PALETTE = alt.Scale(range=[TEAL, AMBER, GREY])
# the unit reads horizontally above the axis, as in print charts
UNIT_AXIS = alt.Axis(titleAngle=0, titleAlign="left", titleAnchor="end", titleY=-12,
                     titleX=0, titleFontWeight="normal")
NUMERIC_TYPES = ("trend", "compare", "composition", "progress", "ladder")


@dataclass(frozen=True)
class ChartDef:
    """A chart of an entity page: declared in content or derived from a series."""

    id: str
    type: str
    title: Text
    refs: tuple[tuple[Entity, Fact], ...]
    derived: bool = False


def plan_charts(edition: Edition, entity: Entity) -> list[ChartDef]:
    """The charts of an entity: declared ones first, then a trend per series not yet shown."""
    charts = []
    shown: set[tuple[str, str]] = set()
    for spec in entity.charts:
        refs = tuple(edition.fact(ref, entity.id) for ref in spec.facts)
        charts.append(ChartDef(spec.id, spec.type, spec.title, refs))
        shown |= {(e.id, f.id) for e, f in refs}
    for fact in entity.facts:
        if fact.series and (entity.id, fact.id) not in shown:
            charts.append(ChartDef(f"trend-{fact.id}", "trend", fact.label, ((entity, fact),),
                                   derived=True))
    return charts


def plan_comparisons(edition: Edition) -> list[ChartDef]:
    """One compare chart per shared metric reported for two or more entities of a unit."""
    by_metric: dict[str, list[tuple[Entity, Fact]]] = {}
    for entity in sorted(edition.entities.values(), key=lambda e: e.id):
        for fact in entity.facts:
            if fact.metric and (fact.value is not None or fact.series):
                by_metric.setdefault(fact.metric, []).append((entity, fact))
    charts = []
    for metric, refs in sorted(by_metric.items()):
        actual = [r for r in refs if r[1].kind == "actual"]
        units = {f.unit for _, f in actual}
        if len({e.id for e, _ in actual}) >= 2 and len(units) == 1:
            charts.append(ChartDef(f"compare-{metric}", "compare", actual[0][1].label,
                                   tuple(actual)))
    return charts


def chart_problem(chart_type: str, facts: list[Fact]) -> str | None:
    """Why these facts cannot make this chart, or None (used by validation)."""
    if any(f.value is None and not f.series for f in facts):
        return "a chart shows numeric facts only (found a `text` fact)"
    units = {f.unit for f in facts}
    if len(units) > 1:
        return f"the facts of one chart must share a unit (found {', '.join(sorted(units))})"
    need = {"trend": 1, "compare": 2, "composition": 2, "progress": 2, "ladder": 2}[chart_type]
    if len(facts) < need:
        return f"a {chart_type} chart needs at least {need} facts"
    if chart_type == "trend" and sum(len(f.series or [1]) for f in facts) < 2:
        return "a trend chart needs at least two points"
    if chart_type == "progress" and not ({"actual", "target"} <= {f.kind for f in facts}):
        return "a progress chart needs an actual and a target fact"
    return None


def _period_label(period: str, lang: str) -> str:
    return format_period(period, lang)


def _last(fact: Fact) -> tuple[float, str]:
    """A fact's latest value and its period."""
    if fact.series:
        point = max(fact.series, key=lambda p: parse_period(p.period).sort_key())
        return point.value, point.period
    return fact.value, fact.period or ""


def chart_rows(chart: ChartDef, lang: str) -> list[dict]:
    """The data of a chart, one row per mark, with display strings in `lang`."""
    rows = []
    for order, (entity, fact) in enumerate(chart.refs):
        points = fact.series or []
        if chart.type == "compare" and points:  # one bar per entity: its latest value
            latest = max(points, key=lambda p: parse_period(p.period).sort_key())
            points = [latest]
        if not points:
            points = [type("P", (), {"period": fact.period or "", "value": fact.value})]
        for point in points:
            period = point.period
            rows.append({
                "order": order,
                "entity": entity.name[lang],
                "metric": fact.label[lang],
                "period": period,
                "period_label": _period_label(period, lang) if period else "",
                "sort": "-".join(map(str, parse_period(period).sort_key())) if period else "",
                "value": point.value,
                "value_label": format_value(point.value, fact.unit, lang, fact.qualifier),
                "unit": fact.unit or "",
                "kind": fact.kind,
                "source": fact.source.doc,
                "quote": (getattr(point, "source", None) or fact.source).quote,
            })
    return rows


def _kind_label(kind: str, lang: str) -> str:
    return {"zh": {"actual": "实绩", "target": "目标", "plan": "计划"},
            "en": {"actual": "actual", "target": "target", "plan": "planned"}}[lang][kind]


def _config(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    return chart.configure(font=FONT, background="white").configure_axis(
        labelFont=FONT, titleFont=FONT, labelColor=INK, titleColor=INK, gridColor="#e3e7e9",
        labelFontSize=11, titleFontSize=11, labelLimit=220).configure_title(
        font=FONT, fontSize=13, anchor="start", color=INK).configure_view(
        stroke=None).configure_legend(labelFont=FONT, titleFont=FONT)


@dataclass(frozen=True)
class Layout:
    """What a chart's structure depends on, apart from its data: the strings and order."""

    type: str
    title: str
    unit: str
    order: tuple[str, ...]
    legend: bool
    height: int


def prepare_rows(chart: ChartDef, rows: list[dict], lang: str) -> Layout:
    """Add the display fields marks need (kind label, bar label) and say the layout."""
    for row in rows:
        row["kind_label"] = _kind_label(row["kind"], lang)
        name = row["entity"] if chart.type == "compare" else row["metric"]
        suffix = f" ({row['period_label']})" if row["period_label"] else ""
        if chart.type == "progress" and row["kind"] == "target":
            suffix = f" ({_kind_label('target', lang)} {row['period_label']})"
        row["bar"] = f"{name}{suffix}"
    if chart.type == "trend":
        order = [r["period_label"] for r in sorted(rows, key=lambda r: r["sort"])]
    else:
        order = [r["bar"] for r in sorted(rows, key=lambda r: r["order"])]
    return Layout(chart.type, chart.title[lang], unit_label(chart.refs[0][1].unit, lang),
                  tuple(dict.fromkeys(order)), len(chart.refs) > 1 and chart.type == "trend",
                  200 if chart.type == "trend" else max(90, 34 * len(rows)))


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


def build_chart(chart: ChartDef, lang: str) -> tuple[alt.TopLevelMixin, list[dict]]:
    """The Altair chart and its rows, for any chart type (the reference implementation)."""
    rows = chart_rows(chart, lang)
    layout = prepare_rows(chart, rows, lang)
    return _build(layout, alt.Data(values=rows)), rows


_TITLE, _UNIT, _ORDER = "\x00title", "\x00unit", "\x00order"


@lru_cache(maxsize=None)
def _skeleton(chart_type: str, legend: bool) -> str:
    """The Vega-Lite JSON of a chart type with placeholders, built (and validated) once."""
    layout = Layout(chart_type, _TITLE, _UNIT, (_ORDER,), legend, -1)
    spec = _build(layout, alt.Data(name="rows")).to_dict()
    return json.dumps(spec)


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


def chart_spec(chart: ChartDef, lang: str) -> tuple[dict, list[dict]]:
    """The Vega-Lite spec of a chart, fast: the type's validated skeleton filled with this
    chart's data and strings (equal to `build_chart(...).to_dict()`, as a test checks)."""
    rows = chart_rows(chart, lang)
    layout = prepare_rows(chart, rows, lang)
    return _fill(json.loads(_skeleton(layout.type, layout.legend)), layout, rows), rows


def describe_chart(chart: ChartDef, rows: list[dict], lang: str) -> str:
    """Alt text from the data: what the chart shows, in words."""
    parts = [f"{r['metric'] if chart.type != 'compare' else r['entity']} "
             f"{r['value_label']}" + (f" ({r['period_label']})" if r["period_label"] else "")
             for r in sorted(rows, key=lambda r: (r["order"], r["sort"]))]
    title = chart.title[lang]
    if lang == "zh":
        kind = {"trend": "折线图", "compare": "对比条形图", "composition": "构成条形图",
                "progress": "目标进度图", "ladder": "梯队条形图"}[chart.type]
        if chart.type == "trend" and len(chart.refs) == 1 and len(rows) >= 2:
            first, last = sorted(rows, key=lambda r: r["sort"])[0], sorted(
                rows, key=lambda r: r["sort"])[-1]
            verb = "升至" if last["value"] > first["value"] else "降至" if \
                last["value"] < first["value"] else "保持"
            return (f"{kind}:{title},从{first['period_label']}的{first['value_label']}"
                    f"{verb}{last['period_label']}的{last['value_label']}。")
        return f"{kind}:{title}。" + ";".join(parts) + "。"
    kind = {"trend": "Line chart", "compare": "Bar chart comparing entities",
            "composition": "Bar chart of a total and its parts", "progress":
            "Progress chart of actual against target", "ladder": "Bar chart of tiers"}[chart.type]
    if chart.type == "trend" and len(chart.refs) == 1 and len(rows) >= 2:
        ordered = sorted(rows, key=lambda r: r["sort"])
        first, last = ordered[0], ordered[-1]
        verb = "rose" if last["value"] > first["value"] else "fell" if \
            last["value"] < first["value"] else "held"
        return (f"{kind}: {title} {verb} from {first['value_label']} in "
                f"{first['period_label']} to {last['value_label']} in {last['period_label']}.")
    return f"{kind}: {title}. " + "; ".join(parts) + "."
