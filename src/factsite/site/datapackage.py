"""The edition as a Frictionless Data Package, published at the site root: `data/` holds
`datapackage.json`, one CSV per table (`content/tables.py`: entities, facts, series,
sources, glossary, metrics, corrections) and `license.txt`, and `data/<name>-<edition>.zip`
holds the same files.

The descriptor is written here rather than inferred by the `frictionless` library: the
schemas are known (types, keys, enums, per-language columns) and must not depend on what a
library guesses from the data; the tests validate the published package with
`frictionless.validate`. Everything is deterministic: rows by id, keys in a fixed order,
zip entries sorted with fixed timestamps, so the same content gives the same bytes.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from pathlib import Path

from factsite.content.edition import Edition
from factsite.content.site_model import SiteConfig
from factsite.content.tables import Column, Table, cell, edition_tables, package_name, zip_name
from factsite.render.locale import Locale
from factsite.render.site import RenderedSite

DATA_DIR = "data"
LICENSE_FILE = "license.txt"


def _csv(table: Table) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(table.names)
    for row in table.rows:
        writer.writerow([cell(row.get(name)) for name in table.names])
    return buf.getvalue().encode("utf-8")


def _translated(texts: dict[str, dict], main: str) -> dict:
    """`title` and `description` in the main language, every language under
    `translations` (a custom property: the Data Package spec knows one language)."""
    return {**texts[main], "translations": texts}


def _field(name: str, col: Column, lang: str | None, locales: dict[str, Locale],
           main: str) -> dict:
    texts = {}
    for code, loc in locales.items():
        node = loc.t(f"data.columns.{col.name}")
        title, description = node["title"], node["description"]
        if lang is not None:
            language = locales[lang].name if lang in locales else lang
            title = loc.t("data.in_language", text=title, language=language)
        texts[code] = {"title": title, "description": description}
    out: dict = {"name": name, "type": col.type, **_translated(texts, main)}
    if col.type == "boolean":
        out.update(trueValues=["true"], falseValues=["false"])
    constraints: dict = {}
    if col.required:
        constraints["required"] = True
    if col.enum:
        constraints["enum"] = list(col.enum)
    if col.pattern:
        constraints["pattern"] = col.pattern
    if constraints:
        out["constraints"] = constraints
    return out


def _schema(table: Table, langs: tuple[str, ...], locales: dict[str, Locale],
            main: str) -> dict:
    d = table.definition
    schema: dict = {"fields": [_field(n, col, lang, locales, main)
                               for n, col, lang in d.fields(langs)],
                    "missingValues": [""], "primaryKey": list(d.primary_key)}
    if d.foreign_keys:
        schema["foreignKeys"] = [{"fields": list(fk.fields), "reference": {
            "resource": fk.resource, "fields": list(fk.reference)}} for fk in d.foreign_keys]
    return schema


def _license(site: SiteConfig, locales: dict[str, Locale]) -> bytes:
    """license.txt: the terms of reuse in every language."""
    if site.license is None:
        return b""
    return "\n\n".join(f"[{loc.name}]\n{site.license[code]}"
                       for code, loc in locales.items()).encode("utf-8") + b"\n"


def package_files(edition: Edition, locales: dict[str, Locale], site_url: str,
                  build_date: str) -> dict[str, bytes]:
    """`datapackage.json` and the files it describes, by name."""
    site = edition.site
    main, langs, base = site.x_default, edition.languages, site_url.rstrip("/")
    files: dict[str, bytes] = {}
    resources = []
    for name, table in edition_tables(edition).items():
        data = files[f"{name}.csv"] = _csv(table)
        resources.append({
            "name": name, "path": f"{name}.csv", "profile": "tabular-data-resource",
            **_translated({code: dict(loc.t(f"data.tables.{name}"))
                           for code, loc in locales.items()}, main),
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "bytes": len(data), "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
            "schema": _schema(table, langs, locales, main)})
    descriptor: dict = {
        "profile": "tabular-data-package", "name": package_name(site),
        **_translated({code: {"title": site.title[code], "description": loc.t(
            "data.package_description", description=site.description[code])}
            for code, loc in locales.items()}, main),
        "version": site.edition, "created": f"{build_date}T00:00:00Z",
        "languages": list(langs)}
    if base:
        descriptor["homepage"] = f"{base}/"
    descriptor["contributors"] = [{"title": site.author[main], "role": "publisher"}]
    if site.license is not None:
        files[LICENSE_FILE] = _license(site, locales)
        descriptor["licenses"] = [{"path": LICENSE_FILE, "title": site.license[main]}]
    sources = []
    for doc, src in sorted(edition.sources.items()):
        entry = {"title": src.title[main]}
        if base:
            entry["path"] = f"{base}/{main}/sources/{doc}/"
        if src.publisher:
            entry["publisher"] = src.publisher[main]
        sources.append({**entry, "date": src.date})
    descriptor["sources"] = sources
    descriptor["resources"] = resources
    files["datapackage.json"] = (json.dumps(descriptor, ensure_ascii=False, indent=1)
                                 + "\n").encode("utf-8")
    return files


def package_zip(files: dict[str, bytes], edition_date: str) -> bytes:
    """The files as one zip: entries sorted, each dated the edition's day, mode 644."""
    stamp = tuple(int(x) for x in edition_date.split("-")) + (0, 0, 0)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=stamp)  # type: ignore[arg-type]
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            archive.writestr(info, files[name], compresslevel=9)
    return buf.getvalue()


def data_files(rs: RenderedSite) -> dict[str, bytes]:
    """Every file of `data/` at the site root: the package's files and its zip."""
    files = package_files(rs.edition, rs.locales, rs.site_url, rs.build_date)
    out = {f"{DATA_DIR}/{name}": data for name, data in files.items()}
    out[f"{DATA_DIR}/{zip_name(rs.edition.site)}"] = package_zip(files, rs.edition.site.edition)
    return out


def write_data_package(rs: RenderedSite, out: Path) -> None:
    """Write `data/` into the site folder `out`."""
    for rel, data in data_files(rs).items():
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def write_snapshot(edition: Edition, locales: dict[str, Locale], site_url: str,
                   build_date: str, folder: Path) -> list[Path]:
    """Keep this edition's package in `folder` (e.g. content/editions/<edition>/): the
    baseline the next edition compares with. Returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in sorted(package_files(edition, locales, site_url, build_date).items()):
        (folder / name).write_bytes(data)
        written.append(folder / name)
    return written
