"""Derived views of an Edition that pages need, computed once per build for every language:
reverse relations, children, breadcrumbs, who cites what, and where each glossary term is
used. Rendering only reads them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from factsite.content.edition import Edition
from factsite.content.model import Entity, SourceRef
from factsite.content.text import Text
from factsite.render.text import TermMatcher

SYMMETRIC = {"partner_of", "related_to"}  # the same relation seen from either side


@dataclass(frozen=True)
class Related:
    """One relation as seen from an entity: the other entity, the relation, the direction
    ("forward", "reverse", or "both" for a symmetric relation)."""

    entity: Entity
    rel: str
    direction: str


@dataclass
class Derived:
    """Indexes computed once per build; pure data."""

    related: dict[str, list[Related]] = field(default_factory=dict)
    children: dict[str, list[Entity]] = field(default_factory=dict)
    citers: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    quotes_by_doc: dict[str, list[tuple[str, list[str]]]] = field(default_factory=dict)
    term_pages: dict[str, list[str]] = field(default_factory=dict)
    # (doc, quote) -> what cites it: (entity, fact id or None for a milestone, its label)
    quote_uses: dict[tuple[str, str], list[tuple[Entity, str | None, Text]]] = field(
        default_factory=dict)

    def breadcrumb(self, edition: Edition, entity: Entity) -> list[Entity]:
        """Ancestors from the top down (cycles are rejected by validation)."""
        chain: list[Entity] = []
        current = entity.parent
        while current and current in edition.entities and len(chain) < 20:
            chain.insert(0, edition.entities[current])
            current = edition.entities[current].parent
        return chain


def _quote_uses(edition: Edition) -> dict:
    uses: dict[tuple[str, str], list] = defaultdict(list)
    for entity in edition.entities.values():
        for fact in entity.facts:
            for ref in [fact.source] + [p.source for p in fact.series or [] if p.source]:
                uses[(ref.doc, ref.quote)].append((entity, fact.id, fact.label))
        for milestone in entity.timeline:
            uses[(milestone.source.doc, milestone.source.quote)].append(
                (entity, None, milestone.text))
    return dict(uses)


def source_refs(entity: Entity) -> list[SourceRef]:
    """Every source reference of an entity, in page order."""
    refs = []
    for fact in entity.facts:
        refs.append(fact.source)
        refs += [p.source for p in fact.series or [] if p.source]
    refs += [m.source for m in entity.timeline]
    return refs


def entity_texts(entity: Entity) -> list[Text]:
    """Every text of an entity that its page shows."""
    texts = [entity.summary]
    for fact in entity.facts:
        texts += [t for t in (fact.label, fact.text, fact.scope, fact.note, fact.rank) if t]
    texts += [m.text for m in entity.timeline]
    texts += [link.note for link in entity.links if link.note]
    return texts


def _entity_terms(entity: Entity, matchers: dict) -> set[str]:
    """The terms an entity uses: declared in `terms:` or mentioned in any language."""
    used = set(entity.terms + [t for f in entity.facts for t in f.terms])
    for text in entity_texts(entity):
        for lang, matcher in matchers.items():
            used.update(matcher.find(text[lang]))
    return used


class TermMemo:
    """The terms each entity of the last derivation uses, kept by a preview between
    updates: an unchanged entity (equal, under an unchanged glossary) is not searched
    again (0.2 s for all of them at n=1,000)."""

    def __init__(self) -> None:
        self.terms: dict | None = None
        self.matchers: dict = {}
        self.results: dict[str, tuple[Entity, set[str]]] = {}

    def entity_terms(self, edition: Edition, entity: Entity) -> set[str]:
        if self.terms != edition.terms:
            self.terms, self.results = dict(edition.terms), {}
            self.matchers = _matchers(edition)
        kept = self.results.get(entity.id)
        if kept is None or kept[0] != entity:
            kept = self.results[entity.id] = (entity, _entity_terms(entity, self.matchers))
        return kept[1]


def _matchers(edition: Edition) -> dict[str, TermMatcher]:
    return {lang: TermMatcher(list(edition.terms.values()), lang)
            for lang in edition.languages}


def _term_usage(edition: Edition, memo: TermMemo) -> dict[str, set[str]]:
    """term id -> entities that use it: declared in `terms:` or mentioned in any language."""
    used: dict[str, set[str]] = defaultdict(set)
    for entity in edition.entities.values():
        for term in memo.entity_terms(edition, entity):
            used[term].add(entity.id)
    return used


def derive(edition: Edition, memo: TermMemo | None = None) -> Derived:
    """Build the reverse indexes of `edition` (a kept `memo` spares the term search of the
    entities unchanged since the last call)."""
    memo = memo or TermMemo()
    related: dict[str, dict[tuple[str, str], Related]] = defaultdict(dict)
    children: dict[str, list[Entity]] = defaultdict(list)
    citers: dict[tuple[str, str], list[str]] = defaultdict(list)
    for entity in edition.entities.values():
        for link in entity.links:
            other = edition.entities[link.to]
            forward, reverse = ("both", "both") if link.rel in SYMMETRIC else \
                ("forward", "reverse")
            # a link declared both ways shows once
            related[entity.id].setdefault((other.id, link.rel),
                                          Related(other, link.rel, forward))
            related[other.id].setdefault((entity.id, link.rel),
                                         Related(entity, link.rel, reverse))
        if entity.parent:
            children[entity.parent].append(entity)
        for ref in source_refs(entity):
            key = (ref.doc, ref.quote)
            if entity.id not in citers[key]:
                citers[key].append(entity.id)
    order = edition.site.order_language
    quotes_by_doc: dict[str, list[tuple[str, list[str]]]] = defaultdict(list)
    for (doc, quote), ids in sorted(citers.items()):
        quotes_by_doc[doc].append((quote, ids))
    return Derived(
        related={k: sorted(v.values(), key=lambda r: (r.rel, r.direction,
                                                       r.entity.name[order]))
                 for k, v in related.items()},
        children={k: sorted(v, key=lambda e: e.name[order]) for k, v in children.items()},
        citers=dict(citers),
        quotes_by_doc=dict(quotes_by_doc),
        term_pages={k: sorted(v) for k, v in _term_usage(edition, memo).items()},
        quote_uses=_quote_uses(edition),
    )
