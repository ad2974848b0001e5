"""Preview builds that redo only what changed.

The last build stays in memory: the RenderedSite, and for every page the themed HTML around
its body, as MkDocs wrote it. After an edit to fact sheets that leaves what other pages show
of them as it was (names, relations, figures) and their sections too (a summary, a chart's
title, a milestone), only their pages (in every language), charts, embeds and
downloads are rendered again, with the sources and glossary pages when what they list
changed; each page is written as shell + new body. Anything else runs a full build.
"""

from __future__ import annotations

import gc
import html
import time
from dataclasses import replace
from pathlib import Path

from factsite.content.edition import Edition
from factsite.content.loader import Loader
from factsite.core.cache import as_bytes
from factsite.core.context import BuildContext
from factsite.core.fonts import static_fonts
from factsite.build.pipeline import Project, render_project, write_site
from factsite.render.charset import chars_of, edition_chars
from factsite.render.charts.svg import SvgRenderer
from factsite.render.derive import derive, source_refs
from factsite.render.plan import plan_pages
from factsite.render.embeds import render_embeds
from factsite.render.site import (PageRenderer, RenderedSite, Reusable, chart_jobs,
                                  draw_charts)
from factsite.site.downloads import language_downloads
from factsite.site.engine import BodyLinks
from factsite.site.publish import Published


def _snapshot(project: Project) -> dict[str, tuple[int, int]]:
    files = {str(p): (p.stat().st_mtime_ns, p.stat().st_size)
             for p in sorted(project.content.rglob("*")) if p.is_file()}
    files.update({path: (mtime, size) for path, mtime, size in project.templates.fingerprint()})
    return files


def _shape(edition: Edition, entity_id: str) -> tuple:
    """What other pages show of an entity: if it changes, a full build is needed. Its
    figures are among them: the home page's district cards, the compare page, the ledger,
    the tracker, the change list and the data package show them."""
    e = edition.entities.get(entity_id)
    if e is None:
        return ()
    return (e.name, e.type, e.short_name, e.parent, e.links, e.terms, e.facts)


def _quotes(edition: Edition, entity_id: str) -> set[tuple[str, str]]:
    return {(r.doc, r.quote) for r in source_refs(edition.entities[entity_id])}


class Preview:
    """Keeps the last build in memory; `update()` rebuilds only what an edit touched."""

    def __init__(self, project: Project, ctx: BuildContext, site_url: str = ""):
        self.project, self.ctx, self.site_url = project, ctx, site_url
        self.loader = Loader(project.content)
        self.state: RenderedSite | None = None
        self.published: Published | None = None
        self.files: dict[str, tuple[int, int]] = {}
        # kept between updates: a chart worker starts slowly, templates compile slowly
        self.renderer: SvgRenderer | None = None
        self.reuse = Reusable()
        self.links: dict[str, BodyLinks] = {}  # by language, for the pages of the last build

    def full(self) -> str:
        started = time.perf_counter()
        self.reuse.env = None  # the templates may have changed
        self.files = _snapshot(self.project)
        self.state = render_project(self.project, self.ctx, self.loader, self.site_url,
                                    pdf=False, reuse=self.reuse)
        _, _, self.published = write_site(self.state, self.project.out, self.ctx,
                                          keep_shells=True)
        # the link resolvers of the pages just written, ready for the first edit
        self.links = {lang: BodyLinks(result.urls)
                      for lang, result in self.published.results.items()}
        return f"full build in {time.perf_counter() - started:.2f}s"

    def update(self) -> str:
        """Rebuild after an edit; returns what was done and how long it took.

        The cycle collector is paused meanwhile: one of its full passes over the site kept in
        memory (millions of objects at n=1,000) costs 0.5 s, half of an update; the garbage
        an update leaves is collected by a later pass, while nobody waits."""
        paused = gc.isenabled()
        gc.disable()
        try:
            return self._update()
        finally:
            if paused:
                gc.enable()

    def _update(self) -> str:
        started = time.perf_counter()
        now = _snapshot(self.project)
        changed = {p for p in set(now) | set(self.files) if now.get(p) != self.files.get(p)}
        if not changed:
            return "nothing changed"
        entity_ids = self._entity_ids(changed)
        if self.state is None or entity_ids is None:
            return self.full()
        edition = self.loader.load()
        old = self.state.edition
        if set(edition.entities) != set(old.entities) or any(
                _shape(edition, i) != _shape(old, i) for i in entity_ids):
            return self.full()
        n = self._patch(edition, entity_ids)
        if n is None:
            return self.full()
        self.files = now
        return (f"updated {n} pages of {', '.join(sorted(entity_ids))} in "
                f"{time.perf_counter() - started:.2f}s")

    def _entity_ids(self, changed: set[str]) -> set[str] | None:
        ids = set()
        for name in changed:
            path = Path(name)
            if not path.is_relative_to(self.project.content):
                return None  # a template or style changed: every page may change
            rel = path.relative_to(self.project.content).parts
            if len(rel) != 2 or rel[0] == "sources" or path.suffix not in (".yaml", ".yml"):
                return None
            ids.add(path.stem)
        return ids

    def _embeds(self, edition: Edition, entity_ids: set[str], charts,
                env) -> list[tuple[Path, bytes]]:
        """The embed pages of the edited entities, in every language."""
        rs, out = self.state, self.project.out
        source_tag = rs.locales[edition.languages[0]].tag
        prefixes = tuple(f"embed/{i}/" for i in entity_ids)
        writes = []
        for lang, loc in rs.locales.items():
            embeds = render_embeds(env, edition, loc, source_tag, rs.site_url, charts[lang],
                                   rs.maps.get(lang, {}), only=entity_ids)
            rs.embeds[lang] = [e for e in rs.embeds[lang]
                               if not e.path.startswith(prefixes)] + embeds
            writes += [(out / lang / e.path / "index.html", e.html.encode("utf-8"))
                       for e in embeds]
        return writes

    def close(self) -> None:
        """End the chart workers kept between updates."""
        if self.renderer is not None:
            self.renderer.close()
            self.renderer = None

    def _fonts_for(self, edition: Edition, drawn: frozenset[str]) -> None:
        """Fonts that draw every character of `drawn` (those of the charts to draw again).
        Page text needs none (the browser's fonts show it); a character the subset lacks
        derives a larger one, for the whole edition, in seconds."""
        rs = self.state
        if rs.fonts is None or not rs.fonts.covers(drawn):
            rs.fonts = static_fonts(self.ctx.cache, edition_chars(edition, rs.locales,
                                                                  rs.templates))
        if self.renderer is not None and self.renderer.fonts != rs.fonts:
            self.close()  # a worker draws with the fonts it started with
        if self.renderer is None:
            self.renderer = SvgRenderer(self.ctx.cache, rs.fonts, self.ctx.workers)

    def _wanted(self, edition: Edition, entity_ids: set[str], derived) -> set[str]:
        """The paths of the pages an edit of `entity_ids` changes."""
        rs = self.state
        wanted = {f"{edition.kinds[i]}/{i}/" for i in entity_ids}
        if any(_quotes(edition, i) != _quotes(rs.edition, i) for i in entity_ids):
            wanted.add("sources/")  # the sources page lists every quote cited
        if derived.term_pages != rs.derived.term_pages:
            wanted.add("glossary/")  # each term lists the pages that use it
        return wanted

    def _patch(self, edition: Edition, entity_ids: set[str]) -> int | None:
        """Render the touched pages and write them into the site; None: cannot. The edited
        entities' names, relations and figures are as before (see `_shape`): the change
        list, the feed, the data package and the share cards (a page's title and figures)
        stay as they are."""
        rs, out = self.state, self.project.out
        derived = derive(edition, self.reuse.terms)
        wanted = self._wanted(edition, entity_ids, derived)
        planned = [(lang, page) for lang in rs.locales for page in plan_pages(edition, lang)
                   if page.path in wanted]
        jobs = chart_jobs(edition, rs.locales, only=entity_ids, builder=self.reuse.specs)
        self._fonts_for(edition, chars_of([job.spec for job in jobs]))
        fresh = draw_charts(jobs, rs.locales, self.renderer)
        charts = {lang: {**rs.charts[lang], **fresh[lang]} for lang in rs.locales}
        pages = PageRenderer(edition, derived, rs.locales, rs.templates, rs.site_url, False,
                             rs.build_date, rs.changes, rs.releases, self.reuse.env)
        writes, updated = [], {}
        for lang, page in planned:
            result = self.published.results[lang]
            new, old = pages.render(page, charts, rs.maps), rs.page(lang, page.path)
            shell = result.shells.get(page.src)
            if shell is None or new.toc != old.toc or \
                    replace(new.meta, description="") != replace(old.meta, description=""):
                return None  # the table of contents or the page's metadata would change
            before, after = shell
            if new.meta.description != old.meta.description:
                before = before.replace(html.escape(old.meta.description, quote=True),
                                        html.escape(new.meta.description, quote=True))
            body = self.links[lang].resolve(new.body, page.src)
            writes.append((out / lang / page.path / "index.html", before + body + after))
            result.shells[page.src] = (before, after)
            updated[(lang, page.path)] = new
        writes += self._embeds(edition, entity_ids, charts, pages.env)
        for target, text in writes:
            if isinstance(text, bytes):
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(text)
            else:
                target.write_text(text, encoding="utf-8")
        rs.edition, rs.derived, rs.charts = edition, derived, charts
        for lang in rs.locales:
            rs.pages[lang] = [updated.get((lang, p.page.path), p) for p in rs.pages[lang]]
            for rel, data in language_downloads(rs, lang, only=entity_ids):
                (out / lang / rel).write_bytes(as_bytes(data))
        return len(updated)
