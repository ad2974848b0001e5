"""Derived views of an Edition that pages need: reverse relations, breadcrumbs, who cites what."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from factsite.edition import Edition
from factsite.model import Entity, SourceRef


@dataclass(frozen=True)
class Related:
    """One relation as seen from an entity: the other entity, the label key, the direction."""

    entity: Entity
    rel: str
    direction: str  # "forward" or "reverse"


@dataclass
class Derived:
    """Indexes computed once per build; pure data."""

    related: dict[str, list[Related]] = field(default_factory=dict)
    children: dict[str, list[Entity]] = field(default_factory=dict)
    citers: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    quotes_by_doc: dict[str, list[tuple[str, list[str]]]] = field(default_factory=dict)
    term_pages: dict[str, list[str]] = field(default_factory=dict)

    def breadcrumb(self, edition: Edition, entity: Entity) -> list[Entity]:
        """Ancestors from the top down (cycles are rejected by validation)."""
        chain: list[Entity] = []
        current = entity.parent
        while current and current in edition.entities and len(chain) < 20:
            chain.insert(0, edition.entities[current])
            current = edition.entities[current].parent
        return chain


def source_refs(entity: Entity) -> list[SourceRef]:
    """Every source reference of an entity, in page order."""
    refs = []
    for fact in entity.facts:
        refs.append(fact.source)
        refs += [p.source for p in fact.series or [] if p.source]
    refs += [m.source for m in entity.timeline]
    return refs


def derive(edition: Edition, term_hits: dict[str, set[str]] | None = None) -> Derived:
    """Build the reverse indexes of `edition`."""
    related: dict[str, list[Related]] = defaultdict(list)
    children: dict[str, list[Entity]] = defaultdict(list)
    citers: dict[tuple[str, str], list[str]] = defaultdict(list)
    terms: dict[str, set[str]] = defaultdict(set)
    for entity in edition.entities.values():
        for link in entity.links:
            other = edition.entities[link.to]
            related[entity.id].append(Related(other, link.rel, "forward"))
            related[other.id].append(Related(entity, link.rel, "reverse"))
        if entity.parent:
            children[entity.parent].append(entity)
        for ref in source_refs(entity):
            key = (ref.doc, ref.quote)
            if entity.id not in citers[key]:
                citers[key].append(entity.id)
        for term in entity.terms + [t for f in entity.facts for t in f.terms]:
            terms[term].add(entity.id)
    for term, ids in (term_hits or {}).items():
        terms[term].update(ids)
    seen_pairs = {}
    for key, items in related.items():
        unique = {}
        for item in items:  # a link declared both ways shows once
            unique.setdefault((item.entity.id, item.rel), item)
        seen_pairs[key] = sorted(unique.values(), key=lambda r: (r.rel, r.direction,
                                                                  r.entity.name.en))
    quotes_by_doc: dict[str, list[tuple[str, list[str]]]] = defaultdict(list)
    for (doc, quote), ids in sorted(citers.items()):
        quotes_by_doc[doc].append((quote, ids))
    return Derived(
        related=seen_pairs,
        children={k: sorted(v, key=lambda e: e.name.en) for k, v in children.items()},
        citers=dict(citers),
        quotes_by_doc=dict(quotes_by_doc),
        term_pages={k: sorted(v) for k, v in terms.items()},
    )
