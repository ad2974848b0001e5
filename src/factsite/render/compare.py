"""Comparisons only like for like (PAGES.md, chart grammar rule 5).

For each shared metric the compare page lines up the figures that agree in metric, kind,
unit, scope and period; an "of which" part never stands beside a total. Every other figure
of the metric is listed apart with the reason.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from factsite.content.edition import Edition
from factsite.content.model import Entity, Fact
from factsite.content.site_model import Metric


def figure_period(fact: Fact) -> str:
    """The period a figure is compared at: its own, or its series' latest point's."""
    return fact.points[-1].period if fact.series else (fact.period or "")


def compare_key(fact: Fact) -> tuple:
    return (fact.kind, fact.unit, fact.scope, figure_period(fact))


@dataclass(frozen=True)
class Apart:
    """A figure of the metric that is not lined up, and why (a catalogue key)."""

    entity: Entity
    fact: Fact
    reason: str  # subset, kind, unit, scope, period


@dataclass(frozen=True)
class CompareGroup:
    metric: Metric
    lined_up: tuple[tuple[Entity, Fact], ...]
    apart: tuple[Apart, ...]

    @property
    def id(self) -> str:
        return f"compare-{self.metric.id}"


def _reason(fact: Fact, reference: Fact | None) -> str:
    if fact.subset_of:
        return "subset"
    if reference is None:
        return "period"
    for reason, a, b in (("kind", fact.kind, reference.kind), ("unit", fact.unit, reference.unit),
                         ("scope", fact.scope, reference.scope),
                         ("period", figure_period(fact), figure_period(reference))):
        if a != b:
            return reason
    return "period"


def plan_comparisons(edition: Edition) -> list[CompareGroup]:
    """One group per metric that two or more entities report, ordered by metric id."""
    by_metric: dict[str, list[tuple[Entity, Fact]]] = defaultdict(list)
    for entity in sorted(edition.entities.values(), key=lambda e: e.id):
        for fact in entity.facts:
            if fact.metric in edition.metrics and (fact.value is not None or fact.series):
                by_metric[fact.metric].append((entity, fact))
    groups = []
    for metric_id, refs in sorted(by_metric.items()):
        if len({e.id for e, _ in refs}) < 2:
            continue
        buckets: dict[tuple, list[tuple[Entity, Fact]]] = defaultdict(list)
        for entity, fact in refs:
            if not fact.subset_of:
                buckets[compare_key(fact)].append((entity, fact))
        best = max((b for b in buckets.values() if len({e.id for e, _ in b}) >= 2),
                   key=lambda b: (len({e.id for e, _ in b}), b[0][1].kind == "actual",
                                  figure_period(b[0][1])), default=[])
        reference = best[0][1] if best else None
        apart = tuple(Apart(e, f, _reason(f, reference)) for e, f in refs if (e, f) not in best)
        groups.append(CompareGroup(edition.metrics[metric_id], tuple(best), apart))
    return groups
