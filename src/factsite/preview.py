"""Preview builds that redo only what changed: after an edit to fact sheets whose page
structure stays the same (names, relations, sections), only those pages (both languages),
their charts and downloads, and the sources page are rendered again and put into the built
HTML in place; anything else falls back to a full build."""

from __future__ import annotations

import re
import time
from pathlib import Path

from factsite.derive import derive
from factsite.edition import Edition
from factsite.engine import BODY_END, BODY_START
from factsite.loader import load_edition
from factsite.pages import LANGS, plan_pages
from factsite.pipeline import (RenderedSite, data_files, prepare_charts, render_one,
                               render_site, write_site)

_H2 = re.compile(r'<h2 id="([^"]+)">')


def _snapshot(*folders: Path) -> dict[Path, tuple[int, int]]:
    return {p: (p.stat().st_mtime_ns, p.stat().st_size)
            for folder in folders for p in sorted(folder.rglob("*")) if p.is_file()}


def _shape(edition: Edition, entity_id: str) -> tuple:
    """What other pages show of an entity: if it changes, a full build is needed."""
    e = edition.entities.get(entity_id)
    if e is None:
        return ()
    return (e.name, e.type, e.short_name, e.parent, e.links, e.terms,
            tuple((f.id, f.metric, f.terms) for f in e.facts))


def _quotes(edition: Edition, entity_id: str) -> set[tuple[str, str]]:
    from factsite.derive import source_refs

    return {(r.doc, r.quote) for r in source_refs(edition.entities[entity_id])}


class Preview:
    """Keeps the last build in memory; `update()` rebuilds only what an edit touched."""

    def __init__(self, content: Path, templates: Path, out: Path, site_url: str = ""):
        self.content, self.templates, self.out, self.site_url = content, templates, out, \
            site_url
        self.state: RenderedSite | None = None
        self.files: dict[Path, tuple[int, int]] = {}

    def full(self) -> str:
        started = time.perf_counter()
        self.files = _snapshot(self.content, self.templates)
        self.state = render_site(self.content, self.templates, self.site_url, pdf=False)
        write_site(self.state, self.templates, self.out)
        return f"full build in {time.perf_counter() - started:.2f}s"

    def update(self) -> str:
        """Rebuild after an edit; returns what was done and how long it took."""
        started = time.perf_counter()
        now = _snapshot(self.content, self.templates)
        changed = {p for p in set(now) | set(self.files) if now.get(p) != self.files.get(p)}
        if not changed:
            return "nothing changed"
        entity_ids = self._entity_ids(changed)
        if self.state is None or entity_ids is None:
            return self.full()
        edition = load_edition(self.content)
        old = self.state.edition
        if set(edition.entities) != set(old.entities) or any(
                _shape(edition, i) != _shape(old, i) for i in entity_ids):
            return self.full()
        pages = self._patch(edition, entity_ids)
        if pages is None:
            return self.full()
        self.files = now
        return (f"updated {pages} pages of {', '.join(sorted(entity_ids))} in "
                f"{time.perf_counter() - started:.2f}s")

    def _entity_ids(self, changed: set[Path]) -> set[str] | None:
        ids = set()
        for path in changed:
            if not path.is_relative_to(self.content):
                return None  # a template or style changed: every page may change
            rel = path.relative_to(self.content).parts
            if len(rel) != 2 or rel[0] == "sources" or path.suffix not in (".yaml", ".yml"):
                return None
            ids.add(path.stem)
        return ids

    def _patch(self, edition: Edition, entity_ids: set[str]) -> int | None:
        """Render the touched pages and put them into the built HTML; None: cannot."""
        rs = self.state
        derived = derive(edition)
        charts, _, _ = prepare_charts(edition, only=entity_ids)
        for lang in LANGS:
            merged = dict(rs.charts[lang])
            merged.update(charts[lang])
            charts[lang] = merged
        wanted = {f"{edition.kinds[i]}/{i}/" for i in entity_ids}
        if any(_quotes(edition, i) != _quotes(rs.edition, i) for i in entity_ids):
            wanted.add("sources/")  # the sources page lists every quote cited
        updates = []
        for lang in LANGS:
            old_bodies = {page.path: body for page, _, body in rs.pages[lang]}
            for page in plan_pages(edition, lang):
                if page.path not in wanted:
                    continue
                _, _, body = render_one(page, edition, derived, rs.env, rs.strings, charts,
                                        rs.site_url, rs.pdf)
                if _H2.findall(body) != _H2.findall(old_bodies.get(page.path, "")):
                    return None  # the table of contents would change
                updates.append((lang, page.path, body))
        for lang, path, body in updates:
            target = self.out / lang / path / "index.html"
            html = target.read_text(encoding="utf-8")
            start, end = html.find(BODY_START), html.find(BODY_END)
            if start < 0 or end < 0:
                return None
            target.write_text(html[:start + len(BODY_START)] + body + html[end:],
                              encoding="utf-8")
        for lang in LANGS:
            for rel, data in data_files(edition, {lang: {i: charts[lang].get(i, [])
                                                         for i in entity_ids}},
                                        lang, only=entity_ids).items():
                (self.out / lang / rel).write_bytes(data)
        rs.edition, rs.derived, rs.charts = edition, derived, charts
        for lang in LANGS:
            fresh = {(l, p): b for l, p, b in updates}
            rs.pages[lang] = [(page, meta, fresh.get((lang, page.path), body))
                              for page, meta, body in rs.pages[lang]]
        return len(updates)
