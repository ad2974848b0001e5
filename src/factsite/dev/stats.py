"""The content report: what the edition holds, by kind and by source."""

from __future__ import annotations

from collections import Counter

from factsite.content.edition import Edition
from factsite.content.kinds import KIND_IDS
from factsite.core.cache import Cache
from factsite.render.derive import source_refs
from factsite.render.plan import plan_pages


def edition_stats(edition: Edition, cache: Cache | None = None) -> str:
    """A plain-text report: entities by kind, facts by kind and source, quotes per source."""
    lines = [f"{edition.site.title.en} — edition {edition.site.edition}", ""]
    lines.append("Entities by kind")
    for kind in KIND_IDS:
        lines.append(f"  {kind:<12} {len(edition.by_kind(kind)):>4}")
    lines.append(f"  {'total':<12} {len(edition.entities):>4}")

    facts = [f for e in edition.entities.values() for f in e.facts]
    shape = Counter("series" if f.series else "value" if f.value is not None else "text"
                    for f in facts)
    kinds = Counter(f.kind for f in facts)
    lines += ["", "Facts by kind"]
    lines += [f"  {k:<12} {kinds[k]:>4}" for k in ("actual", "target", "plan")]
    lines += [f"  {'numeric':<12} {shape['value'] + shape['series']:>4}  "
              f"(series: {shape['series']})", f"  {'categorical':<12} {shape['text']:>4}",
              f"  {'total':<12} {len(facts):>4}"]

    by_source = Counter(f.source.doc for f in facts)
    quotes: dict[str, set[str]] = {s: set() for s in edition.sources}
    for entity in edition.entities.values():
        for ref in source_refs(entity):
            quotes.setdefault(ref.doc, set()).add(ref.quote)
    milestones = Counter(m.source.doc for e in edition.entities.values() for m in e.timeline)
    lines += ["", f"{'Source':<32} {'date':<11} {'facts':>5} {'milestones':>10} {'quotes':>6}"]
    for src in edition.sources.values():
        lines.append(f"  {src.id:<30} {src.date:<11} {by_source[src.id]:>5} "
                     f"{milestones[src.id]:>10} {len(quotes[src.id]):>6}")
    pages = sum(len(plan_pages(edition, lang)) for lang in edition.languages)
    lines += ["", f"Glossary terms: {len(edition.terms)}",
              f"Pages: {pages} ({len(edition.languages)} languages: "
              f"{', '.join(edition.languages)})"]
    if cache is not None:
        n, size = cache.size()
        lines.append(f"Cache: {n} entries, {size / 1e6:.1f} MB in {cache.root}")
    return "\n".join(lines)
