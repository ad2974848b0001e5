"""The Edition: everything loaded from `content/`, validated, with the positions of every field."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from factsite.content.kinds import KIND_IDS
from factsite.content.maps import MapSheet
from factsite.content.matching import normalize
from factsite.content.model import Entity, Fact
from factsite.content.site_model import Metric, SiteConfig, Source, Term
from factsite.content.yamlfile import Positions

if TYPE_CHECKING:
    from factsite.content.baseline import Snapshot
    from factsite.content.corrections import Correction


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
    metrics: dict[str, Metric] = field(default_factory=dict)
    maps: dict[str, MapSheet] = field(default_factory=dict)
    topologies: dict[str, dict] = field(default_factory=dict)  # map id -> parsed TopoJSON
    corrections: tuple[Correction, ...] = ()  # content/corrections.yaml
    history: tuple[Snapshot, ...] = ()  # earlier editions, oldest first (content/editions/)
    baseline: Snapshot | None = None  # the edition this one is compared with; None: the first

    @property
    def languages(self) -> tuple[str, ...]:
        """Every language of the site: the authored ones, then the derived ones."""
        return tuple(self.site.languages) + tuple(d.code for d in self.site.derived_languages)

    @property
    def authored_languages(self) -> tuple[str, ...]:
        """The languages fact sheets are written in (site.yaml `languages`)."""
        return tuple(self.site.languages)

    @cached_property
    def normal_texts(self) -> dict[str, str]:
        """Each source document in the form quotes are matched against."""
        return {doc: normalize(text) for doc, text in self.source_texts.items()}

    @cached_property
    def _by_kind(self) -> dict[str, list[Entity]]:
        lang = self.site.order_language
        out: dict[str, list[Entity]] = {kind: [] for kind in KIND_IDS}
        for entity in sorted(self.entities.values(), key=lambda e: e.name[lang].lower()):
            out[self.kinds[entity.id]].append(entity)
        return out

    def by_kind(self, kind: str) -> list[Entity]:
        """Entities of a kind, in reading order (by name in the edition's sort language)."""
        return self._by_kind.get(kind, [])

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
