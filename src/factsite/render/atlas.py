"""What the landing page of a language shows beyond lists: the same few metrics for every
district (a "—" where the sources report none), the cluster systems, and which clusters the
sources connect with which district. Computed from the edition's relations and facts only:
a cell of the matrix says "the sources link these two", never more."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from factsite.content.edition import Edition
from factsite.content.model import Entity, Fact
from factsite.content.periods import parse_period
from factsite.render.derive import Derived

CARD_METRICS = 3


@dataclass(frozen=True)
class Presence:
    """How the sources connect a cluster with a district."""

    how: str  # "within" (the cluster sits under the district), "link", "via"
    via: Entity | None = None


@dataclass
class Atlas:
    """The landing page's comparable views."""

    metrics: list[tuple[str, Fact]] = field(default_factory=list)  # (metric id, a labelling fact)
    cards: list[tuple[Entity, list[tuple[Entity, Fact] | None]]] = field(default_factory=list)
    systems: list[tuple[Entity, list[Entity]]] = field(default_factory=list)
    columns: list[Entity] = field(default_factory=list)  # clusters present somewhere
    matrix: dict[tuple[str, str], Presence] = field(default_factory=dict)


def _ancestors(edition: Edition, entity: Entity) -> list[str]:
    chain, current = [], entity.parent
    while current and current in edition.entities and len(chain) < 20:
        chain.append(current)
        current = edition.entities[current].parent
    return chain


def _latest_actual(entity: Entity, metric: str) -> Fact | None:
    found = [f for f in entity.facts if f.metric == metric and f.kind == "actual"
             and (f.value is not None or f.series)]

    def when(f: Fact):
        return parse_period(f.points[-1].period if f.series else f.period).sort_key()

    return max(found, key=when) if found else None


def build_atlas(edition: Edition, derived: Derived) -> Atlas:
    atlas = Atlas()
    districts = [e for e in edition.by_kind("district") if e.id != edition.site.home_entity]
    counts = Counter(f.metric for d in districts for f in d.facts
                     if f.metric and f.kind == "actual" and (f.value is not None or f.series))
    chosen = [m for m, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if n >= 2]
    for metric in chosen[:CARD_METRICS]:
        label = next(_latest_actual(d, metric) for d in districts if _latest_actual(d, metric))
        atlas.metrics.append((metric, label))
    for district in districts:
        cells = []
        for metric, _ in atlas.metrics:
            fact = _latest_actual(district, metric)
            cells.append((district, fact) if fact else None)
        atlas.cards.append((district, cells))

    clusters = edition.by_kind("cluster")
    atlas.systems = [(c, derived.children[c.id]) for c in clusters
                     if derived.children.get(c.id)]
    rows = edition.by_kind("district")
    for cluster in clusters:
        ancestors = _ancestors(edition, cluster)
        for district in rows:
            city = district.id == edition.site.home_entity
            presence = None
            if district.id in ancestors[:1] or (not city and district.id in ancestors):
                presence = Presence("within")
            elif any(r.entity.id == district.id for r in derived.related.get(cluster.id, [])):
                presence = Presence("link")
            elif not city:
                for rel in derived.related.get(cluster.id, []):
                    other = rel.entity
                    if edition.kinds[other.id] != "cluster" and \
                            district.id in _ancestors(edition, other):
                        presence = Presence("via", other)
                        break
            if presence:
                atlas.matrix[(district.id, cluster.id)] = presence
    present = {c for _, c in atlas.matrix}
    atlas.columns = [c for c in clusters if c.id in present]
    return atlas
