"""Provenance: every quote occurs in its source document, and every figure occurs in its
quote (the matching rules are in `matching`)."""

from __future__ import annotations

from factsite.content.diagnostics import Diagnostic
from factsite.content.edition import Edition
from factsite.content.matching import normalize, value_in_quote
from factsite.content.model import SourceRef
from factsite.content.units import plain_number


def _matching_prefix(quote: str, doc: str) -> int:
    """Length of the longest prefix of `quote` found in `doc` (binary search)."""
    lo, hi = 0, len(quote)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if quote[:mid] in doc:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _check_quote(edition: Edition, texts: dict[str, str], ref: SourceRef, pos,
                 loc: tuple) -> list[Diagnostic]:
    doc = texts.get(ref.doc)
    if doc is None:
        return []  # unknown or unreadable source: reported by the reference check
    quote = normalize(ref.quote)
    if quote in doc:
        return []
    n = _matching_prefix(quote, doc)
    file = edition.sources[ref.doc].file
    if n >= 4:
        hint = (f"the first {n} characters match ('…{quote[max(0, n - 12):n]}'); the quote "
                f"differs from content/sources/{file} after that")
    else:
        hint = f"paste the passage verbatim from content/sources/{file}"
    return [pos.diagnostic(loc + ("quote",), "P400", f"quote not found in source {ref.doc!r}",
                           hint)]


class ProvenanceMemo:
    """The provenance check of each entity of the last load, kept by a Loader: an entity
    parsed from an unchanged file (the same object) against the same source texts is not
    checked again, so a preview update after one edit checks one sheet (0.4 s for all of
    them at n=1,000)."""

    def __init__(self) -> None:
        self.sources: tuple | None = None  # the source list and texts checked against
        self.results: dict[str, tuple[object, list[Diagnostic]]] = {}
        self.texts: dict[str, str] = {}  # the sources normalised, as quotes are matched

    def check(self, edition: Edition) -> list[Diagnostic]:
        sources = (edition.sources, edition.source_texts)
        if self.sources != sources:
            self.sources, self.results = (dict(edition.sources), dict(edition.source_texts)), {}
            self.texts = edition.normal_texts
        out: list[Diagnostic] = []
        for entity in edition.entities.values():
            kept = self.results.get(entity.id)
            if kept is None or kept[0] is not entity:
                kept = self.results[entity.id] = (
                    entity, _entity_provenance(edition, self.texts, entity))
            out += kept[1]
        return out


def check_provenance(edition: Edition, memo: ProvenanceMemo | None = None) -> list[Diagnostic]:
    """Quote and value checks over every fact, series point and milestone."""
    return (memo or ProvenanceMemo()).check(edition)


def _entity_provenance(edition: Edition, texts: dict[str, str], entity) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    pos = edition.positions[f"entity:{entity.id}"]
    for i, fact in enumerate(entity.facts):
        base = ("facts", i)
        out += _check_quote(edition, texts, fact.source, pos, base + ("source",))
        if fact.value is not None and not value_in_quote(fact.value, fact.unit,
                                                         fact.source.quote):
            out.append(pos.diagnostic(base + ("value",), "P401",
                                      f"value {plain_number(fact.value)} does not occur in "
                                      "its quote", "quote the passage that states the number"
                                      ", or correct the value"))
        for j, point in enumerate(fact.series or []):
            ref = point.source or fact.source
            if point.source:
                out += _check_quote(edition, texts, point.source, pos,
                                    base + ("series", j, "source"))
            if not value_in_quote(point.value, fact.unit, ref.quote):
                out.append(pos.diagnostic(base + ("series", j, "value"), "P401",
                                          f"value {plain_number(point.value)} does not "
                                          "occur in its quote",
                                          "give the point its own `source` or fix it"))
    for i, item in enumerate(entity.timeline):
        out += _check_quote(edition, texts, item.source, pos, ("timeline", i, "source"))
    return out
