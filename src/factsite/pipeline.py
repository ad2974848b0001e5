"""The build, in two phases: load and render everything in memory, then write into a
temporary folder and swap it into place only when every step succeeded."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from factsite.chart_render import RenderedChart, render_all, scope_svg_ids, write_bundle
from factsite.charts import chart_spec, describe_chart, plan_charts, plan_comparisons
from factsite.derive import derive
from factsite.downloads import chart_files, entity_files
from factsite.edition import Edition
from factsite.engine import mkdocs_config, run_mkdocs_async, wait_mkdocs, write_docs
from factsite.furniture import build_date, robots, sitemap
from factsite.search import finish_index, start_index
from factsite.text import TermMatcher
from factsite.landing import render_landing
from factsite.loader import load_edition, load_strings
from factsite.pages import HREFLANG, LANGS, Page, plan_pages
from factsite.pdf import export_all
from factsite.print_html import pdf_name, print_css, print_jobs, report_name
from factsite.progress import SILENT, Progress
from factsite.render import PageContext, make_environment, render_page

OG_LOCALE = {"zh": "zh_CN", "en": "en_US"}
COMPARE = "compare"  # owner key of the compare page's charts
ASSETS = ["factsite.css", "favicon.svg"]
ROOT_ASSETS = ["factsite-search.js"]


def _plain(text: str, limit: int = 160) -> str:
    """First sentence of Markdown text, as plain text for meta descriptions."""
    text = re.sub(r"[*_`#>\[\]]|\(http[^)]*\)", "", text).strip()
    first = re.split(r"(?<=[。！？.!?])\s*", text, maxsplit=1)[0]
    return first[:limit]


def page_meta(page: Page, ctx: PageContext, edition: Edition, strings: dict,
              site_url: str, pdf: bool) -> dict:
    """Front matter of a page: title, description, language alternates, switcher."""
    t, lang = strings[page.lang], page.lang
    if page.entity_id:
        entity = edition.entities[page.entity_id]
        title, description = entity.name[lang], _plain(entity.summary[lang])
    else:
        title = {"home": edition.site.title[lang], "glossary": t["glossary"],
                 "sources": t["sources"], "about": t["about"],
                 "compare": t["compare"], "search": t["search"]}.get(page.kind)
        if page.kind == "kind-index":
            title = t["kinds"][page.extra["entity_kind"]]["many"]
        description = edition.site.description[lang]

    def href(target_lang: str) -> str:
        if site_url:
            return f"{site_url.rstrip('/')}/{target_lang}/{page.path}"
        return ctx.root_url(f"{target_lang}/{page.path}")

    other = ctx.other_lang
    meta = {  # MkDocs themes print these unescaped: escape them here, once
        "title": html.escape(title, quote=True),
        "description": html.escape(description, quote=True),
        "fs_template": page.template,
        "fs_alternates": [{"hreflang": HREFLANG[code], "href": href(code)} for code in LANGS]
        + [{"hreflang": "x-default", "href": href("en")}],
        "fs_switch": {"href": ctx.alt_url(), "hreflang": HREFLANG[other],
                      "label": strings[other]["lang_name"]},
        "fs_search": {"href": ctx.url("search/"), "label": t["search"],
                      "placeholder": t["search_placeholder"]},
        "fs_og": {"locale": OG_LOCALE[lang], "locale_alternate": OG_LOCALE[other],
                  "url": f"{site_url.rstrip('/')}/{lang}/{page.path}" if site_url else ""},
    }
    if pdf:  # link the PDFs only when this build makes them
        meta["fs_pdf"] = {"href": pdf_name(page.path, lang), "label": t["pdf_page"]}
        meta["fs_report"] = {"href": ctx.url(report_name(lang)), "label": t["pdf_report"]}
    return meta


def _nav(edition: Edition, strings: dict) -> list:
    nav: list = [{strings["home"]: "index.md"}]
    for kind in ("district", "cluster", "platform", "institution", "company", "programme"):
        if edition.by_kind(kind):
            nav.append({strings["kinds"][kind]["many"]: f"{kind}/index.md"})
    nav += [{strings["compare"]: "compare/index.md"},
            {strings["glossary"]: "glossary/index.md"}, {strings["sources"]: "sources/index.md"},
            {strings["about"]: "about/index.md"}]
    return nav


def prepare_charts(edition: Edition, only: set[str] | None = None) -> tuple[dict, int, int]:
    """Every chart of every entity in both languages, rendered (in parallel, cached).

    Returns {lang: {entity_id: [(ChartDef, RenderedChart)]}}, the number of charts and how
    many SVGs had to be rendered (the rest came from the cache).
    """
    jobs = []
    owners = [(e.id, plan_charts(edition, e)) for e in edition.entities.values()
              if only is None or e.id in only]
    if only is None:
        owners.append((COMPARE, plan_comparisons(edition)))
    for owner, planned in owners:
        for chart in planned:
            for lang in LANGS:
                spec, rows = chart_spec(chart, lang)
                jobs.append((lang, owner, chart, spec, rows,
                             describe_chart(chart, rows, lang)))
    svgs, rendered = render_all([job[3] for job in jobs])
    out: dict[str, dict[str, list]] = {lang: {} for lang in LANGS}
    for (lang, entity_id, chart, spec, rows, alt), svg in zip(jobs, svgs):
        spec_json = json.dumps(spec, ensure_ascii=False, sort_keys=True).replace(
            "<", "\\u003c")  # inert inside <script type="application/json">
        item = RenderedChart(scope_svg_ids(svg, f"c-{chart.id}"), spec_json, rows, alt)
        out[lang].setdefault(entity_id, []).append((chart, item))
    return out, len(jobs) // len(LANGS), rendered


def data_files(edition: Edition, charts: dict, lang: str,
               only: set[str] | None = None) -> dict[str, bytes]:
    """Downloads of one language: each entity's fact sheet and each chart's data."""
    files: dict[str, bytes] = {}
    for chart, item in charts[lang].get(COMPARE, []):
        for name, data in chart_files(chart.id, item.rows).items():
            files["compare/" + name] = data
    for entity in edition.entities.values():
        if only is not None and entity.id not in only:
            continue
        folder = f"{edition.kinds[entity.id]}/{entity.id}/"
        for name, data in entity_files(edition, entity, lang).items():
            files[folder + name] = data
        for chart, item in charts[lang].get(entity.id, []):
            for name, data in chart_files(chart.id, item.rows).items():
                files[folder + name] = data
    return files


def _swap(tmp: Path, out: Path) -> None:
    """Replace `out` by `tmp` with two renames; the old tree is removed afterwards."""
    old = out.with_name(f".{out.name}.old-{os.getpid()}")
    if out.exists():
        os.rename(out, old)
    os.rename(tmp, out)
    shutil.rmtree(old, ignore_errors=True)


@dataclass
class RenderedSite:
    """Phase one of a build: everything loaded, checked and rendered, in memory."""

    edition: Edition
    strings: dict
    derived: object
    env: object
    charts: dict
    pages: dict[str, list]  # lang -> [(Page, meta, body)]
    site_url: str
    pdf: bool
    n_charts: int = 0
    n_rendered: int = 0


def render_site(content: Path, templates: Path, site_url: str | None = None,
                pdf: bool = True, progress: Progress = SILENT) -> RenderedSite:
    """Load, check and render every page and chart of both languages in memory."""
    with progress.step("load and check the content"):
        edition = load_edition(content)
        strings = load_strings(templates / "i18n")
    site_url = site_url if site_url is not None else edition.site.site_url
    if "SOURCE_DATE_EPOCH" not in os.environ:  # reproducible within a day: today, 00:00 UTC
        today = datetime.now(timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
        os.environ["SOURCE_DATE_EPOCH"] = str(int(today.timestamp()))
    derived = derive(edition)
    env = make_environment(templates)
    with progress.step("render the charts"):
        charts, n_charts, n_rendered = prepare_charts(edition)
    pages: dict[str, list] = {}
    with progress.step("render the pages"):
        for lang in LANGS:
            pages[lang] = [render_one(page, edition, derived, env, strings, charts,
                                      site_url or "", pdf) for page in plan_pages(edition, lang)]
    return RenderedSite(edition, strings, derived, env, charts, pages, site_url or "", pdf,
                        n_charts, n_rendered)


def render_one(page: Page, edition: Edition, derived, env, strings: dict, charts: dict,
               site_url: str, pdf: bool) -> tuple[Page, dict, str]:
    """One page: its body and its metadata (the glossary learns which pages use a term)."""
    build_info = {"edition": edition.site.edition, "charts": charts[page.lang],
                  "terms": _matcher(edition, page.lang)}
    body, ctx = render_page(env, page, edition, derived, strings[page.lang], build_info)
    if page.entity_id:
        for term in ctx.linked_terms:
            users = derived.term_pages.setdefault(term, [])
            if page.entity_id not in users:
                users.append(page.entity_id)
    return page, page_meta(page, ctx, edition, strings, site_url, pdf), body


_MATCHERS: dict[tuple, TermMatcher] = {}


def _matcher(edition: Edition, lang: str) -> TermMatcher:
    """One glossary matcher per glossary and language, built once per build."""
    key = (lang, tuple(edition.terms.values()))
    if key not in _MATCHERS:
        if len(_MATCHERS) > 8:
            _MATCHERS.clear()
        _MATCHERS[key] = TermMatcher(list(edition.terms.values()), lang)
    return _MATCHERS[key]


def write_site(rs: RenderedSite, templates: Path, out: Path,
               progress: Progress = SILENT) -> int:
    """Phase two: MkDocs, search, PDFs and root files into a temporary folder, then swap it
    into `out`. Returns the number of PDFs exported anew."""
    edition, strings, built = rs.edition, rs.strings, build_date()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    work = Path(tempfile.mkdtemp(prefix="factsite-docs-"))
    n_pdf_rendered = 0
    indexing, builds = [], {}
    try:
        configs = {}
        for lang in LANGS:
            docs = work / f"docs-{lang}"
            write_docs(docs, rs.pages[lang])
            (docs / "assets").mkdir(parents=True, exist_ok=True)
            for name in ASSETS:
                shutil.copyfile(templates / "assets" / name, docs / "assets" / name)
            t = strings[lang]
            footer = {"edition": f"{t['edition']} {edition.site.edition}",
                      "built": f"{t['last_built']} {built}"}
            configs[lang] = mkdocs_config(lang, docs, tmp / lang, templates, t,
                                          edition.site.title[lang], rs.site_url,
                                          _nav(edition, t), ["assets/factsite.css"], footer)
        # one MkDocs build per language, side by side on the cores; search indexing starts
        # as soon as a language is built, data downloads are written meanwhile
        with progress.step("build the pages with MkDocs, index search"):
            builds = {lang: run_mkdocs_async(configs[lang]) for lang in LANGS}
            for lang in LANGS:
                wait_mkdocs(builds.pop(lang))
                indexing.append((start_index(tmp / lang), tmp / lang))
                for rel, data in data_files(edition, rs.charts, lang).items():
                    target = tmp / lang / rel
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(data)
            write_bundle(tmp / "assets" / "factsite-charts.js")
            for name in ROOT_ASSETS:
                shutil.copyfile(templates / "assets" / name, tmp / "assets" / name)
            while indexing:
                finish_index(*indexing.pop(0))
        if rs.pdf:
            with progress.step("export the PDFs"):
                jobs = print_jobs(tmp, rs.env, edition, strings, print_css(templates),
                                  rs.site_url)
                n_pdf_rendered = export_all(jobs)
        (tmp / "index.html").write_text(render_landing(rs.env, edition, strings),
                                        encoding="utf-8")
        paths = [page.path for page, _, _ in rs.pages["en"]]
        (tmp / "sitemap.xml").write_text(sitemap(paths, rs.site_url, built), encoding="utf-8")
        (tmp / "robots.txt").write_text(robots(rs.site_url), encoding="utf-8")
        shutil.copyfile(tmp / "en" / "404.html", tmp / "404.html")
        shutil.copyfile(templates / "assets" / "favicon.svg", tmp / "favicon.svg")
        os.chmod(tmp, 0o755)
        _swap(tmp, out)
    except BaseException:
        for proc, _ in indexing:
            proc.kill()
        for proc in builds.values():
            if proc is not None:
                proc.kill()
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return n_pdf_rendered


def build_site(content: Path, templates: Path, out: Path, site_url: str | None = None,
               progress: Progress = SILENT, pdf: bool = True) -> str:
    """Build the whole site into `out`; on any error `out` is left untouched."""
    started = time.perf_counter()
    rs = render_site(content, templates, site_url, pdf, progress)
    n_pdf_rendered = write_site(rs, templates, out, progress)
    n_pages = sum(len(v) for v in rs.pages.values())
    n_pdf = n_pages + len(LANGS) if pdf else 0  # a PDF per page, and a report per language
    return (f"built {n_pages} pages ({len(rs.pages['zh'])} zh, {len(rs.pages['en'])} en), "
            f"{rs.n_charts} charts ({rs.n_rendered} SVGs rendered, the rest cached) and "
            f"{n_pdf} PDFs ({n_pdf_rendered} exported, the rest cached) into {out} in "
            f"{time.perf_counter() - started:.1f}s")
