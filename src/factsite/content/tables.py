"""The edition as tables: the CSVs of its data package, one row per entity, figure, series
point, source, glossary term, metric and correction.

Plain values only: a text gets one column per language of the edition (`label_zh`,
`label_en`, for the languages `site.yaml` lists). The site's data package
(`site/datapackage.py`) writes these tables with their Table Schemas; a later edition reads
them back (`content/baseline.py`) to say what changed, so the column names here are the
contract between editions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factsite.content.edition import Edition
from factsite.content.kinds import KIND_IDS
from factsite.content.site_model import SiteConfig
from factsite.content.periods import parse_period

_POINT = r"\d{4}(-(Q[1-4]|\d{2})(-\d{2})?)?"
PERIOD_PATTERN = rf"{_POINT}(\.\.({_POINT}|(Q[1-4]|\d{{2}})(-\d{{2}})?))?"
FACT_SHAPES = ("value", "series", "text")


@dataclass(frozen=True)
class Column:
    """One column of a table (a text column is one column per language)."""

    name: str
    type: str = "string"  # a Table Schema type
    per_language: bool = False
    required: bool = False
    enum: tuple[str, ...] = ()
    pattern: str = ""


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    resource: str  # "" is the table itself
    reference: tuple[str, ...]


@dataclass(frozen=True)
class TableDef:
    """A table's columns and keys; its rows come from `edition_tables`."""

    name: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()

    def fields(self, languages: tuple[str, ...]) -> list[tuple[str, Column, str | None]]:
        """(field name, column, language or None) of every CSV column, in order."""
        out: list[tuple[str, Column, str | None]] = []
        for col in self.columns:
            if col.per_language:
                out += [(f"{col.name}_{lang}", col, lang) for lang in languages]
            else:
                out.append((col.name, col, None))
        return out


@dataclass(frozen=True)
class Table:
    definition: TableDef
    names: tuple[str, ...]  # the CSV header
    rows: tuple[dict, ...]


def _c(name: str, type_: str = "string", **kw) -> Column:
    return Column(name, type_, **kw)


_ENTITY_FK = ForeignKey(("entity",), "entities", ("id",))
_SOURCE_FK = ForeignKey(("source",), "sources", ("id",))
TABLES: tuple[TableDef, ...] = (
    TableDef("entities", (
        _c("id", required=True), _c("kind", required=True, enum=KIND_IDS),
        _c("name", per_language=True, required=True), _c("short_name", per_language=True),
        _c("type", per_language=True, required=True), _c("parent")),
        ("id",), (ForeignKey(("parent",), "", ("id",)),)),
    TableDef("facts", (
        _c("entity", required=True), _c("fact", required=True),
        _c("label", per_language=True, required=True),
        _c("shape", required=True, enum=FACT_SHAPES), _c("value", "number"),
        _c("text", per_language=True), _c("unit"),
        _c("qualifier", enum=("over", "about", "at_least", "nearly", "up_to")),
        _c("period", pattern=PERIOD_PATTERN), _c("period_inferred", "boolean", required=True),
        _c("period_phrase", per_language=True),
        _c("kind", required=True, enum=("actual", "target", "plan")),
        _c("scope", per_language=True), _c("rank", per_language=True), _c("metric"),
        _c("subset_of"), _c("differs_from"),
        _c("differs_reason", enum=("scope", "period", "definition", "unexplained")),
        _c("source", required=True), _c("quote", required=True),
        _c("note", per_language=True)),
        ("entity", "fact"),
        (_ENTITY_FK, _SOURCE_FK, ForeignKey(("metric",), "metrics", ("id",)))),
    TableDef("series", (
        _c("entity", required=True), _c("fact", required=True),
        _c("period", required=True, pattern=PERIOD_PATTERN),
        _c("value", "number", required=True), _c("period_inferred", "boolean", required=True),
        _c("period_phrase", per_language=True), _c("source", required=True),
        _c("quote", required=True)),
        ("entity", "fact", "period"),
        (ForeignKey(("entity", "fact"), "facts", ("entity", "fact")), _SOURCE_FK)),
    TableDef("sources", (
        _c("id", required=True), _c("file", required=True),
        _c("title", per_language=True, required=True), _c("publisher", per_language=True),
        _c("byline"), _c("date", required=True, pattern=PERIOD_PATTERN),
        _c("date_note", per_language=True, required=True)), ("id",)),
    TableDef("glossary", (
        _c("id", required=True), _c("term", per_language=True, required=True),
        _c("explanation", per_language=True, required=True)), ("id",)),
    TableDef("metrics", (
        _c("id", required=True), _c("label", per_language=True, required=True),
        _c("definition", per_language=True, required=True), _c("unit", required=True)),
        ("id",)),
    TableDef("corrections", (
        _c("entity", required=True), _c("fact", required=True),
        _c("edition", "date", required=True),
        _c("reason", per_language=True, required=True)), ("entity", "fact", "edition")),
)
BY_NAME = {t.name: t for t in TABLES}


def package_name(site: SiteConfig) -> str:
    """The data package's name: the site title as an ASCII slug, from the first language
    whose title makes one (the edition's sort language first), else 'edition'."""
    for lang in [site.order_language, *reversed(site.languages)]:
        slug = re.sub(r"[^a-z0-9]+", "-", site.title[lang].lower()).strip("-")
        if slug.isascii() and re.search(r"[a-z]", slug):
            return slug
    return "edition"


def zip_name(site: SiteConfig) -> str:
    """File name of the zipped package: '<name>-<edition>.zip'."""
    return f"{package_name(site)}-{site.edition}.zip"


def cell(value: object) -> str:
    """A value as CSV text: '' for none, true/false, numbers without a needless '.0'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return str(value)


def _texts(name: str, text, languages: tuple[str, ...]) -> dict:
    return {f"{name}_{lang}": (text[lang] if text is not None and lang in text else None)
            for lang in languages}


def _entity_rows(edition: Edition, langs: tuple[str, ...]) -> list[dict]:
    return [{"id": e.id, "kind": edition.kinds[e.id], **_texts("name", e.name, langs),
             **_texts("short_name", e.short_name, langs), **_texts("type", e.type, langs),
             "parent": e.parent} for _, e in sorted(edition.entities.items())]


def _fact_rows(edition: Edition, langs: tuple[str, ...]) -> tuple[list[dict], list[dict]]:
    facts, series = [], []
    for eid, entity in sorted(edition.entities.items()):
        for fact in sorted(entity.facts, key=lambda f: f.id):
            shape = "series" if fact.series else "value" if fact.value is not None else "text"
            facts.append({
                "entity": eid, "fact": fact.id, **_texts("label", fact.label, langs),
                "shape": shape, "value": fact.value, **_texts("text", fact.text, langs),
                "unit": fact.unit, "qualifier": fact.qualifier, "period": fact.period,
                "period_inferred": fact.period_inferred,
                **_texts("period_phrase", fact.period_phrase, langs), "kind": fact.kind,
                **_texts("scope", fact.scope, langs), **_texts("rank", fact.rank, langs),
                "metric": fact.metric, "subset_of": fact.subset_of,
                "differs_from": " ".join(fact.differs_from) or None,
                "differs_reason": fact.differs_reason, "source": fact.source.doc,
                "quote": fact.source.quote, **_texts("note", fact.note, langs)})
            for point in fact.points:
                ref = point.source or fact.source
                series.append({
                    "entity": eid, "fact": fact.id, "period": point.period,
                    "value": point.value, "period_inferred": point.period_inferred,
                    **_texts("period_phrase", point.period_phrase, langs),
                    "source": ref.doc, "quote": ref.quote})
    return facts, series


def edition_tables(edition: Edition) -> dict[str, Table]:
    """Every table of the edition's data package, rows in a stable order (by id)."""
    langs = edition.languages
    facts, series = _fact_rows(edition, langs)
    rows = {
        "entities": _entity_rows(edition, langs),
        "facts": facts,
        "series": series,
        "sources": [{"id": s.id, "file": s.file, **_texts("title", s.title, langs),
                     **_texts("publisher", s.publisher, langs), "byline": s.byline,
                     "date": s.date, **_texts("date_note", s.date_note, langs)}
                    for _, s in sorted(edition.sources.items())],
        "glossary": [{"id": t.id, **_texts("term", t.term, langs),
                      **_texts("explanation", t.explain, langs)}
                     for _, t in sorted(edition.terms.items())],
        "metrics": [{"id": m.id, **_texts("label", m.label, langs),
                     **_texts("definition", m.definition, langs), "unit": m.unit}
                    for _, m in sorted(edition.metrics.items())],
        "corrections": [{"entity": c.fact.partition("#")[0], "fact": c.fact.partition("#")[2],
                         "edition": c.edition, **_texts("reason", c.reason, langs)}
                        for c in sorted(edition.corrections,
                                        key=lambda c: (c.edition, c.fact))],
    }
    return {d.name: Table(d, tuple(n for n, _, _ in d.fields(langs)), tuple(rows[d.name]))
            for d in TABLES}


def period_ok(text: str) -> bool:
    """True when `text` is a period of the fact-sheet grammar."""
    try:
        parse_period(text)
    except ValueError:
        return False
    return True
