"""Data downloads: each chart's data and each entity's whole fact sheet as CSV and JSON,
with the source of every row (like Our World in Data's per-chart downloads)."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator

from factsite.content.edition import Edition
from factsite.content.model import Entity
from factsite.core.cache import Stored
from factsite.render.charts.maps import HOME
from factsite.render.charts.plan import COMPARE
from factsite.render.citation import bibtex, csl_item, csl_json, page_url
from factsite.render.ledgers import conflicts, targets
from factsite.render.locale import fact_period_text
from factsite.render.site import RenderedSite

CHART_COLUMNS = ["entity", "metric", "period", "period_inferred", "value", "unit", "kind",
                 "source", "quote"]


def _csv(rows: list[dict], columns: list[str]) -> bytes:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")  # BOM: spreadsheets read UTF-8 right


def _json(data: object) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode()


def chart_files(chart_id: str, item) -> dict[str, bytes | Stored]:
    """`chart-<id>.csv` and `.json` (its data), `.vl.json` (the Vega-Lite spec the
    interactive view draws, fetched only when a reader uses the chart), and the picture as
    `.svg` and 2× `.png`, in one language."""
    rows = item.rows
    return {f"chart-{chart_id}.csv": _csv(rows, CHART_COLUMNS),
            f"chart-{chart_id}.json": _json([{k: r[k] for k in CHART_COLUMNS} for r in rows]),
            f"chart-{chart_id}.vl.json": item.spec_json.encode("utf-8"),
            f"chart-{chart_id}.svg": standalone_svg(item.svg),
            f"chart-{chart_id}.png": item.png}


_ANCHOR = re.compile(r"</?a\b[^>]*>")


def standalone_svg(svg: str) -> bytes:
    """A page's inline SVG as a file of its own: visible to whoever opens it, no links."""
    svg = _ANCHOR.sub("", svg).replace(' aria-hidden="true" focusable="false"', "", 1)
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + svg + "\n").encode("utf-8")


def fact_rows(edition: Edition, entity: Entity, lang: str) -> list[dict]:
    """One row per figure (a series gives one row per point), in `lang`."""
    rows = []
    for fact in entity.facts:
        points = fact.points or [None]
        for point in points:
            source = (point.source if point and point.source else fact.source)
            phrase = point.period_phrase if point else fact.period_phrase
            rows.append({
                "entity": entity.id, "fact": fact.id, "label": fact.label[lang],
                "value": point.value if point else fact.value,
                "text": fact.text[lang] if fact.text else "",
                "unit": fact.unit or "", "qualifier": fact.qualifier or "",
                "period": point.period if point else (fact.period or ""),
                "period_inferred": point.period_inferred if point else fact.period_inferred,
                "period_phrase": phrase[lang] if phrase else "",
                "metric": fact.metric or "", "subset_of": fact.subset_of or "",
                "kind": fact.kind, "scope": fact.scope[lang] if fact.scope else "",
                "note": fact.note[lang] if fact.note else "",
                "source": source.doc, "source_title": edition.sources[source.doc].title[lang],
                "source_date": edition.sources[source.doc].date, "quote": source.quote,
            })
    return rows


def entity_files(edition: Edition, entity: Entity, lang: str) -> dict[str, bytes]:
    """`<id>.csv` and `<id>.json`: the entity's fact sheet with sources."""
    rows = fact_rows(edition, entity, lang)
    meta = {"id": entity.id, "name": entity.name[lang], "type": entity.type[lang],
            "edition": edition.site.edition, "facts": rows}
    return {f"{entity.id}.csv": _csv(rows, list(rows[0]) if rows else ["entity"]),
            f"{entity.id}.json": _json(meta)}


def citation_files(rs: RenderedSite, entity: Entity, lang: str) -> dict[str, bytes]:
    """`<id>.csl.json` and `<id>.bib`: the page and each of its figures as citations."""
    loc, path = rs.locales[lang], f"{rs.edition.kinds[entity.id]}/{entity.id}/"
    items = [csl_item(rs.edition, loc, entity, page_url(rs.site_url, lang, path),
                      rs.build_date)]
    items += [csl_item(rs.edition, loc, entity,
                       page_url(rs.site_url, lang, path, f"fact-{fact.id}"), rs.build_date,
                       fact, fact_period_text(loc, fact)) for fact in entity.facts]
    return {f"{entity.id}.csl.json": csl_json(items),
            f"{entity.id}.bib": bibtex(items).encode("utf-8")}


def _figure(loc, fact) -> str:
    if fact.series:
        return loc.number(fact.points[-1].value, fact.unit, fact.qualifier)
    return loc.number(fact.value, fact.unit, fact.qualifier) if fact.value is not None else \
        (fact.text[loc.code] if fact.text else "")


def ledger_files(rs: RenderedSite, lang: str) -> dict[str, bytes]:
    """`ledger/ledger.csv` and `targets/targets.csv`: the two ledgers as tables."""
    loc, edition = rs.locales[lang], rs.edition
    columns = ["entity", "fact", "label", "value", "period", "source", "source_date", "quote"]

    def side(prefix: str, entity, fact) -> dict:
        src = edition.sources[fact.source.doc]
        return {f"{prefix}_{k}": v for k, v in zip(columns, (
            entity.id, fact.id, fact.label[lang], _figure(loc, fact),
            fact_period_text(loc, fact), src.id, src.date, fact.source.quote))}

    conflict_rows = [{**side("first", *c.first), **side("second", *c.second),
                      "reason": c.reason} for c in conflicts(edition)]
    conflict_cols = [f"{p}_{k}" for p in ("first", "second") for k in columns] + ["reason"]
    target_rows = []
    for row in targets(edition):
        fact = row.target
        target_rows.append({
            "entity": row.entity.id, "fact": fact.id, "label": fact.label[lang],
            "metric": fact.metric or "", "target": _figure(loc, fact),
            "deadline": fact.period or "",
            "baseline": _figure(loc, row.baseline) if row.baseline else "",
            "baseline_period": fact_period_text(loc, row.baseline) if row.baseline else "",
            "latest_actual": _figure(loc, row.latest) if row.latest else "",
            "latest_period": fact_period_text(loc, row.latest) if row.latest else "",
            "source": fact.source.doc, "quote": fact.source.quote})
    target_cols = ["entity", "fact", "label", "metric", "target", "deadline", "baseline",
                   "baseline_period", "latest_actual", "latest_period", "source", "quote"]
    return {"ledger/ledger.csv": _csv(conflict_rows, conflict_cols),
            "targets/targets.csv": _csv(target_rows, target_cols)}


def map_files(rs: RenderedSite, lang: str) -> dict[str, bytes | Stored]:
    """In the folder of each page showing a map: the spec of a full (interactive) map, with
    its links relative to that page, or a locator map's SVG image."""
    files = {}
    for owner, maps in rs.maps.get(lang, {}).items():
        folder = "" if owner == HOME else f"{rs.edition.kinds[owner]}/{owner}/"
        for mdef, item in maps:
            if mdef.locator:
                files[f"{folder}{mdef.id}.svg"] = item.svg.encode("utf-8")
            else:
                files[f"{folder}{mdef.id}.svg"] = standalone_svg(item.svg)
                files[f"{folder}{mdef.id}.png"] = item.png
                up = "../" * folder.count("/")
                spec = item.with_links(lambda path, up=up: up + path).spec_json
                files[f"{folder}{mdef.id}.vl.json"] = spec.encode("utf-8")
    return files


def language_downloads(rs: RenderedSite, lang: str, charts: dict | None = None,
                       only: set[str] | None = None) -> Iterator[tuple[str, bytes | Stored]]:
    """Every download of one language, by path in its folder: each entity's fact sheet and
    citations, each chart's data (the compare page's charts under `compare/`). Yielded one by
    one, so a large edition's downloads are written out without being held at once."""
    edition, charts = rs.edition, rs.charts[lang] if charts is None else charts
    if only is None:
        yield from ledger_files(rs, lang).items()
        yield from map_files(rs, lang).items()
        for e in rs.embeds.get(lang, []):
            yield f"{e.path}index.html", e.html.encode("utf-8")
        yield from ((f"{path}og.png", png) for path, png in rs.cards.get(lang, {}).items())
        for chart, item in charts.get(COMPARE, []):
            for name, data in chart_files(chart.id, item).items():
                yield f"{COMPARE}/{name}", data
    for entity in edition.entities.values():
        if only is not None and entity.id not in only:
            continue
        folder = f"{edition.kinds[entity.id]}/{entity.id}/"
        for name, data in {**entity_files(edition, entity, lang),
                           **citation_files(rs, entity, lang)}.items():
            yield folder + name, data
        for chart, item in charts.get(entity.id, []):
            for name, data in chart_files(chart.id, item).items():
                yield folder + name, data
