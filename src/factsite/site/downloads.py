"""Data downloads: each chart's data and each entity's whole fact sheet as CSV and JSON,
with the source of every row (like Our World in Data's per-chart downloads)."""

from __future__ import annotations

import csv
import io
import json

from factsite.content.edition import Edition
from factsite.content.model import Entity
from factsite.render.charts.plan import COMPARE

CHART_COLUMNS = ["entity", "metric", "period", "value", "unit", "kind", "source", "quote"]


def _csv(rows: list[dict], columns: list[str]) -> bytes:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")  # BOM: spreadsheets read UTF-8 right


def _json(data: object) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode()


def chart_files(chart_id: str, rows: list[dict], spec_json: str) -> dict[str, bytes]:
    """`chart-<id>.csv` and `.json` (its data) and `.vl.json` (the Vega-Lite spec the
    interactive view draws, fetched only when a reader uses the chart), in one language."""
    return {f"chart-{chart_id}.csv": _csv(rows, CHART_COLUMNS),
            f"chart-{chart_id}.json": _json([{k: r[k] for k in CHART_COLUMNS} for r in rows]),
            f"chart-{chart_id}.vl.json": spec_json.encode("utf-8")}


def fact_rows(edition: Edition, entity: Entity, lang: str) -> list[dict]:
    """One row per figure (a series gives one row per point), in `lang`."""
    rows = []
    for fact in entity.facts:
        points = fact.series or [None]
        for point in points:
            source = (point.source if point and point.source else fact.source)
            rows.append({
                "entity": entity.id, "fact": fact.id, "label": fact.label[lang],
                "value": point.value if point else fact.value,
                "text": fact.text[lang] if fact.text else "",
                "unit": fact.unit or "", "qualifier": fact.qualifier or "",
                "period": point.period if point else (fact.period or ""),
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


def language_downloads(edition: Edition, charts: dict, lang: str,
                       only: set[str] | None = None) -> dict[str, bytes]:
    """Every download of one language, by path in its folder: each entity's fact sheet and
    each chart's data (the compare page's charts under `compare/`)."""
    files: dict[str, bytes] = {}
    if only is None:
        for chart, item in charts.get(COMPARE, []):
            for name, data in chart_files(chart.id, item.rows, item.spec_json).items():
                files[f"{COMPARE}/{name}"] = data
    for entity in edition.entities.values():
        if only is not None and entity.id not in only:
            continue
        folder = f"{edition.kinds[entity.id]}/{entity.id}/"
        for name, data in entity_files(edition, entity, lang).items():
            files[folder + name] = data
        for chart, item in charts.get(entity.id, []):
            for name, data in chart_files(chart.id, item.rows, item.spec_json).items():
                files[folder + name] = data
    return files
