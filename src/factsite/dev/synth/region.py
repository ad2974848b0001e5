"""The made-up region of a synthetic edition: its places (a city, districts, towns), their
names, and the clusters and programmes that hang off them, with their links."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from itertools import product

from factsite.dev.synth.tables import FIRST, INDUSTRIES, LAST, MIDDLE, PROGRAMMES, T


@dataclass
class Place:
    """A city, district or town: its names and id."""

    id: str
    zh: str
    en: str
    level: int  # 0 city, 1 district, 2 town
    parent: Place | None = None
    slug: str = ""
    children: list = field(default_factory=list)


@dataclass
class Node:
    """One entity to write: kind, place it hangs off, its id and names, its source document."""

    kind: str
    id: str
    zh: str
    en: str
    place: Place
    doc: str = ""
    extra: dict = field(default_factory=dict)
    data: dict = field(default_factory=dict)
    sentences: list[str] = field(default_factory=list)




def roman(syllables: list[tuple[str, str]]) -> tuple[str, str]:
    """(English name, slug): pinyin with an apostrophe before a vowel syllable (Dong'an)."""
    parts = [p for _, p in syllables]
    en = parts[0]
    for p in parts[1:]:
        en += ("'" if p[0] in "aeo" else "") + p
    return en[0].upper() + en[1:], "".join(parts)


def place_names(rng: random.Random):
    """Unique (zh stem, English stem, slug) names: two syllables first, then three."""
    seen: set[str] = set()
    two = list(product(FIRST, LAST))
    rng.shuffle(two)
    three = list(product(FIRST, MIDDLE, LAST))
    rng.shuffle(three)
    for combo in two + three:
        en, slug = roman(list(combo))
        if slug in seen:
            continue
        seen.add(slug)
        yield "".join(z for z, _ in combo), en, slug




def split(n: int) -> tuple[int, int, int]:
    """(districts incl. city and towns, clusters, programmes) for n entities."""
    programmes = round(0.15 * n)
    clusters = round(0.25 * n)
    return n - clusters - programmes, clusters, programmes


def build_region(n: int, rng: random.Random) -> tuple[Place, list[Node]]:
    """The tree of places, clusters and programmes, in reporting order (no facts yet)."""
    n_places, n_clusters, n_programmes = split(n)
    names = place_names(rng)
    zh, en, slug = next(names)
    city = Place(f"{slug}-city", zh + "市", en + " City", 0, slug=slug)
    n_districts = max(0, min(n_places - 1, round((n_places - 1) ** 0.5)))
    districts = []
    for _ in range(n_districts):
        zh, en, slug = next(names)
        d = Place(f"{slug}-district", zh + "区", en + " District", 1, city, slug)
        city.children.append(d)
        districts.append(d)
    towns = []
    for i in range(n_places - 1 - n_districts):
        zh, en, slug = next(names)
        parent = districts[i % len(districts)]
        t = Place(f"{slug}-town", zh + "镇", en + " Town", 2, parent, slug)
        parent.children.append(t)
        towns.append(t)
    places = [city] + districts + towns

    nodes: dict[str, list[Node]] = {p.id: [] for p in places}  # per owning district/city

    def home(place: Place) -> str:
        return place.id if place.level < 2 else place.parent.id

    place_nodes = {}
    for p in places:
        node = Node("district", p.id, p.zh, p.en, p)
        place_nodes[p.id] = node
        nodes[home(p)].append(node)

    owners = (districts + towns) or [city]
    rng.shuffle(owners)
    used: dict[str, list] = {}
    clusters = []
    for i in range(n_clusters):
        owner = owners[i % len(owners)]
        taken = used.setdefault(owner.id, [])
        free = [ind for ind in INDUSTRIES if ind not in taken] or INDUSTRIES
        ind = rng.choice(free)
        taken.append(ind)
        cid = f"{owner.slug}-{ind[2]}-cluster"
        if sum(1 for t in taken if t == ind) > 1:
            cid = f"{owner.slug}-{ind[2]}-cluster-{len(taken)}"
        owner_en = owner.en
        node = Node("cluster", cid, f"{owner.zh}{ind[0]}产业集群",
                    f"{owner_en} {ind[1]} cluster", owner, extra={"industry": ind})
        clusters.append(node)
        nodes[home(owner)].append(node)

    prog_owners = [city] + districts + [o for o in owners if o.level == 2]  # towns last
    programmes = []
    used_p: dict[str, list] = {}
    for i in range(n_programmes):
        owner = prog_owners[i % len(prog_owners)]
        taken = used_p.setdefault(owner.id, [])
        free = [p for p in PROGRAMMES if p not in taken] or PROGRAMMES
        prog = rng.choice(free)
        taken.append(prog)
        pid = f"{owner.slug}-{prog[2]}-programme"
        if sum(1 for t in taken if t == prog) > 1:
            pid = f"{owner.slug}-{prog[2]}-programme-{len(taken)}"
        node = Node("programme", pid, f"{owner.zh}{prog[0]}", f"{owner.en} {prog[1]}", owner,
                    extra={"programme": prog})
        programmes.append(node)
        nodes[home(owner)].append(node)

    # links: a few per entity, all to entities that exist
    by_owner: dict[str, list[Node]] = {}
    for c in clusters:
        by_owner.setdefault(c.place.id, []).append(c)
    prog_by_owner: dict[str, list[Node]] = {}
    for p in programmes:
        prog_by_owner.setdefault(p.place.id, []).append(p)
    for p in places:
        node, links = place_nodes[p.id], []
        siblings = p.parent.children if p.parent else []
        if len(siblings) > 1:
            nxt = siblings[(siblings.index(p) + 1) % len(siblings)]
            links.append({"to": nxt.id, "rel": "partner_of",
                          "note": T("相邻地区，产业协作", "Neighbours that work together "
                                    "on industry")})
        for c in by_owner.get(p.id, [])[:2]:
            links.append({"to": c.id, "rel": "related_to"})
        node.extra["links"] = links
    for c in clusters:
        links = [{"to": c.place.id, "rel": "located_in"}]
        progs = prog_by_owner.get(c.place.id) or prog_by_owner.get(
            c.place.parent.id if c.place.parent else "", [])
        if progs:
            links.append({"to": rng.choice(progs).id, "rel": "member_of"})
        same = [o for o in clusters if o.extra["industry"] == c.extra["industry"] and o is not c]
        if same:
            links.append({"to": rng.choice(same).id, "rel": "partner_of",
                          "note": T("同一产业链上的集群", "A cluster on the same chain")})
        c.extra["links"] = links
    for p in programmes:
        links = []
        targets = by_owner.get(p.place.id, []) + [c for t in p.place.children
                                                   for c in by_owner.get(t.id, [])]
        for c in targets[:2]:
            links.append({"to": c.id, "rel": "related_to",
                          "note": T("本行动支持的集群", "A cluster this programme supports")})
        if not links and clusters:
            links.append({"to": clusters[len(p.id) % len(clusters)].id, "rel": "related_to"})
        p.extra["links"] = links

    # industries of places and outputs (the top district gets a rank)
    for p in places:
        node = place_nodes[p.id]
        node.extra["industries"] = rng.sample(INDUSTRIES, 2)
        lo, hi = {0: (3000, 9000), 1: (300, 2500), 2: (20, 300)}[p.level]
        node.extra["output"] = round(rng.uniform(lo, hi), 1)
    if districts:
        top = max(districts, key=lambda d: place_nodes[d.id].extra["output"])
        place_nodes[top.id].extra["top"] = True

    order = nodes[city.id] + [x for d in districts for x in nodes[d.id]]
    return city, order
