"""The edition's two ledgers: every pair of figures that sources state differently, and every
target with what the sources say of its progress. Only what the facts state: a target gets
a baseline and a latest actual only from actual figures of the same metric and entity."""

from __future__ import annotations

from dataclasses import dataclass

from factsite.content.edition import Edition
from factsite.content.kinds import KIND_IDS
from factsite.content.model import Entity, Fact
from factsite.content.periods import parse_period
from factsite.render.compare import figure_period


@dataclass(frozen=True)
class Conflict:
    """Two figures that sources state differently, and why."""

    first: tuple[Entity, Fact]
    second: tuple[Entity, Fact]
    reason: str  # scope, period, definition, unexplained


@dataclass(frozen=True)
class TargetRow:
    """A target and, where the sources give them, actuals of the same measure."""

    entity: Entity
    target: Fact
    baseline: Fact | None
    latest: Fact | None


def _when(fact: Fact) -> tuple:
    period = figure_period(fact)
    return parse_period(period).sort_key() if period else (0, 0, 0)


def conflicts(edition: Edition) -> list[Conflict]:
    """Each differing pair once, the more recent source first."""
    seen, out = set(), []
    for entity in edition.entities.values():
        for fact in entity.facts:
            for ref in fact.differs_from:
                found = edition.fact(ref, entity.id)
                if found is None:
                    continue
                pair = frozenset({(entity.id, fact.id), (found[0].id, found[1].id)})
                if pair in seen:
                    continue
                seen.add(pair)
                a, b = (entity, fact), found
                date = lambda ef: edition.sources[ef[1].source.doc].date  # noqa: E731
                if parse_period(date(b)).sort_key() > parse_period(date(a)).sort_key():
                    a, b = b, a
                out.append(Conflict(a, b, fact.differs_reason or "unexplained"))
    return out


def targets(edition: Edition) -> list[TargetRow]:
    """Every target of the edition, by entity, with its baseline and latest actual when the
    sources give an actual figure of the same metric for the same entity."""
    out = []
    for kind in KIND_IDS:
        for entity in edition.by_kind(kind):
            for fact in entity.facts:
                if fact.kind != "target" or (fact.value is None and not fact.series):
                    continue
                actuals = sorted((f for f in entity.facts if f.kind == "actual" and f.metric
                                  and f.metric == fact.metric and f.unit == fact.unit),
                                 key=_when) if fact.metric else []
                out.append(TargetRow(entity, fact, actuals[0] if len(actuals) > 1 else None,
                                     actuals[-1] if actuals else None))
    return out
