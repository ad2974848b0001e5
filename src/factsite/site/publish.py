"""Publish a RenderedSite as a static site into a folder: one MkDocs build per language (the
engine), its downloads and search index, and the root furniture (landing page, sitemap,
robots.txt, 404, shared assets)."""

from __future__ import annotations

import html
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

from factsite.content.diagnostics import ContentError
from factsite.content.tables import zip_name
from factsite.core.cache import Stored, as_bytes
from factsite.core.context import BuildContext
from factsite.render.locale import Locale
from factsite.render.plan import FIXED_PAGES
from factsite.render.site import RenderedPage, RenderedSite
from factsite.site.datapackage import DATA_DIR, write_data_package
from factsite.site.downloads import language_downloads
from factsite.site.engine import (EnginePage, LanguageJob, LanguageResult, build_languages)
from factsite.site.feed import FEED_FILE, atom_feed
from factsite.site.furniture import robots, sitemap
from factsite.site.links import engine_diagnostics
from factsite.site.search import finish_index, start_index

LANGUAGE_ASSETS = ["assets/factsite.css", "assets/factsite.js", "assets/favicon.svg"]
ROOT_ASSETS = ["assets/factsite-search.js"]
CHART_BUNDLE = "assets/factsite-charts.js"


@dataclass
class Published:
    """What publishing did: the per-language engine results (shells for previews)."""

    results: dict[str, LanguageResult] = field(default_factory=dict)


def theme_meta(rendered: RenderedPage) -> dict:
    """page.meta for the theme. MkDocs renders themes without autoescaping, and uses `title`
    itself: plain values are escaped here, once; `fs` carries the structured metadata."""
    meta = rendered.meta
    return {"title": html.escape(meta.title, quote=True),
            "description": html.escape(meta.description, quote=True), "fs": meta}


def nav(rs: RenderedSite, loc: Locale) -> list:
    """The section navigation: home, one entry per kind with pages, the fixed pages."""
    entries: list = [{loc["home"]: "index.md"}]
    for rendered in rs.pages[loc.code]:
        if rendered.page.kind == "kind-index":
            entries.append({loc["kinds"][rendered.page.extra["entity_kind"]]["many"]:
                            rendered.page.src})
    entries += [{loc[kind]: f"{path}index.md"} for path, _, kind in FIXED_PAGES
                if kind != "search"]
    return entries


def theme_options(rs: RenderedSite, loc: Locale) -> dict:
    """The theme: factsite's own (the `mkdocs.themes` entry point `factsite`), with the
    project's `templates/theme/` as its custom_dir when the project overrides theme files."""
    options: dict = {"name": "factsite"}  # its language is the catalogue's, not MkDocs'
    custom = next((d / "theme" for d in rs.templates.dirs[:-1] if (d / "theme").is_dir()), None)
    if custom:
        options["custom_dir"] = str(custom)
    return options


def mkdocs_options(rs: RenderedSite, loc: Locale, build_date: str) -> dict:
    """One language's MkDocs configuration (what a mkdocs.yml would hold)."""
    site, lang = rs.edition.site, loc.code
    base = rs.site_url.rstrip("/")
    return {
        "site_name": html.escape(site.title[lang]),  # themes print it unescaped
        "site_url": f"{base}/{lang}/" if base else None,
        "theme": theme_options(rs, loc),
        "extra": {
            "fs": {
                "t": loc.strings, "lang": lang, "tag": loc.tag,
                "root": f"{base}/{lang}/" if base else f"/{lang}/",  # for the 404 page
                "footer": {"edition": f"{loc['edition']} {site.edition}",
                           "built": f"{loc['last_built']} {build_date}"},
                "license": site.license[lang] if site.license else "",
                "search": {"label": loc["search"], "placeholder": loc["search_placeholder"]},
                "data": {"label": loc["data_package"],
                         "zip": f"{DATA_DIR}/{zip_name(site)}",
                         "json": f"{DATA_DIR}/datapackage.json"},
            },
        },
        "nav": nav(rs, loc),
        "not_in_nav": "/**\n",
        "validation": {"nav": {"omitted_files": "ignore"},
                       "links": {"not_found": "warn", "anchors": "warn",
                                 "unrecognized_links": "warn", "absolute_links": "info"}},
    }


def stage_files(files: Iterable[tuple[str, bytes | Stored]], folder: Path) -> Iterator[str]:
    """Write each file into `folder` as it comes (a reference to the cache is verified as it
    is copied); returns their paths, each once."""
    made: set[Path] = set()
    for rel, data in files:
        target = folder / rel
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(as_bytes(data))
        yield rel


def language_job(rs: RenderedSite, loc: Locale, site_dir: Path, build_date: str,
                 keep_shells: bool = False) -> LanguageJob:
    """One language's engine job; its downloads are written into a folder beside the
    language's (`.files-<lang>`, moved into the site by the engine) instead of memory."""
    assets = [(rel, rs.templates.find(rel).read_bytes()) for rel in LANGUAGE_ASSETS]
    staged = site_dir / f".files-{loc.code}"
    files = tuple(dict.fromkeys(stage_files(chain(
        language_downloads(rs, loc.code), [(FEED_FILE, atom_feed(rs, loc.code))], assets),
        staged)))
    pages = tuple(EnginePage(p.page.src, p.packed, tuple((e.id, e.title) for e in p.toc),
                             theme_meta(p)) for p in rs.pages[loc.code])
    return LanguageJob(loc.code, str(site_dir / loc.code), mkdocs_options(rs, loc, build_date),
                       pages, str(staged), files, keep_shells)


def publish(rs: RenderedSite, out: Path, ctx: BuildContext,
            keep_shells: bool = False) -> Published:
    """Write the whole site into `out` (a fresh folder); raise ContentError on a broken link."""
    published = Published()
    jobs = [language_job(rs, loc, out, ctx.build_date, keep_shells)
            for loc in rs.locales.values()]
    indexing = []
    try:
        with ctx.progress.step("build the pages with MkDocs, index search"):
            results = build_languages(jobs, ctx.workers)
            for job in jobs:
                shutil.rmtree(job.staged)  # empty folders: the engine moved every file
            diags: dict[tuple, object] = {}
            for result in results:
                published.results[result.lang] = result
                for diag in engine_diagnostics(rs, result):
                    # a derived language repeats its source's texts: one report per place
                    diags.setdefault((diag.file, diag.line, diag.col, diag.code), diag)
            if diags:
                raise ContentError(list(diags.values()))
            for lang in rs.locales:
                indexing.append((start_index(out / lang), out / lang))
            _root_files(rs, out, ctx)
            for proc, lang_dir in indexing:
                finish_index(proc, lang_dir)
    finally:
        for proc, _ in indexing:  # after an error or an interruption: stop the rest
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    return published


def _root_files(rs: RenderedSite, out: Path, ctx: BuildContext) -> None:
    """The landing page, sitemap, robots.txt, 404, the assets shared by every language and
    the edition's data package (`data/`)."""
    (out / "assets").mkdir(parents=True, exist_ok=True)
    if rs.bundle:
        (out / CHART_BUNDLE).write_text(rs.bundle, encoding="utf-8")
    for rel in ROOT_ASSETS:
        (out / rel).write_bytes(rs.templates.find(rel).read_bytes())
    (out / "favicon.svg").write_bytes(rs.templates.find("assets/favicon.svg").read_bytes())
    (out / "index.html").write_text(rs.landing, encoding="utf-8")
    default = rs.edition.site.x_default
    paths = [p.page.path for p in rs.pages[default]]
    tags = {code: loc.tag for code, loc in rs.locales.items()}
    (out / "sitemap.xml").write_text(sitemap(paths, tags, default, rs.site_url,
                                             ctx.build_date), encoding="utf-8")
    (out / "robots.txt").write_text(robots(rs.site_url), encoding="utf-8")
    (out / "404.html").write_bytes((out / default / "404.html").read_bytes())
    write_data_package(rs, out)
