"""Which charts exist: declared in content (`charts:`) or derived from a fact with a series,
and one compare chart per shared metric."""

from __future__ import annotations

from dataclasses import dataclass

from factsite.content.edition import Edition
from factsite.content.model import Entity, Fact
from factsite.content.text import Text

COMPARE = "compare"  # owner key of the compare page's charts


@dataclass(frozen=True)
class ChartDef:
    """A chart of an entity page (or of the compare page): what it shows."""

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


def plan_all(edition: Edition, only: set[str] | None = None) -> list[tuple[str, ChartDef]]:
    """(owner, chart) of every chart of the edition: each entity's, then the compare page's."""
    out = [(e.id, chart) for e in edition.entities.values() if only is None or e.id in only
           for chart in plan_charts(edition, e)]
    if only is None:
        out += [(COMPARE, chart) for chart in plan_comparisons(edition)]
    return out
