"""schema.org `Dataset` descriptions (JSON-LD) of the landing page of each language and of
every entity page: names in every language, coverage in time (an ISO 8601 interval over the
figures' periods) and space (the nearest place), the source articles, the downloads.

The functions take the page's context `c` (render/context.py) and return plain data;
`script_tag` makes it safe inside an HTML `<script>` element.
"""

from __future__ import annotations

import json

from markupsafe import Markup

from factsite.content.kinds import PLACE_KINDS
from factsite.content.model import Entity, Fact
from factsite.content.periods import iso_date, iso_interval
from factsite.content.tables import zip_name
from factsite.render.text import plain_summary

CONTEXT = "https://schema.org"
FORMATS = {"csv": "text/csv", "json": "application/json", "zip": "application/zip"}


def script_tag(data: dict) -> Markup:
    """`<script type="application/ld+json">` with the JSON escaped for a script element:
    no `<`, `>` or `&` (so no `</script>` or comment opener), no line separators."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return Markup(f'<script type="application/ld+json">{text}</script>')


def _periods(facts: list[Fact]) -> list[str]:
    found = [f.period for f in facts if f.period]
    return found + [p.period for f in facts for p in f.points]


def _names(c, text) -> dict:
    out = {"name": c.L(text)}
    others = [other for _, other in c.other_names(text)]
    if others:
        out["alternateName"] = others if len(others) > 1 else others[0]
    return out


def place(c, entity: Entity | None) -> dict | None:
    """The place an entity covers: itself when it is a place (a district), else its
    nearest ancestor that is one; with the places that contain it."""
    chain = c.derived.breadcrumb(c.edition, entity) + [entity] if entity else []
    places = [e for e in chain if c.edition.kinds[e.id] in PLACE_KINDS]
    out = None
    for found in places:  # from the top down: each contains the next
        node = {"@type": "Place", **_names(c, found.name), "url": c.page_href(
            f"{c.edition.kinds[found.id]}/{found.id}/")}
        if out is not None:
            node["containedInPlace"] = out
        out = node
    return out


def _sources(c, docs: set[str]) -> list[dict]:
    out = []
    for doc in sorted(docs, key=lambda d: (c.edition.sources[d].date, d)):
        src = c.edition.sources[doc]
        work = {"@type": "CreativeWork", "name": c.L(src.title),
                "datePublished": iso_date(src.date), "url": c.page_href(f"sources/{doc}/")}
        if src.publisher:
            work["publisher"] = {"@type": "Organization", "name": c.L(src.publisher)}
        out.append(work)
    return out


def _common(c) -> dict:
    site = c.edition.site
    out = {"creator": {"@type": "Organization", "name": c.L(site.author)},
           "version": site.edition, "inLanguage": c.loc.tag}
    if site.license:
        out["license"] = {"@type": "CreativeWork", "name": c.L(site.license)}
    return out


def _download(url: str, fmt: str) -> dict:
    return {"@type": "DataDownload", "contentUrl": url, "encodingFormat": FORMATS[fmt]}


def entity_dataset(c, entity: Entity) -> dict:
    """The Dataset of an entity page: its figures, downloadable as CSV and JSON."""
    path = c.page.path
    data = {"@context": CONTEXT, "@type": "Dataset", **_names(c, entity.name),
            "description": plain_summary(c.L(entity.summary), 5000), "url": c.page_href(path)}
    coverage = iso_interval(_periods(entity.facts))
    if coverage:
        data["temporalCoverage"] = coverage
    spatial = place(c, entity)
    if spatial:
        data["spatialCoverage"] = spatial
    docs = {f.source.doc for f in entity.facts} | {
        p.source.doc for f in entity.facts for p in f.points if p.source}
    data.update(_common(c))
    data["isBasedOn"] = _sources(c, docs)
    data["distribution"] = [_download(c.page_href(path, f"{entity.id}.{fmt}"), fmt)
                            for fmt in ("csv", "json")]
    data["isPartOf"] = {"@type": "Dataset", **_names(c, c.edition.site.title),
                        "url": c.page_href("")}
    return data


def edition_dataset(c) -> dict:
    """The Dataset of the whole edition (the landing page of a language): every figure,
    downloadable as one Frictionless data package."""
    edition, site = c.edition, c.edition.site
    facts = [f for e in edition.entities.values() for f in e.facts]
    data = {"@context": CONTEXT, "@type": "Dataset", **_names(c, site.title),
            "description": c.L(site.description), "url": c.page_href("")}
    coverage = iso_interval(_periods(facts))
    if coverage:
        data["temporalCoverage"] = coverage
    home = edition.entities.get(site.home_entity) if site.home_entity else None
    spatial = place(c, home) if home else None
    if spatial is None:
        tops = [place(c, e) for e in edition.entities.values()
                if edition.kinds[e.id] in PLACE_KINDS and not c.derived.breadcrumb(edition, e)]
        spatial = tops[0] if len(tops) == 1 else tops or None
    if spatial:
        data["spatialCoverage"] = spatial
    data.update(_common(c))
    data["isBasedOn"] = _sources(c, set(edition.sources))
    data["distribution"] = [_download(c.root_href(f"data/{zip_name(site)}"), "zip"),
                            _download(c.root_href("data/datapackage.json"), "json")]
    return data
