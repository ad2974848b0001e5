"""The Edition: everything loaded from `content/`, validated, with the positions of every field."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from factsite.model import Entity, Fact, SiteConfig, Source, Term
from factsite.yamlfile import Positions

# content folder -> entity kind (the kind is part of every page URL: /zh/<kind>/<id>/)
KIND_FOLDERS = {
    "districts": "district",
    "clusters": "cluster",
    "platforms": "platform",
    "institutions": "institution",
    "companies": "company",
    "programmes": "programme",
}
KINDS = list(KIND_FOLDERS.values())


@dataclass
class Edition:
    """The validated content of one site, in memory; pure data, no I/O."""

    root: Path
    site: SiteConfig
    sources: dict[str, Source]
    source_texts: dict[str, str]
    terms: dict[str, Term]
    entities: dict[str, Entity]
    kinds: dict[str, str]
    positions: dict[str, Positions] = field(default_factory=dict)
    warnings: list = field(default_factory=list)

    def by_kind(self, kind: str) -> list[Entity]:
        """Entities of a kind, in a stable reading order (English name); computed once."""
        cache = self.__dict__.setdefault("_by_kind", {})
        if kind not in cache:
            found = [e for e in self.entities.values() if self.kinds[e.id] == kind]
            cache[kind] = sorted(found, key=lambda e: e.name.en.lower())
        return cache[kind]

    def fact(self, ref: str, here: str) -> tuple[Entity, Fact] | None:
        """Resolve `fact` (on entity `here`) or `entity#fact`."""
        entity_id, _, fact_id = ref.rpartition("#")
        entity = self.entities.get(entity_id or here)
        if entity is None:
            return None
        for fact in entity.facts:
            if fact.id == fact_id:
                return entity, fact
        return None
