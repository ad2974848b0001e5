"""Which charts exist: those declared in content (`charts:`) and those derived from a fact
with a series, as the chart grammar allows (three or more marks; several series of one
unit and kind are small multiples), and one compare chart per metric with three or more
entities lined up like for like."""

from __future__ import annotations

from dataclasses import dataclass

from factsite.content.edition import Edition
from factsite.content.model import Entity, Fact
from factsite.content.text import Text
from factsite.render.charts.grammar import drawable
from factsite.render.compare import plan_comparisons as compare_groups

COMPARE = "compare"  # owner key of the compare page's charts


@dataclass(frozen=True)
class ChartDef:
    """A chart of an entity page (or of the compare page): what it shows."""

    id: str
    type: str
    title: Text
    refs: tuple[tuple[Entity, Fact], ...]
    derived: bool = False
    facets: bool = False  # small multiples: one panel per fact, on one shared scale


def plan_charts(edition: Edition, entity: Entity) -> list[ChartDef]:
    """The charts of an entity: the declared ones that make a chart, then the series not yet
    shown with three or more points, one chart per series or, when several share a unit
    and kind, one set of small multiples."""
    charts = []
    shown: set[tuple[str, str]] = set()
    for spec in entity.charts:
        refs = tuple(edition.fact(ref, entity.id) for ref in spec.facts)
        shown |= {(e.id, f.id) for e, f in refs}
        if drawable([f for _, f in refs]):
            charts.append(ChartDef(spec.id, spec.type, spec.title, refs))
    groups: dict[tuple, list[Fact]] = {}
    for fact in entity.facts:
        if fact.series and (entity.id, fact.id) not in shown and drawable([fact]):
            groups.setdefault((fact.unit, fact.kind), []).append(fact)
    for (unit, kind), facts in groups.items():
        if len(facts) == 1:
            charts.append(ChartDef(f"trend-{facts[0].id}", "trend", facts[0].label,
                                   ((entity, facts[0]),), derived=True))
        else:
            title = Text({lang: " · ".join(f.label[lang] for f in facts)
                          for lang in edition.languages})
            charts.append(ChartDef(f"trends-{unit}-{kind}", "trend", title,
                                   tuple((entity, f) for f in facts), derived=True, facets=True))
    return charts


def plan_comparisons(edition: Edition) -> list[ChartDef]:
    """A compare chart per metric whose like-for-like line-up has three or more entities."""
    return [ChartDef(group.id, "compare", group.metric.label, group.lined_up)
            for group in compare_groups(edition) if len({e.id for e, _ in group.lined_up}) >= 3]


def plan_all(edition: Edition, only: set[str] | None = None) -> list[tuple[str, ChartDef]]:
    """(owner, chart) of every chart of the edition: each entity's, then the compare page's."""
    out = [(e.id, chart) for e in edition.entities.values() if only is None or e.id in only
           for chart in plan_charts(edition, e)]
    if only is None:
        out += [(COMPARE, chart) for chart in plan_comparisons(edition)]
    return out
