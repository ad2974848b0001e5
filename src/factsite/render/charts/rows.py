"""A chart's data in one language: one row per mark with its display strings, the layout the
marks need, and the alt text written from the rows."""

from __future__ import annotations

from dataclasses import dataclass

from factsite.content.edition import Edition
from factsite.content.model import Fact, SourceRef
from factsite.content.periods import parse_period
from factsite.content.text import Text
from factsite.render.charts.grammar import line_key
from factsite.render.charts.plan import ChartDef
from factsite.render.locale import Locale, stated_period


def _sort_key(period: str) -> str:
    return "-".join(f"{n:04d}" for n in parse_period(period).sort_key()) if period else ""


def _points(fact: Fact) -> list[tuple[str, float, SourceRef, Text | None, bool]]:
    """(period, value, source, the source's words for the period, inferred) of each point
    of a fact, in period order."""
    if fact.series:
        return [(p.period, p.value, p.source or fact.source, p.period_phrase, p.period_inferred)
                for p in fact.points]
    return [(fact.period or "", fact.value, fact.source, fact.period_phrase,
             fact.period_inferred)]


def chart_rows(chart: ChartDef, loc: Locale) -> list[dict]:
    """The data of a chart, one row per mark, with display strings in `loc`'s language."""
    rows = []
    for order, (entity, fact) in enumerate(chart.refs):
        points = _points(fact)
        if chart.type == "compare":  # one bar per entity: its latest value
            points = points[-1:]
        for period, value, source, phrase, inferred in points:
            rows.append({
                "order": order,
                "entity": entity.name[loc.code],
                "metric": fact.label[loc.code],
                "period": period,
                "period_label": stated_period(loc, period, phrase, inferred),
                "period_inferred": inferred,
                "line": line_key(f"{entity.id}#{fact.id}", period) if period else "",
                "sort": _sort_key(period),
                "value": value,
                "value_label": loc.number(value, fact.unit, fact.qualifier),
                "unit": fact.unit or "",
                "kind": fact.kind,
                "source": source.doc,
                "quote": source.quote,
            })
    return rows


@dataclass(frozen=True)
class Layout:
    """What a chart's structure depends on, apart from its data: the strings and order."""

    type: str
    title: str
    subtitle: tuple[str, ...]  # unit and scope, then the source line: inside the SVG
    unit: str
    order: tuple[str, ...]
    legend: bool
    height: int
    facets: bool = False


def source_line(chart: ChartDef, edition: Edition, loc: Locale) -> str:
    """'Source: Xiaoshan Daily, Jul 31, 2023' for the sources of a chart's figures."""
    docs = dict.fromkeys(f.source.doc for _, f in chart.refs)
    names = []
    for doc in docs:
        src = edition.sources[doc]
        names.append(loc.t("chart.source_item", outlet=(src.publisher or src.title)[loc.code],
                           date=loc.period(src.date)))
    return loc.t("chart.source_line", sources=loc.t("chart.alt_separator").join(names))


def _subtitle(chart: ChartDef, loc: Locale, source: str) -> tuple[str, ...]:
    unit = loc.unit_label(chart.refs[0][1].unit)
    scopes = {f.scope[loc.code] for _, f in chart.refs if f.scope}
    first = " · ".join(x for x in [unit] + sorted(scopes) if x)
    return tuple(x for x in (first, source) if x)


def prepare_rows(chart: ChartDef, rows: list[dict], loc: Locale, source: str = "") -> Layout:
    """Add the display fields marks need (kind label, bar label) and say the layout."""
    for row in rows:
        row["kind_label"] = loc.t(f"chart.kind.{row['kind']}")
        name = row["entity"] if chart.type == "compare" else row["metric"]
        if chart.type == "progress" and row["kind"] == "target":
            row["bar"] = loc.t("chart.bar_target", name=name, kind=row["kind_label"],
                               period=row["period_label"])
        elif row["period_label"]:
            row["bar"] = loc.t("chart.bar_period", name=name, period=row["period_label"])
        else:
            row["bar"] = name
    if chart.type == "trend":
        order = [r["period_label"] for r in sorted(rows, key=lambda r: r["sort"])]
    else:
        order = [r["bar"] for r in sorted(rows, key=lambda r: r["order"])]
    return Layout(chart.type, chart.title[loc.code], _subtitle(chart, loc, source),
                  loc.unit_label(chart.refs[0][1].unit), tuple(dict.fromkeys(order)),
                  len(chart.refs) > 1 and chart.type == "trend" and not chart.facets,
                  (150 if chart.facets else 200) if chart.type == "trend"
                  else max(90, 34 * len(rows)), chart.facets)


def describe_chart(chart: ChartDef, rows: list[dict], loc: Locale) -> str:
    """Alt text from the data: what the chart shows, in words."""
    kind, title = loc.t(f"chart.types.{chart.type}"), chart.title[loc.code]
    ordered = sorted(rows, key=lambda r: r["sort"])
    if chart.type == "trend" and len(chart.refs) == 1 and len(rows) >= 2:
        first, last = ordered[0], ordered[-1]
        verb = "up" if last["value"] > first["value"] else "down" if \
            last["value"] < first["value"] else "same"
        return loc.t("chart.alt_change", type=kind, title=title, verb=loc.t(f"chart.verbs.{verb}"),
                     first_value=first["value_label"], first_period=first["period_label"],
                     last_value=last["value_label"], last_period=last["period_label"])
    items = []
    for r in sorted(rows, key=lambda r: (r["order"], r["sort"])):
        name = r["entity"] if chart.type == "compare" else r["metric"]
        items.append(loc.t("chart.alt_item_period", name=name, value=r["value_label"],
                           period=r["period_label"]) if r["period_label"] else
                     loc.t("chart.alt_item", name=name, value=r["value_label"]))
    return loc.t("chart.alt_list", type=kind, title=title,
                 items=loc.t("chart.alt_separator").join(items))
