"""Phase one of a build, in memory: every chart and every page of every language rendered
from a loaded Edition. Later stages (the site engine, search, downloads, PDFs, preview) take
this RenderedSite and never read back what another stage wrote to disk."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from jinja2 import Environment

from factsite.content.baseline import snapshot_of
from factsite.content.edition import Edition
from factsite.core.cache import Stored
from factsite.core.context import BuildContext
from factsite.core.packed import pack, unpack
from factsite.core.fonts import Fonts, static_fonts
from factsite.render.charset import edition_chars
from factsite.render.charts.maps import (MapDef, RenderedMap, build_map, compact_paths,
                                         describe_map, page_svg, plan_maps)
from factsite.render.changes import ChangeList, Release, list_changes, releases
from factsite.render.charts.plan import ChartDef, plan_all
from factsite.render.charts.rows import describe_chart, source_line
from factsite.render.charts.specs import SpecBuilder
from factsite.render.charts.svg import RenderedChart, SvgRenderer, scope_svg_ids, slim_svg
from factsite.render.context import PageContext
from factsite.render.cards import CardRenderer, page_card
from factsite.render.derive import Derived, TermMemo, derive
from factsite.render.embeds import EmbedPage, render_embeds
from factsite.render.locale import Locale, edition_locales
from factsite.render.meta import PageMeta, page_meta
from factsite.render.pages import (TocEntry, make_environment, render_body, table_of_contents,
                                   with_sections_strip)
from factsite.render.plan import Page, plan_pages
from factsite.render.templates import TemplateDirs
from factsite.render.text import TermMatcher, TextRenderer

Charts = dict[str, dict[str, list[tuple[ChartDef, RenderedChart]]]]  # lang -> owner -> charts
Maps = dict[str, dict[str, list[tuple[MapDef, RenderedMap]]]]  # lang -> owner -> maps


@dataclass(frozen=True)
class RenderedPage:
    """One page of one language: its body (links in source-file form; held packed), sections,
    metadata, and the links its author text contains (as emitted -> as written, for error
    reports)."""

    page: Page
    packed: bytes
    toc: tuple[TocEntry, ...]
    meta: PageMeta
    authored_links: dict = field(default_factory=dict, compare=False, hash=False)

    @classmethod
    def of(cls, page: Page, body: str, toc: tuple[TocEntry, ...], meta: PageMeta,
           authored_links: dict) -> RenderedPage:
        return cls(page, pack(body), toc, meta, authored_links)

    @property
    def body(self) -> str:
        return unpack(self.packed)


@dataclass
class RenderedSite:
    """Everything loaded, checked and rendered, in memory."""

    edition: Edition
    derived: Derived
    locales: dict[str, Locale]
    templates: TemplateDirs
    charts: Charts
    pages: dict[str, list[RenderedPage]]
    site_url: str
    pdf: bool
    landing: str = ""  # the root page, in every language
    bundle: str = ""  # the interactive chart bundle, when some page has a chart
    build_date: str = ""
    n_charts: int = 0
    n_rendered: int = 0
    maps: Maps = field(default_factory=dict)
    embeds: dict[str, list[EmbedPage]] = field(default_factory=dict)  # lang -> embed pages
    cards: dict[str, dict[str, Stored]] = field(default_factory=dict)  # lang -> path -> PNG
    changes: ChangeList | None = None  # since the previous edition
    releases: tuple[Release, ...] = ()  # the edition's history, newest first
    fonts: Fonts | None = None  # the static instances, subset to the edition's characters

    def page(self, lang: str, path: str) -> RenderedPage:
        for rendered in self.pages[lang]:
            if rendered.page.path == path:
                return rendered
        raise KeyError(f"{lang}/{path}")


@dataclass
class Reusable:
    """What one render hands to the next in the same process (a preview's updates): the
    chart skeletons, the compiled templates (while the templates are unchanged) and the
    term search of unchanged entities."""

    specs: SpecBuilder = field(default_factory=SpecBuilder)
    terms: TermMemo = field(default_factory=TermMemo)
    env: Environment | None = None


class ChartJob(NamedTuple):
    """One chart of one owner in one language, its Vega-Lite spec built, not yet drawn."""

    owner: str
    chart: ChartDef
    lang: str
    spec: dict
    rows: list


def chart_jobs(edition: Edition, locales: dict[str, Locale], only: set[str] | None = None,
               builder: SpecBuilder | None = None) -> list[ChartJob]:
    """The spec of every chart of every owner (entity or compare page), in every language
    (of the owners in `only`, when given); a kept `builder` reuses its chart skeletons."""
    builder = builder or SpecBuilder()
    return [ChartJob(owner, chart, lang, *builder.spec(chart, loc, source_line(chart, edition,
                                                                               loc)))
            for owner, chart in plan_all(edition, only) for lang, loc in locales.items()]


def draw_charts(jobs: list[ChartJob], locales: dict[str, Locale],
                renderer: SvgRenderer) -> Charts:
    """The SVG, PNG and text view of each job, grouped by language and owner."""
    out: Charts = {lang: {} for lang in locales}
    specs = [job.spec for job in jobs]
    pngs = renderer.pngs(specs, by_reference=True)  # downloads only: they stay on disk
    for job, svg, png in zip(jobs, renderer.svgs(specs), pngs):
        item = RenderedChart(scope_svg_ids(slim_svg(svg), f"c-{job.chart.id}"),
                             json.dumps(job.spec, ensure_ascii=False, sort_keys=True), job.rows,
                             describe_chart(job.chart, job.rows, locales[job.lang]), png)
        out[job.lang].setdefault(job.owner, []).append((job.chart, item))
    return out


def render_maps(edition: Edition, locales: dict[str, Locale], renderer: SvgRenderer) -> Maps:
    """Every map of every owner (the home page, the region, each area's entity) in every
    language; one rendering per map and language, whichever pages show it."""
    planned = [(owner, mdef, lang) for owner, mdef in plan_maps(edition) for lang in locales]
    jobs: dict[tuple[str, str | None, str], tuple] = {}  # one per map, highlight and language
    for _, mdef, lang in planned:
        key = (mdef.id, mdef.highlight, lang)
        if key not in jobs:
            jobs[key] = (mdef, lang, *build_map(mdef, edition, locales[lang]))
    specs = [spec for _, _, spec, _ in jobs.values()]
    wide = [spec for mdef, _, spec, _ in jobs.values() if not mdef.locator]
    pngs = iter(renderer.pngs(wide))
    done: dict[tuple[str, str | None, str], RenderedMap] = {}
    for (key, (mdef, lang, spec, rows)), svg in zip(jobs.items(), renderer.svgs(specs)):
        svg = compact_paths(scope_svg_ids(page_svg(slim_svg(svg)), mdef.id),
                            0 if mdef.locator else 1)
        done[key] = RenderedMap(svg, json.dumps(spec, ensure_ascii=False, sort_keys=True), rows,
                                describe_map(mdef, edition, rows, locales[lang]),
                                b"" if mdef.locator else next(pngs))
    out: Maps = {lang: {} for lang in locales}
    for owner, mdef, lang in planned:
        out[lang].setdefault(owner, []).append((mdef, done[(mdef.id, mdef.highlight, lang)]))
    return out


class PageRenderer:
    """Renders pages of an edition: one Jinja environment and one text renderer a language."""

    def __init__(self, edition: Edition, derived: Derived, locales: dict[str, Locale],
                 templates: TemplateDirs, site_url: str, pdf: bool, build_date: str,
                 changes: ChangeList | None = None, history: tuple[Release, ...] = (),
                 env: Environment | None = None):
        self.edition, self.derived, self.locales = edition, derived, locales
        self.changes, self.releases = changes, history
        self.site_url, self.pdf, self.build_date = site_url, pdf, build_date
        self.env = env or make_environment(templates)  # a kept one reuses compiled templates
        terms = list(edition.terms.values())
        self.text = {lang: TextRenderer(TermMatcher(terms, lang)) for lang in locales}

    def render(self, page: Page, charts: Charts, maps: Maps | None = None) -> RenderedPage:
        others = {code: loc for code, loc in self.locales.items() if code != page.lang}
        ctx = PageContext(page, self.edition, self.derived, self.locales[page.lang],
                          self.text[page.lang], charts[page.lang], others, self.site_url,
                          self.build_date, (maps or {}).get(page.lang, {}), self.changes,
                          self.releases)
        body = render_body(self.env, ctx)
        toc = table_of_contents(body)
        body = with_sections_strip(self.env, body, toc, ctx.t)
        meta = replace(page_meta(page, self.edition, self.locales, self.site_url, self.pdf,
                                 self.edition.site.x_default), charts=ctx.has_charts)
        return RenderedPage.of(page, body, tuple(toc), meta, dict(self.text[page.lang].links))


def render_site(edition: Edition, templates: TemplateDirs, ctx: BuildContext,
                site_url: str | None = None, pdf: bool = True,
                reuse: Reusable | None = None) -> RenderedSite:
    """Render every chart and page of every language of `edition` in memory (filling
    `reuse`, when given, for the next render)."""
    reuse = reuse or Reusable()
    site_url = edition.site.site_url if site_url is None else site_url
    locales = edition_locales(templates, edition)
    derived = derive(edition, reuse.terms)
    with ctx.progress.step("derive the fonts"):
        fonts = static_fonts(ctx.cache, edition_chars(edition, locales, templates))
    with ctx.progress.step("render the charts"), \
            SvgRenderer(ctx.cache, fonts, ctx.workers) as renderer:
        jobs = chart_jobs(edition, locales, builder=reuse.specs)
        charts, n_charts = draw_charts(jobs, locales, renderer), len(jobs) // len(locales)
        del jobs  # every chart's spec as Python objects: the largest part of a big edition
        maps = render_maps(edition, locales, renderer)
        bundle = renderer.bundle() if n_charts or edition.maps else ""
    pages: dict[str, list[RenderedPage]] = {}
    with ctx.progress.step("render the pages"):
        current = snapshot_of(edition)
        changes = list_changes(edition, current)
        history = releases(edition, changes, current)
        page_renderer = PageRenderer(edition, derived, locales, templates, site_url, pdf,
                                     ctx.build_date, changes, history, reuse.env)
        reuse.env = page_renderer.env
        for lang in locales:
            pages[lang] = [page_renderer.render(page, charts, maps)
                           for page in plan_pages(edition, lang)]
        landing = page_renderer.env.get_template("landing.html.j2").render(
            site=edition.site, locales=locales,
            base=site_url.rstrip("/") + "/" if site_url else "")
    with ctx.progress.step("render the embeds and share cards"):
        source_tag = locales[edition.languages[0]].tag
        embeds = {lang: render_embeds(page_renderer.env, edition, loc, source_tag, site_url,
                                      charts[lang], maps[lang])
                  for lang, loc in locales.items()}
        wanted = [(lang, p.page.path, page_card(p.page, edition, locales[lang], p.meta.title))
                  for lang in locales for p in pages[lang]]
        drawn = CardRenderer(ctx.cache, fonts, ctx.workers).pngs([c for *_, c in wanted],
                                                                 by_reference=True)
        cards: dict[str, dict[str, Stored]] = {lang: {} for lang in locales}
        for (lang, path, _), png in zip(wanted, drawn):
            cards[lang][path] = png
    return RenderedSite(edition, derived, locales, templates, charts, pages, site_url, pdf,
                        landing, bundle, ctx.build_date, n_charts, renderer.rendered,
                        maps=maps, embeds=embeds, cards=cards, changes=changes,
                        releases=history, fonts=fonts)
